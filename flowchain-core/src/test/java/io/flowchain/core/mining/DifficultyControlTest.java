package io.flowchain.core.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.flowchain.core.mining.DifficultyControl.Decision;
import io.flowchain.core.types.Difficulty;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

class DifficultyControlTest {
  private static final DifficultyControl DEFAULTS = control(DifficultyTable.defaults(), 1.0, 1);
  private static final DifficultyControl PAPER = control(DifficultyTable.paper(), 1.0, 1);

  private static DifficultyControl control(DifficultyTable table, double reliability, long seed) {
    return new DifficultyControl(
        table, Reliability.constant(reliability), new SplittableRandom(seed));
  }

  @Property
  void moreReliableIsNeverHarder(
      @ForAll @Scale(12) @DoubleRange(min = 0, max = 1, maxIncluded = false) double x,
      @ForAll @Scale(12) @DoubleRange(min = 0, max = 1, minIncluded = false) double a,
      @ForAll @Scale(12) @DoubleRange(min = 0, max = 1, minIncluded = false) double b) {
    double r1 = Math.min(a, b);
    double r2 = Math.max(a, b);
    for (DifficultyControl c : List.of(DEFAULTS, PAPER)) {
      Difficulty lessReliable = c.nextFor(r1, x);
      Difficulty moreReliable = c.nextFor(r2, x);
      assertThat(moreReliable.target()).isGreaterThanOrEqualTo(lessReliable.target());
    }
    assertThat(DifficultyControl.probability(r2, x))
        .isGreaterThanOrEqualTo(DifficultyControl.probability(r1, x));
  }

