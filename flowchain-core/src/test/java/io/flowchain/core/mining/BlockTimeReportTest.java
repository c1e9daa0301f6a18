package io.flowchain.core.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.flowchain.core.types.Difficulty;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BlockTimeReportTest {
  private static final BlockTimeReport DEFAULTS =
      new BlockTimeReport(DifficultyTable.defaults(), 64, 50);
  private static final BlockTimeReport PAPER = new BlockTimeReport(DifficultyTable.paper(), 64, 50);

  @Test
  void attemptsPerSecondFollowFromTheTick() {
    assertThat(DEFAULTS.attemptsPerSecond()).isEqualTo(1280.0);
    assertThat(new BlockTimeReport(DifficultyTable.defaults(), 10, 1000).attemptsPerSecond())
        .isEqualTo(10.0);
  }

  @Test
  void eightLeadingZeroBitsAtSixtyFourAttemptsPerFiftyMillisIsAFifthOfASecond() {
    assertThat(DEFAULTS.expectedSeconds(Difficulty.leadingZeroBits(8)))
        .isCloseTo(256.0 / 1280.0, within(1e-12))
        .isCloseTo(0.2, within(1e-12));
  }

  @Test
  void defaultTableEntries() {
    assertSeconds(DEFAULTS, 65536, 16384, 4096, 1024, 256);
    assertThat(DEFAULTS.entries())
        .extracting(BlockTimeReport.Entry::leadingZeroBits)
        .containsExactly(16, 14, 12, 10, 8);
  }

  @Test
  void paperTableEntries() {
    assertSeconds(PAPER, 65536, 4096, 256, 16, 1);
    assertThat(PAPER.entries())
        .extracting(BlockTimeReport.Entry::leadingZeroBits)
        .containsExactly(16, 12, 8, 4, 0);
  }

  private static void assertSeconds(BlockTimeReport report, double... attempts) {
    List<BlockTimeReport.Entry> entries = report.entries();
    assertThat(entries).hasSize(attempts.length);
    for (int i = 0; i < attempts.length; i++) {
      BlockTimeReport.Entry e = entries.get(i);
      assertThat(e.bucket()).isEqualTo(i);
      assertThat(e.fromProbability()).isCloseTo(i / 5.0, within(1e-15));
      assertThat(e.toProbability()).isCloseTo((i + 1) / 5.0, within(1e-15));
      assertThat(e.expectedAttempts()).isEqualTo(attempts[i]);
      assertThat(e.expectedSeconds()).isCloseTo(attempts[i] / 1280.0, within(1e-12));
    }
  }

  @Test
  void tickGranularTimeRoundsUpToWholeTicks() {
    double eightBits = 0.05 / (1 - Math.pow(255.0 / 256.0, 64));
    assertThat(DEFAULTS.expectedTickSeconds(Difficulty.leadingZeroBits(8)))
        .isCloseTo(eightBits, within(1e-12));
    assertThat(PAPER.expectedTickSeconds(Difficulty.EASIEST)).isCloseTo(0.05, within(1e-15));
    // a hard target: about half a tick more than the continuous figure
    Difficulty hard = Difficulty.leadingZeroBits(16);
    assertThat(DEFAULTS.expectedTickSeconds(hard) - DEFAULTS.expectedSeconds(hard))
        .isCloseTo(0.025, within(0.001));
  }

  @Test
  void bucketSharesAtFullReliabilityAreExact() {
    double[] shares = DEFAULTS.bucketShares(1.0);
    double easiest = Math.sqrt(-2 * Math.log(0.8));
    assertThat(shares[4]).isCloseTo(easiest, within(1e-12));
    assertThat(shares[3]).isCloseTo(1 - easiest, within(1e-12));
    assertThat(shares[0] + shares[1] + shares[2]).isCloseTo(0.0, within(1e-15));
    assertThat(DEFAULTS.expectedSecondsAt(1.0))
        .isCloseTo(easiest * 0.2 + (1 - easiest) * 0.8, within(1e-12));
  }

  @Test
  void sharesSumToOneAndTimeFallsAsReliabilityRises() {
    double previous = Double.POSITIVE_INFINITY;
    for (int k = 0; k <= 100; k++) {
      double r = k / 100.0;
      double[] shares = DEFAULTS.bucketShares(r);
      assertThat(Arrays.stream(shares).sum()).isCloseTo(1.0, within(1e-12));
      assertThat(Arrays.stream(shares).min().orElseThrow()).isGreaterThanOrEqualTo(0.0);
      double t = DEFAULTS.expectedSecondsAt(r);
      assertThat(t).isLessThanOrEqualTo(previous);
      assertThat(DEFAULTS.expectedTickSecondsAt(r)).isGreaterThan(t);
      previous = t;
    }
  }

  @Test
  void exactSharesAgreeWithNumericIntegrationOfTheControl() {
    DifficultyControl control =
        new DifficultyControl(
            DifficultyTable.defaults(), Reliability.none(), new SplittableRandom());
    int n = 100_000;
    double h = 1.0 / n;
    // midpoint rule over a step function: each of the 4 inner boundaries costs at most h * jump
    double bound = 4 * h * 51.2;
    for (double r : new double[] {0.01, 0.1, 0.37, 0.8, 1.0}) {
      double integral = 0;
      for (int i = 0; i < n; i++) {
        integral += h * DEFAULTS.expectedSeconds(control.nextFor(r, (i + 0.5) * h));
      }
      assertThat(DEFAULTS.expectedSecondsAt(r)).as("R = %s", r).isCloseTo(integral, within(bound));
    }
  }

  @Test
  void rendersMarkdownTables() {
    String text = DEFAULTS.toString();
    assertThat(text)
        .contains("64 attempts per 50 ms tick (1280 attempts/s)")
        .contains("| 0 | [0, 0.2) | 16 | `0000ffff")
        .contains("| 65536 | 51.2 |")
        .contains("| 4 | [0.8, 1] | 8 | `00ffff")
        .contains("| 256 | 0.2 |")
        .contains("| reliability R |");
    assertThat(DEFAULTS.table().lines()).hasSize(2 + 5);
    assertThat(DEFAULTS.reliabilityTable(0.5, 1.0).lines()).hasSize(2 + 2);
    assertThat(DEFAULTS.reliabilityTable(1.0))
        .contains("| 1 | 0.0% | 0.0% | 0.0% | 33.2% | 66.8% |");
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> new BlockTimeReport(DifficultyTable.defaults(), 0, 50))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("attempts per tick must be positive");
    assertThatThrownBy(() -> new BlockTimeReport(DifficultyTable.defaults(), 64, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tick length must be positive");
    assertThatThrownBy(() -> DEFAULTS.expectedSecondsAt(1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reliability must be in [0, 1]");
  }
}
