package io.flowchain.core.mining;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A node's reliability R in [0, 1]: the weighted mean of its {@link ReliabilityInput}s,
 *
 * <pre>R = Σ wᵢ·clamp(rᵢ) / Σ wᵢ</pre>
 *
 * where each reading {@code rᵢ} is clamped to [0, 1] and a NaN reading counts as 0 (and is counted
 * in {@link #nanReadings()}, so a broken sensor shows up in the metrics instead of silently making
 * the node look reliable). Weights must be positive and finite; input names must be distinct.
 *
 * <p>With no inputs at all, R is 1: a node that measures nothing is treated as fully reliable
 * (fixed, well-provisioned machines are the case in the paper where invalid conditions cannot
 * occur). Configure inputs to make R mean something.
 *
 * <p>Thread-safe if its inputs are; {@link #read()} does not block if they do not.
 */
public final class Reliability {
  /** An input and its weight in the mean. */
  public record Weighted(ReliabilityInput input, double weight) {
    /**
     * Validates the weight.
     *
     * @throws IllegalArgumentException if {@code weight} is not a positive finite number
     */
    public Weighted {
      Objects.requireNonNull(input, "input");
      if (!(weight > 0.0) || Double.isInfinite(weight)) {
        throw new IllegalArgumentException(
            "reliability weight of '" + input.name() + "' must be positive and finite: " + weight);
      }
    }
  }

  private final List<Weighted> inputs;
  private final double totalWeight;
  private final AtomicLong nanReadings = new AtomicLong();

  /**
   * A reliability over {@code inputs}, in that order.
   *
   * @throws IllegalArgumentException if two inputs share a name
   */
  public Reliability(List<Weighted> inputs) {
    this.inputs = List.copyOf(Objects.requireNonNull(inputs, "inputs"));
    Set<String> names = new HashSet<>();
    double sum = 0;
    for (Weighted w : this.inputs) {
      if (!names.add(w.input().name())) {
        throw new IllegalArgumentException(
            "reliability input names must be distinct: '" + w.input().name() + "' appears twice");
      }
      sum += w.weight();
    }
    this.totalWeight = sum;
  }

  /** A reliability over no inputs: {@link #read()} is always 1. */
  public static Reliability none() {
    return new Reliability(List.of());
  }

  /** A reliability that always reads {@code r}, for tests and fixed deployments. */
  public static Reliability constant(double r) {
    if (!(r >= 0.0 && r <= 1.0)) {
      throw new IllegalArgumentException("constant reliability must be in [0, 1]: " + r);
    }
    return builder().add(ReliabilityInput.of("constant", () -> r), 1.0).build();
  }

  /** A builder that adds inputs one by one. */
  public static Builder builder() {
    return new Builder();
  }

  /** The current reliability in [0, 1]: reads every input once. */
  public double read() {
    if (inputs.isEmpty()) {
      return 1.0;
    }
    double sum = 0;
    for (Weighted w : inputs) {
      double r = w.input().read();
      if (Double.isNaN(r)) {
        nanReadings.incrementAndGet();
        r = 0.0;
      }
      sum += w.weight() * Math.max(0.0, Math.min(1.0, r));
    }
    return Math.max(0.0, Math.min(1.0, sum / totalWeight));
  }

  /** How many readings so far were NaN (and counted as 0). */
  public long nanReadings() {
    return nanReadings.get();
  }

  /** The inputs and their weights, in the order given. */
  public List<Weighted> inputs() {
    return inputs;
  }

  @Override
  public String toString() {
    return "Reliability" + inputs;
  }

  /** Collects weighted inputs; not thread-safe. */
  public static final class Builder {
    private final List<Weighted> inputs = new ArrayList<>();

    private Builder() {}

    /**
     * Adds {@code input} with {@code weight}.
     *
     * @throws IllegalArgumentException if {@code weight} is not positive and finite
     */
    public Builder add(ReliabilityInput input, double weight) {
      inputs.add(new Weighted(input, weight));
      return this;
    }

    /**
     * The reliability over the inputs added so far.
     *
     * @throws IllegalArgumentException if two inputs share a name
     */
    public Reliability build() {
      return new Reliability(inputs);
    }
  }
}