  @Test
  void neverHarderForReliabilitiesOneUlpApartAtBucketBoundaries() {
    // The reliability at which p(R, x) crosses a boundary b is R = -x^2 / (2 ln b); walk a few
    // ulps across it, where rounding (not the formula) decides the bucket.
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 20_000; i++) {
      double x = random.nextDouble();
      double b = 0.2 * (1 + random.nextInt(4));
      double r = -x * x / (2 * Math.log(b));
      if (!(r > 0 && r < 1)) {
        continue;
      }
      for (int k = 0; k < 8; k++) {
        r = Math.nextDown(r);
      }
      double p = DifficultyControl.probability(r, x);
      Difficulty d = DEFAULTS.nextFor(r, x);
      for (int k = 0; k < 16 && Math.nextUp(r) <= 1; k++) {
        r = Math.nextUp(r);
        double nextP = DifficultyControl.probability(r, x);
        Difficulty nextD = DEFAULTS.nextFor(r, x);
        assertThat(nextP).as("x = %s, R = %s", x, r).isGreaterThanOrEqualTo(p);
        assertThat(nextD.target()).as("x = %s, R = %s", x, r).isGreaterThanOrEqualTo(d.target());
        p = nextP;
        d = nextD;
      }
    }
  }

  @Property
  void probabilityIsTheNormalisedGaussian(
      @ForAll @Scale(12) @DoubleRange(min = 0, max = 1, minIncluded = false) double r,
      @ForAll @Scale(12) @DoubleRange(min = 0, max = 1, maxIncluded = false) double x) {
    double p = DifficultyControl.probability(r, x);
    assertThat(p).isBetween(0.0, 1.0);
    double variance = Math.max(r, DifficultyControl.MIN_RELIABILITY);
    assertThat(p).isCloseTo(Math.exp(-x * x / (2 * variance)), within(1e-12));
  }

  @Test
  void probabilityAtTheCentreIsOneAndFallsWithX() {
    for (double r : new double[] {0, 1e-9, 0.01, 0.2, 1}) {
      assertThat(DifficultyControl.probability(r, 0.0)).isEqualTo(1.0);
      assertThat(DifficultyControl.probability(r, 0.6))
          .isLessThanOrEqualTo(DifficultyControl.probability(r, 0.3));
    }
  }

  @Test
  void reliabilityIsClampedToTheMinimumVariance() {
    double x = 0.001;
    double atMinimum = Math.exp(-x * x / (2 * DifficultyControl.MIN_RELIABILITY));
    assertThat(DifficultyControl.probability(0.0, x)).isCloseTo(atMinimum, within(1e-12));
    assertThat(DifficultyControl.probability(1e-12, x)).isCloseTo(atMinimum, within(1e-12));
    assertThat(DEFAULTS.nextFor(0.0, 0.5)).isEqualTo(Difficulty.leadingZeroBits(16));
  }

  @Test
  void valuesQuotedInTheJavadocAtXOneHalf() {
    double[] r = {0.05, 0.1, 0.2, 0.5, 1.0};
    double[] p = {0.08, 0.29, 0.54, 0.78, 0.88};
    for (int i = 0; i < r.length; i++) {
      assertThat(DifficultyControl.probability(r[i], 0.5)).isCloseTo(p[i], within(0.005));
    }
  }

  @Test
  void rejectsArgumentsOutOfRange() {
    for (double r : new double[] {Double.NaN, -0.01, 1.01}) {
      assertThatThrownBy(() -> DifficultyControl.probability(r, 0.5))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("reliability must be in [0, 1]");
    }
    for (double x : new double[] {Double.NaN, -0.01, 1.01, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> DEFAULTS.nextFor(0.5, x))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("x must be in [0, 1]");
    }
  }

  @Test
  void decisionExplainsThePick() {
    Decision d = DEFAULTS.decideFor(0.5, 0.3);
    assertThat(d.reliability()).isEqualTo(0.5);
    assertThat(d.x()).isEqualTo(0.3);
    assertThat(d.probability()).isCloseTo(Math.exp(-0.09), within(1e-12));
    assertThat(d.difficulty()).isEqualTo(Difficulty.leadingZeroBits(8));
    // p = exp(-0.81) ≈ 0.445: bucket [0.4, 0.6)
    assertThat(DEFAULTS.nextFor(0.5, 0.9)).isEqualTo(Difficulty.leadingZeroBits(12));
  }

  @Test
  void nextDrawsXFromTheGeneratorAndReadsReliabilityEachTime() {
    AtomicReference<Double> level = new AtomicReference<>(0.9);
    Reliability reliability =
        Reliability.builder().add(ReliabilityInput.of("battery", level::get), 1).build();
    DifficultyControl c =
        new DifficultyControl(DifficultyTable.defaults(), reliability, new SplittableRandom(99));
    SplittableRandom same = new SplittableRandom(99);
    for (int i = 0; i < 50; i++) {
      level.set(i % 2 == 0 ? 0.9 : 0.05);
      Decision d = c.decide();
      assertThat(d.x()).isEqualTo(same.nextDouble());
      assertThat(d.reliability()).isEqualTo(level.get());
      assertThat(d).isEqualTo(c.decideFor(d.reliability(), d.x()));
    }
  }

  @Test
  void nextIsDeterministicForASeededGenerator() {
    List<Difficulty> first = draws(control(DifficultyTable.defaults(), 0.3, 2024), 200);
    List<Difficulty> second = draws(control(DifficultyTable.defaults(), 0.3, 2024), 200);
    assertThat(first).isEqualTo(second);
    assertThat(first).contains(Difficulty.leadingZeroBits(16), Difficulty.leadingZeroBits(8));
  }

  @Test
  void meanDifficultyGetsEasierAsReliabilityRises() {
    BlockTimeReport report = new BlockTimeReport(DifficultyTable.defaults(), 64, 50);
    double[] reliabilities = {0.02, 0.1, 0.3, 0.6, 1.0};
    double previous = Double.POSITIVE_INFINITY;
    for (double r : reliabilities) {
      DifficultyControl c = control(DifficultyTable.defaults(), r, 7);
      double meanSeconds = 0;
      int n = 20_000;
      for (int i = 0; i < n; i++) {
        meanSeconds += report.expectedSeconds(c.next()) / n;
      }
      assertThat(previous / meanSeconds).as("R = %s", r).isGreaterThan(1.5);
      assertThat(meanSeconds / report.expectedSecondsAt(r))
          .as("sample mean vs exact at R = %s", r)
          .isCloseTo(1.0, within(0.05));
      previous = meanSeconds;
    }
  }

  private static List<Difficulty> draws(DifficultyControl c, int n) {
    List<Difficulty> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(c.next());
    }
    return out;
  }
}
