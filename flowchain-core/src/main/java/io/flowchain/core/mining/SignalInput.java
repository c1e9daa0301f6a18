package io.flowchain.core.mining;

import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Radio signal strength (RSSI, dBm) mapped linearly from {@value #WORST_DBM} dBm → 0 to {@value
 * #BEST_DBM} dBm → 1, clamped outside that range. NaN means "no radio reading".
 *
 * <p>Thread-safe if the supplier is; the supplier must not block.
 */
public final class SignalInput implements ReliabilityInput {
  /** The default weight of this input in a node's {@link Reliability}. */
  public static final double DEFAULT_WEIGHT = 0.1;

  /** The RSSI that reads 0. */
  public static final double WORST_DBM = -90.0;

  /** The RSSI that reads 1. */
  public static final double BEST_DBM = -30.0;

  private final DoubleSupplier rssiDbm;

  /** An input over an RSSI reading in dBm. */
  public SignalInput(DoubleSupplier rssiDbm) {
    this.rssiDbm = Objects.requireNonNull(rssiDbm, "rssiDbm");
  }

  @Override
  public String name() {
    return "signal";
  }

  @Override
  public double read() {
    return ReliabilityInput.clamp01((rssiDbm.getAsDouble() - WORST_DBM) / (BEST_DBM - WORST_DBM));
  }
}
