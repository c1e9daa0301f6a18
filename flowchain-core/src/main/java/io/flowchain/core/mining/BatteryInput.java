package io.flowchain.core.mining;

import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * The battery level as a fraction in [0, 1] (values outside are clamped; NaN means "unknown"). A
 * mains-powered device reads 1 ({@link #mainsPowered()}).
 *
 * <p>Thread-safe if the supplier is; the supplier must not block.
 */
public final class BatteryInput implements ReliabilityInput {
  /** The default weight of this input in a node's {@link Reliability}. */
  public static final double DEFAULT_WEIGHT = 0.2;

  private final DoubleSupplier level;

  /** An input over a battery level in [0, 1]. */
  public BatteryInput(DoubleSupplier level) {
    this.level = Objects.requireNonNull(level, "level");
  }

  /** A device without a battery: always reads 1. */
  public static BatteryInput mainsPowered() {
    return new BatteryInput(() -> 1.0);
  }

  @Override
  public String name() {
    return "battery";
  }

  @Override
  public double read() {
    return ReliabilityInput.clamp01(level.getAsDouble());
  }
}
