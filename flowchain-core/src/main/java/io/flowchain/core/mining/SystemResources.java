package io.flowchain.core.mining;

import java.io.File;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Suppliers over the real machine for {@link FreeDiskInput} and {@link FreeHeapInput}. The only
 * class in this package that touches the system; everything else takes injected suppliers.
 *
 * <p>{@link File#getUsableSpace()} is a system call and may be slow on some file systems; a node
 * that reads it on the miner's tick should sample it on another thread and cache the value.
 */
public final class SystemResources {
  private SystemResources() {}

  /** Usable bytes on the file system that holds {@code dir} (0 if it cannot be read). */
  public static LongSupplier usableDiskBytes(File dir) {
    Objects.requireNonNull(dir, "dir");
    return dir::getUsableSpace;
  }

  /**
   * The free fraction of this JVM's heap: {@code (max − used) / max}, with {@code max} the heap
   * limit (the current heap size if the JVM reports no limit).
   */
  public static DoubleSupplier freeHeapFraction(Runtime runtime) {
    Objects.requireNonNull(runtime, "runtime");
    return () -> {
      long used = runtime.totalMemory() - runtime.freeMemory();
      long max =
          runtime.maxMemory() == Long.MAX_VALUE ? runtime.totalMemory() : runtime.maxMemory();
      return max <= 0 ? Double.NaN : (double) (max - used) / max;
    };
  }
}
