package io.flowchain.core.mining;

import io.flowchain.core.types.Difficulty;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The mining difficulty table of paper Listing 2: the probability range [0, 1] split into {@code n}
 * equal buckets, each mapped to a {@link Difficulty}.
 *
 * <p>Bucket {@code i} covers {@code [i/n, (i+1)/n)}; the last bucket also includes 1.0. The
 * boundaries are the doubles {@code (double) i / n}, so {@code forProbability(0.2)} on a
 * five-bucket table is bucket 1, never bucket 0 through a rounding error.
 *
 * <p>Targets must get easier (the target must not decrease) as the probability rises: a low
 * probability means a hard block. The constructor rejects any other order.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class DifficultyTable {
  private final List<Difficulty> targets;

  /**
   * A table whose bucket {@code i} maps to {@code targets.get(i)}.
   *
   * @throws IllegalArgumentException if {@code targets} is empty, holds {@code null}, or a target
   *     is harder (smaller) than the one before it
   */
  public DifficultyTable(List<Difficulty> targets) {
    Objects.requireNonNull(targets, "targets");
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("a difficulty table needs at least one bucket");
    }
    List<Difficulty> copy = new ArrayList<>(targets.size());
    for (int i = 0; i < targets.size(); i++) {
      Difficulty d = targets.get(i);
      if (d == null) {
        throw new IllegalArgumentException("difficulty table bucket " + i + " is null");
      }
      if (i > 0 && d.compareTo(copy.get(i - 1)) < 0) {
        throw new IllegalArgumentException(
            "difficulty table must get easier (non-decreasing target) as probability rises, but"
                + " bucket "
                + i
                + " ("
                + d.toHex()
                + ") is harder than bucket "
                + (i - 1)
                + " ("
                + copy.get(i - 1).toHex()
                + ")");
      }
      copy.add(d);
    }
    this.targets = List.copyOf(copy);
  }

  /**
   * Paper Listing 2 read as 256-bit targets: 16, 12, 8, 4 and 0 leading zero bits for [0, 0.2),
   * [0.2, 0.4), [0.4, 0.6), [0.6, 0.8) and [0.8, 1.0]. The last entry accepts every hash.
   */
  public static DifficultyTable paper() {
    return ofLeadingZeroBits(16, 12, 8, 4, 0);
  }

  /**
   * The project default: 16, 14, 12, 10 and 8 leading zero bits. At 64 attempts per 50 ms tick a
   * block takes on average about 51 s, 12.8 s, 3.2 s, 0.8 s and 0.2 s (see {@link
   * BlockTimeReport}).
   */
  public static DifficultyTable defaults() {
    return ofLeadingZeroBits(16, 14, 12, 10, 8);
  }

  /**
   * A table of {@link Difficulty#leadingZeroBits(int)} targets, hardest first.
   *
   * @throws IllegalArgumentException if a count is out of [0, 256] or a count is larger than the
   *     one before it
   */
  public static DifficultyTable ofLeadingZeroBits(int... bits) {
    Objects.requireNonNull(bits, "bits");
    List<Difficulty> list = new ArrayList<>(bits.length);
    for (int b : bits) {
      list.add(Difficulty.leadingZeroBits(b));
    }
    return new DifficultyTable(list);
  }

  /**
   * The target of the bucket that {@code p} falls in.
   *
   * @throws IllegalArgumentException if {@code p} is NaN or outside [0, 1]
   */
  public Difficulty forProbability(double p) {
    return targets.get(bucketOf(p));
  }

  /**
   * The index of the bucket that {@code p} falls in.
   *
   * @throws IllegalArgumentException if {@code p} is NaN or outside [0, 1]
   */
  public int bucketOf(double p) {
    if (!(p >= 0.0 && p <= 1.0)) {
      throw new IllegalArgumentException("probability must be in [0, 1]: " + p);
    }
    int n = targets.size();
    int i = Math.min(n - 1, (int) (p * n));
    // p * n can round across a boundary; settle on the doubles (double) i / n.
    if (i > 0 && p < lowerBound(i)) {
      i--;
    } else if (i < n - 1 && p >= lowerBound(i + 1)) {
      i++;
    }
    return i;
  }

  /** The lowest probability of bucket {@code i}: {@code (double) i / size()}. */
  public double lowerBound(int i) {
    return (double) i / targets.size();
  }

  /**
   * True if {@code d} is one of this table's targets. A verifier uses it to check that a block was
   * mined at a difficulty the network allows.
   */
  public boolean contains(Difficulty d) {
    return d != null && targets.contains(d);
  }

  /** The targets, bucket 0 (hardest) first; unmodifiable. */
  public List<Difficulty> targets() {
    return targets;
  }

  /** The number of buckets. */
  public int size() {
    return targets.size();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DifficultyTable t && t.targets.equals(targets);
  }

  @Override
  public int hashCode() {
    return targets.hashCode();
  }

  @Override
  public String toString() {
    return "DifficultyTable" + targets;
  }
}
