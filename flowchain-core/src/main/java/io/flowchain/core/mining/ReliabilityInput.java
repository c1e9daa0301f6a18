package io.flowchain.core.mining;

import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * One reading that a node's {@link Reliability} is computed from: Flowcoin balance, battery,
 * bandwidth, signal, free disk, free heap, or anything else a deployment plugs in.
 *
 * <p>{@link #read()} returns a value in [0, 1], where 1 is "fully reliable". It may return NaN when
 * the reading is unavailable; {@link Reliability} then counts it as 0 and records that it did.
 *
 * <p>Implementations must be thread-safe and must not block: {@code read()} is called on the
 * miner's tick, so a slow source (a sensor, a file system) must be sampled elsewhere and cached.
 */
public interface ReliabilityInput {
  /** A short, stable name for logs and metrics, e.g. {@code "battery"}. */
  String name();

  /** The current reading in [0, 1], or NaN if none is available. Must not block. */
  double read();

  /** An input named {@code name} that returns whatever {@code reader} returns. */
  static ReliabilityInput of(String name, DoubleSupplier reader) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(reader, "reader");
    return new ReliabilityInput() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public double read() {
        return reader.getAsDouble();
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }

  /** Clamps {@code v} to [0, 1], keeping NaN as NaN. A helper for implementations. */
  static double clamp01(double v) {
    if (Double.isNaN(v)) {
      return v;
    }
    return Math.max(0.0, Math.min(1.0, v));
  }
}
