package io.flowchain.core.mining;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The stake in "mining-based proof of stake": a node's Flowcoin balance {@code b} mapped to {@code
 * 1 − exp(−b / scale)}. A node with no coins reads 0, a node holding {@code scale} coins reads
 * about 0.63, and the reading approaches 1 as the balance grows, so a rich node cannot buy more
 * than full reliability. A negative balance reads 0.
 *
 * <p>Thread-safe if the supplier is; the supplier must not block.
 */
public final class FlowcoinBalanceInput implements ReliabilityInput {
  /** The default scale: 10 Flowcoins read as 1 − 1/e ≈ 0.63. */
  public static final double DEFAULT_SCALE = 10.0;

  /** The default weight of this input in a node's {@link Reliability}. */
  public static final double DEFAULT_WEIGHT = 0.4;

  private final LongSupplier balance;
  private final double scale;

  /** An input over {@code balance} with the default scale. */
  public FlowcoinBalanceInput(LongSupplier balance) {
    this(balance, DEFAULT_SCALE);
  }

  /**
   * An input over {@code balance} with the given scale.
   *
   * @throws IllegalArgumentException if {@code scale} is not positive and finite
   */
  public FlowcoinBalanceInput(LongSupplier balance, double scale) {
    this.balance = Objects.requireNonNull(balance, "balance");
    if (!(scale > 0.0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("balance scale must be positive and finite: " + scale);
    }
    this.scale = scale;
  }

  @Override
  public String name() {
    return "flowcoin-balance";
  }

  @Override
  public double read() {
    long b = balance.getAsLong();
    if (b <= 0) {
      return 0.0;
    }
    return -Math.expm1(-b / scale);
  }

  /** The balance that reads {@code 1 − 1/e}. */
  public double scale() {
    return scale;
  }
}
