package io.flowchain.core.mining;

import io.flowchain.core.types.Difficulty;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Picks the difficulty of the next block (paper §3.2): the node's reliability R is the variance of
 * a Gaussian, a point x is drawn uniformly from [0, 1), and the Gaussian's density at x, normalised
 * by its peak, indexes the {@link DifficultyTable}:
 *
 * <pre>
 *   p(R, x) = pdf_{N(0, σ² = R)}(x) / pdf_{N(0, σ² = R)}(0) = exp(−x² / (2R))
 * </pre>
 *
 * <p>A reliable node (large R) has a wide Gaussian, so p stays near 1 for most x and the node
 * mostly gets the easy buckets; an unreliable node (small R) has a narrow one, p falls to 0 quickly
 * and the node mostly gets the hard buckets. For a fixed x, p never decreases as R rises, so a more
 * reliable node is never given a harder target for the same draw. Dividing by the peak density
 * keeps p in [0, 1], the domain of the table, whatever R is (the raw density peaks at 1/√(2πR),
 * which is above 1 for R &lt; 1/(2π)).
 *
 * <p>R is clamped to at least {@value #MIN_RELIABILITY}: a node of reliability 0 is treated as
 * reliability {@value #MIN_RELIABILITY}, which puts p below 0.01 for every x above about 0.003.
 * This keeps the variance positive, as the normal distribution requires.
 *
 * <p>Deliberate deviation from the talk's code, which evaluates the unnormalised density at {@code
 * x − variance}. Shifting x by the variance moves the Gaussian's peak to x = R, so the difficulty
 * is not monotone in reliability: at x = 0.5 the talk's density is 0.24, 0.57, 0.71, 0.56 and 0.35
 * for R = 0.05, 0.1, 0.2, 0.5 and 1, so a node of reliability 1 would get a harder bucket than one
 * of reliability 0.2 (and the density exceeds 1, outside the table, for small R). Here the Gaussian
 * is centred at 0 and normalised by its peak; at x = 0.5 the same reliabilities give 0.08, 0.29,
 * 0.54, 0.78 and 0.88, and "more reliable" always means "never harder".
 *
 * <p>Not thread-safe: the random generator is shared state. Call it from the miner's thread.
 */
public final class DifficultyControl {
  /** The smallest reliability used as a variance; lower values are raised to it. */
  public static final double MIN_RELIABILITY = 1e-6;

  private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0.0, 1.0);
  private static final double PEAK_DENSITY = STANDARD_NORMAL.density(0.0);

  private final DifficultyTable table;
  private final Reliability reliability;
  private final RandomGenerator random;

  /** Why a difficulty was picked: the inputs and the result of one decision. */
  public record Decision(double reliability, double x, double probability, Difficulty difficulty) {
    /** Rejects a decision without a difficulty. */
    public Decision {
      Objects.requireNonNull(difficulty, "difficulty");
    }
  }

  /**
   * A control over {@code table} that reads {@code reliability} and draws x from {@code random}.
   */
  public DifficultyControl(DifficultyTable table, Reliability reliability, RandomGenerator random) {
    this.table = Objects.requireNonNull(table, "table");
    this.reliability = Objects.requireNonNull(reliability, "reliability");
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * The normalised Gaussian density {@code exp(−x² / (2R))} (R clamped to at least {@value
   * #MIN_RELIABILITY}); the result is in [0, 1].
   *
   * <p>It is computed with commons-statistics' {@link NormalDistribution} through the
   * standardisation identity {@code pdf_{N(0, R)}(x) / pdf_{N(0, R)}(0) = φ(x/√R) / φ(0)}, φ the
   * standard normal density. Both sides are equal in exact arithmetic; the right one is also
   * exactly non-decreasing in R in floating point, because √R, the division, φ and the division by
   * the constant φ(0) are each monotone. Dividing the two densities of {@code N(0, √R)} instead
   * rounds each through a normalising constant that changes with R, and the property tests found
   * pairs R₁ &lt; R₂ where that gives R₂ a probability one unit in the last place lower, which
   * could put a more reliable node in a harder bucket at a bucket boundary.
   *
   * @param reliability R in [0, 1], the variance
   * @param x the draw in [0, 1]
   * @throws IllegalArgumentException if either argument is NaN or out of range
   */
  public static double probability(double reliability, double x) {
    if (!(reliability >= 0.0 && reliability <= 1.0)) {
      throw new IllegalArgumentException("reliability must be in [0, 1]: " + reliability);
    }
    if (!(x >= 0.0 && x <= 1.0)) {
      throw new IllegalArgumentException("x must be in [0, 1]: " + x);
    }
    double z = x / Math.sqrt(Math.max(MIN_RELIABILITY, reliability));
    return Math.min(1.0, STANDARD_NORMAL.density(z) / PEAK_DENSITY);
  }

  /** Draws x, reads the reliability and picks the next block's difficulty. */
  public Difficulty next() {
    return decide().difficulty();
  }

  /** Like {@link #next()}, and says why: the reliability, x and probability behind the pick. */
  public Decision decide() {
    double x = random.nextDouble();
    return decideFor(reliability.read(), x);
  }

  /**
   * The difficulty for a given reliability and draw; pure.
   *
   * @throws IllegalArgumentException as {@link #probability(double, double)}
   */
  public Difficulty nextFor(double reliability, double x) {
    return decideFor(reliability, x).difficulty();
  }

  /**
   * The decision for a given reliability and draw; pure.
   *
   * @throws IllegalArgumentException as {@link #probability(double, double)}
   */
  public Decision decideFor(double reliability, double x) {
    double p = probability(reliability, x);
    return new Decision(reliability, x, p, table.forProbability(p));
  }

  /** The table this control picks from. */
  public DifficultyTable table() {
    return table;
  }

  /** The reliability this control reads. */
  public Reliability reliability() {
    return reliability;
  }
}
