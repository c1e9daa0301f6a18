package io.flowchain.core.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowchain.core.types.Difficulty;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

class DifficultyTableTest {

  @Test
  void paperTableIsListingTwoAsLeadingZeroBits() {
    List<Difficulty> targets = DifficultyTable.paper().targets();
    assertThat(targets)
        .containsExactly(
            Difficulty.leadingZeroBits(16),
            Difficulty.leadingZeroBits(12),
            Difficulty.leadingZeroBits(8),
            Difficulty.leadingZeroBits(4),
            Difficulty.leadingZeroBits(0));
    assertThat(targets.get(0).toHex()).startsWith("0000ffff").hasSize(64);
    assertThat(targets.get(1).toHex()).startsWith("000fff");
    assertThat(targets.get(2).toHex()).startsWith("00ff");
    assertThat(targets.get(3).toHex()).startsWith("0fff");
    assertThat(targets.get(4)).isEqualTo(Difficulty.EASIEST);
  }

  @Test
  void defaultTableIsSixteenToEightBitsInStepsOfTwo() {
    assertThat(DifficultyTable.defaults())
        .isEqualTo(
            new DifficultyTable(
                List.of(
                    Difficulty.parse("0000" + "f".repeat(60)),
                    Difficulty.parse("0003" + "f".repeat(60)),
                    Difficulty.parse("000f" + "f".repeat(60)),
                    Difficulty.parse("003f" + "f".repeat(60)),
                    Difficulty.parse("00ff" + "f".repeat(60)))));
  }

  @Test
  void bucketBoundariesBelongToTheUpperBucketAndOneToTheLast() {
    DifficultyTable t = DifficultyTable.paper();
    assertThat(t.bucketOf(0.0)).isZero();
    assertThat(t.bucketOf(Math.nextDown(0.2))).isZero();
    assertThat(t.bucketOf(0.2)).isEqualTo(1);
    assertThat(t.forProbability(0.2)).isEqualTo(Difficulty.leadingZeroBits(12));
    assertThat(t.bucketOf(0.4)).isEqualTo(2);
    assertThat(t.bucketOf(0.6)).isEqualTo(3);
    assertThat(t.bucketOf(Math.nextDown(0.6))).isEqualTo(2);
    assertThat(t.bucketOf(0.8)).isEqualTo(4);
    assertThat(t.bucketOf(0.999)).isEqualTo(4);
    assertThat(t.bucketOf(1.0)).isEqualTo(4);
    assertThat(t.forProbability(1.0)).isEqualTo(Difficulty.EASIEST);
  }

  @Property
  void everyBoundaryStartsItsBucket(
      @ForAll @IntRange(min = 1, max = 64) int n, @ForAll @IntRange(min = 0, max = 63) int k) {
    int i = k % n;
    DifficultyTable t = DifficultyTable.ofLeadingZeroBits(descendingBits(n));
    double boundary = (double) i / n;
    assertThat(t.bucketOf(boundary)).isEqualTo(i);
    if (i > 0) {
      assertThat(t.bucketOf(Math.nextDown(boundary))).isEqualTo(i - 1);
    }
  }

  @Property
  void aProbabilityLiesInsideItsBucket(
      @ForAll @IntRange(min = 1, max = 64) int n,
      @ForAll @Scale(12) @DoubleRange(min = 0, max = 1) double p) {
    DifficultyTable t = DifficultyTable.ofLeadingZeroBits(descendingBits(n));
    int i = t.bucketOf(p);
    assertThat(p).isGreaterThanOrEqualTo(t.lowerBound(i));
    if (i < n - 1) {
      assertThat(p).isLessThan(t.lowerBound(i + 1));
    }
  }

  @Test
  void rejectsProbabilitiesOutsideTheUnitInterval() {
    DifficultyTable t = DifficultyTable.defaults();
    for (double p :
        new double[] {
          Double.NaN, -0.0001, Math.nextUp(1.0), Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY
        }) {
      assertThatThrownBy(() -> t.forProbability(p))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("probability must be in [0, 1]");
    }
  }

  @Test
  void rejectsTablesThatGetHarderAsProbabilityRises() {
    assertThatThrownBy(() -> DifficultyTable.ofLeadingZeroBits(16, 12, 14, 8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must get easier")
        .hasMessageContaining("bucket 2 (0003ff")
        .hasMessageContaining("harder than bucket 1 (000fff");
  }

  @Test
  void rejectsEmptyOrNullTables() {
    assertThatThrownBy(() -> new DifficultyTable(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one bucket");
    List<Difficulty> withNull = new ArrayList<>(Arrays.asList(Difficulty.EASIEST, null));
    assertThatThrownBy(() -> new DifficultyTable(withNull))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bucket 1 is null");
    assertThatThrownBy(() -> DifficultyTable.ofLeadingZeroBits(257))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void equalNeighboursAreAllowed() {
    assertThat(DifficultyTable.ofLeadingZeroBits(8, 8, 4).targets()).hasSize(3);
  }

  @Test
  void containsOnlyTheTableTargets() {
    DifficultyTable t = DifficultyTable.defaults();
    for (Difficulty d : t.targets()) {
      assertThat(t.contains(d)).isTrue();
      assertThat(t.contains(Difficulty.parse(d.toHex()))).isTrue();
    }
    assertThat(t.contains(Difficulty.leadingZeroBits(9))).isFalse();
    assertThat(t.contains(Difficulty.EASIEST)).isFalse();
    assertThat(t.contains(null)).isFalse();
  }

  @Test
  void targetsAreACopyAndUnmodifiable() {
    List<Difficulty> source = new ArrayList<>(List.of(Difficulty.leadingZeroBits(4)));
    DifficultyTable t = new DifficultyTable(source);
    source.add(Difficulty.EASIEST);
    assertThat(t.size()).isEqualTo(1);
    assertThatThrownBy(() -> t.targets().add(Difficulty.EASIEST))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  private static int[] descendingBits(int n) {
    int[] bits = new int[n];
    for (int i = 0; i < n; i++) {
      bits[i] = n - i;
    }
    return bits;
  }
}
