package io.flowchain.core.mining;

import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Measured bandwidth against a target: {@code min(1, measured / target)} in bytes per second. A
 * node that moves at least the target rate reads 1; a negative measurement reads 0.
 *
 * <p>Thread-safe if the supplier is; the supplier must not block.
 */
public final class BandwidthInput implements ReliabilityInput {
  /** The default weight of this input in a node's {@link Reliability}. */
  public static final double DEFAULT_WEIGHT = 0.1;

  private final DoubleSupplier measuredBytesPerSecond;
  private final double targetBytesPerSecond;

  /**
   * An input over a measured rate.
   *
   * @throws IllegalArgumentException if {@code targetBytesPerSecond} is not positive and finite
   */
  public BandwidthInput(DoubleSupplier measuredBytesPerSecond, double targetBytesPerSecond) {
    this.measuredBytesPerSecond =
        Objects.requireNonNull(measuredBytesPerSecond, "measuredBytesPerSecond");
    if (!(targetBytesPerSecond > 0.0) || Double.isInfinite(targetBytesPerSecond)) {
      throw new IllegalArgumentException(
          "target bandwidth must be positive and finite: " + targetBytesPerSecond);
    }
    this.targetBytesPerSecond = targetBytesPerSecond;
  }

  @Override
  public String name() {
    return "bandwidth";
  }

  @Override
  public double read() {
    return ReliabilityInput.clamp01(measuredBytesPerSecond.getAsDouble() / targetBytesPerSecond);
  }
}
