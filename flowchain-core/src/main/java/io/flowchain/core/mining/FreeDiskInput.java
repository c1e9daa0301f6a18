package io.flowchain.core.mining;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Free disk space against a required minimum: {@code min(1, free / required)}. A node with at least
 * the required space reads 1; it falls towards 0 as the disk fills up (a nearly full disk is also
 * an invalid condition for the valid block, paper §4.1).
 *
 * <p>Thread-safe if the supplier is; the supplier must not block. {@link
 * SystemResources#usableDiskBytes} gives a supplier over a real directory.
 */
public final class FreeDiskInput implements ReliabilityInput {
  /** The default weight of this input in a node's {@link Reliability}. */
  public static final double DEFAULT_WEIGHT = 0.1;

  private final LongSupplier freeBytes;
  private final long requiredBytes;

  /**
   * An input over a free-bytes reading.
   *
   * @throws IllegalArgumentException if {@code requiredBytes} is not positive
   */
  public FreeDiskInput(LongSupplier freeBytes, long requiredBytes) {
    this.freeBytes = Objects.requireNonNull(freeBytes, "freeBytes");
    if (requiredBytes <= 0) {
      throw new IllegalArgumentException("required free disk must be positive: " + requiredBytes);
    }
    this.requiredBytes = requiredBytes;
  }

  @Override
  public String name() {
    return "free-disk";
  }

  @Override
  public double read() {
    return ReliabilityInput.clamp01((double) freeBytes.getAsLong() / requiredBytes);
  }
}
