package io.flowchain.core.mining;

import io.flowchain.core.types.Difficulty;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Expected block times of a {@link DifficultyTable} for a miner that makes a fixed number of hash
 * attempts per scheduler tick.
 *
 * <p>Per table entry: {@code expectedAttempts / attemptsPerSecond}, with {@link
 * Difficulty#expectedAttempts()} = 2^256 / (target + 1) and {@code attemptsPerSecond =
 * attemptsPerTick · 1000 / tickMillis}: the mean of a model in which attempts are spread evenly
 * over time. A miner that makes its attempts in a burst per tick finishes a block at the end of the
 * tick in which an attempt succeeds; {@link #expectedTickSeconds(Difficulty)} gives that mean,
 * {@code tick / (1 − (1 − q)^attemptsPerTick)} with {@code q = 1 / expectedAttempts}. The two agree
 * for hard targets (the burst adds about half a tick) and differ most for targets easier than one
 * tick's worth of attempts, which still take a whole tick.
 *
 * <p>Per reliability R: the mean, over x uniform in [0, 1), of the expected time of the entry that
 * {@link DifficultyControl} picks for (R, x), i.e. the expected time of one block whose difficulty
 * is drawn once. It is computed exactly, not by numeric integration: p(x) = exp(−x²/(2R)) is
 * continuous and strictly decreasing in x, so the draws that land in bucket i (p in [i/n, (i+1)/n))
 * form an interval of x whose ends are x = √(−2R·ln b) at the bucket boundaries b, clipped to [0,
 * 1). Each bucket's share is the length of its interval. R is clamped to {@link
 * DifficultyControl#MIN_RELIABILITY} as in the control itself.
 *
 * <p>Immutable and thread-safe.
 */
public final class BlockTimeReport {
  /** Reliabilities shown by {@link #toString()}. */
  private static final double[] SHOWN_RELIABILITIES = {0.0, 0.05, 0.1, 0.25, 0.5, 0.75, 1.0};

  private final DifficultyTable table;
  private final int attemptsPerTick;
  private final long tickMillis;

  /** One table entry and its expected block time. */
  public record Entry(
      int bucket,
      double fromProbability,
      double toProbability,
      Difficulty target,
      double expectedAttempts,
      double expectedSeconds,
      double expectedTickSeconds) {
    /** The number of leading zero bits of the target (256 for a zero target). */
    public int leadingZeroBits() {
      return 256 - target.target().bitLength();
    }
  }

  /**
   * A report for {@code table} at {@code attemptsPerTick} hash attempts every {@code tickMillis}.
   *
   * @throws IllegalArgumentException if either rate argument is not positive
   */
  public BlockTimeReport(DifficultyTable table, int attemptsPerTick, long tickMillis) {
    this.table = Objects.requireNonNull(table, "table");
    if (attemptsPerTick <= 0) {
      throw new IllegalArgumentException("attempts per tick must be positive: " + attemptsPerTick);
    }
    if (tickMillis <= 0) {
      throw new IllegalArgumentException("tick length must be positive: " + tickMillis + " ms");
    }
    this.attemptsPerTick = attemptsPerTick;
    this.tickMillis = tickMillis;
  }

  /** Hash attempts per second: {@code attemptsPerTick · 1000 / tickMillis}. */
  public double attemptsPerSecond() {
    return attemptsPerTick * 1000.0 / tickMillis;
  }

  /** The expected time in seconds to mine one block at difficulty {@code d}. */
  public double expectedSeconds(Difficulty d) {
    return d.expectedAttempts() / attemptsPerSecond();
  }

  /**
   * The expected time in seconds to mine one block at difficulty {@code d} when success is only
   * seen at the end of a tick: {@code tick / (1 − (1 − q)^attemptsPerTick)}, {@code q = 1 /
   * expectedAttempts}.
   */
  public double expectedTickSeconds(Difficulty d) {
    double q = 1.0 / d.expectedAttempts();
    double perTick = -Math.expm1(attemptsPerTick * Math.log1p(-q));
    return tickMillis / 1000.0 / perTick;
  }

  /** One entry per table bucket, bucket 0 (hardest) first. */
  public List<Entry> entries() {
    List<Entry> out = new ArrayList<>(table.size());
    for (int i = 0; i < table.size(); i++) {
      Difficulty d = table.targets().get(i);
      double to = i + 1 == table.size() ? 1.0 : table.lowerBound(i + 1);
      out.add(
          new Entry(
              i,
              table.lowerBound(i),
              to,
              d,
              d.expectedAttempts(),
              expectedSeconds(d),
              expectedTickSeconds(d)));
    }
    return List.copyOf(out);
  }

  /**
   * The share of draws x in [0, 1) that land in each bucket at reliability {@code r}; the shares
   * sum to 1.
   *
   * @throws IllegalArgumentException if {@code r} is NaN or outside [0, 1]
   */
  public double[] bucketShares(double r) {
    if (!(r >= 0.0 && r <= 1.0)) {
      throw new IllegalArgumentException("reliability must be in [0, 1]: " + r);
    }
    double variance = Math.max(DifficultyControl.MIN_RELIABILITY, r);
    int n = table.size();
    double[] shares = new double[n];
    // atLeast(b) = length of {x in [0, 1) : exp(−x²/(2R)) >= b}
    double above = 0.0; // atLeast of the next bucket's lower bound; nothing is above p = 1
    for (int i = n - 1; i >= 0; i--) {
      double atLeast = atLeast(table.lowerBound(i), variance);
      shares[i] = atLeast - above;
      above = atLeast;
    }
    return shares;
  }

  /**
   * The expected time in seconds of one block at reliability {@code r}: {@code Σ share_i ·
   * expectedSeconds_i}.
   *
   * @throws IllegalArgumentException if {@code r} is NaN or outside [0, 1]
   */
  public double expectedSecondsAt(double r) {
    return weighted(bucketShares(r), this::expectedSeconds);
  }

  /**
   * Like {@link #expectedSecondsAt(double)}, with {@link #expectedTickSeconds(Difficulty)} per
   * entry.
   *
   * @throws IllegalArgumentException if {@code r} is NaN or outside [0, 1]
   */
  public double expectedTickSecondsAt(double r) {
    return weighted(bucketShares(r), this::expectedTickSeconds);
  }

  private double weighted(double[] shares, ToDoubleFunction<Difficulty> seconds) {
    double sum = 0;
    for (int i = 0; i < shares.length; i++) {
      sum += shares[i] * seconds.applyAsDouble(table.targets().get(i));
    }
    return sum;
  }

  private static double atLeast(double b, double variance) {
    if (b <= 0.0) {
      return 1.0;
    }
    return Math.min(1.0, Math.sqrt(-2.0 * variance * Math.log(b)));
  }

  /** A markdown table of the entries: probability range, target, expected attempts and time. */
  public String table() {
    StringBuilder sb = new StringBuilder();
    sb.append("| bucket | probability | leading zero bits | target | expected attempts |")
        .append(" expected block time (s) | at tick granularity (s) |\n")
        .append("| ---: | --- | ---: | --- | ---: | ---: | ---: |\n");
    for (Entry e : entries()) {
      boolean last = e.bucket() == table.size() - 1;
      sb.append(
          String.format(
              Locale.ROOT,
              "| %d | [%s, %s%s | %d | `%s` | %s | %s | %s |\n",
              e.bucket(),
              number(e.fromProbability()),
              number(e.toProbability()),
              last ? "]" : ")",
              e.leadingZeroBits(),
              e.target().toHex(),
              number(e.expectedAttempts()),
              number(e.expectedSeconds()),
              number(e.expectedTickSeconds())));
    }
    return sb.toString();
  }

  /** A markdown table of bucket shares and expected block time at each reliability given. */
  public String reliabilityTable(double... reliabilities) {
    StringBuilder sb = new StringBuilder("| reliability R |");
    StringBuilder rule = new StringBuilder("| ---: |");
    for (int i = 0; i < table.size(); i++) {
      sb.append(" bucket ").append(i).append(" |");
      rule.append(" ---: |");
    }
    sb.append(" expected block time (s) | at tick granularity (s) |\n")
        .append(rule)
        .append(" ---: | ---: |\n");
    for (double r : reliabilities) {
      sb.append("| ").append(number(r)).append(" |");
      for (double share : bucketShares(r)) {
        sb.append(String.format(Locale.ROOT, " %.1f%% |", 100 * share));
      }
      sb.append(' ').append(number(expectedSecondsAt(r))).append(" |");
      sb.append(' ').append(number(expectedTickSecondsAt(r))).append(" |\n");
    }
    return sb.toString();
  }

  /** Both tables, with a heading that states the mining rate; what a CLI prints. */
  @Override
  public String toString() {
    return String.format(
            Locale.ROOT,
            "Expected block times at %d attempts per %d ms tick (%s attempts/s)\n\n",
            attemptsPerTick,
            tickMillis,
            number(attemptsPerSecond()))
        + table()
        + "\n"
        + reliabilityTable(SHOWN_RELIABILITIES);
  }

  /** Six significant digits, plain notation below 10^15. */
  static String number(double v) {
    if (Math.abs(v) >= 1e15) {
      return String.format(Locale.ROOT, "%.5e", v);
    }
    return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
  }
}
