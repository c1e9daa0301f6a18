package io.flowchain.core.mining;

import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * The free fraction of the heap in [0, 1] (values outside are clamped; NaN means "unknown"). Out of
 * memory is an invalid condition for the valid block (paper §4.1); this input lowers reliability
 * before it happens.
 *
 * <p>Thread-safe if the supplier is; the supplier must not block. {@link
 * SystemResources#freeHeapFraction} gives a supplier over this JVM's heap.
 */
public final class FreeHeapInput implements ReliabilityInput {
  /** The default weight of this input in a node's {@link Reliability}. */
  public static final double DEFAULT_WEIGHT = 0.1;

  private final DoubleSupplier freeFraction;

  /** An input over a free-heap fraction. */
  public FreeHeapInput(DoubleSupplier freeFraction) {
    this.freeFraction = Objects.requireNonNull(freeFraction, "freeFraction");
  }

  @Override
  public String name() {
    return "free-heap";
  }

  @Override
  public double read() {
    return ReliabilityInput.clamp01(freeFraction.getAsDouble());
  }
}
