package io.flowchain.core.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

class ReliabilityTest {

  private static ReliabilityInput fixed(String name, double value) {
    return ReliabilityInput.of(name, () -> value);
  }

  @Test
  void isTheWeightedMeanOfTheReadings() {
    Reliability r =
        Reliability.builder()
            .add(fixed("a", 1.0), 3.0)
            .add(fixed("b", 0.5), 1.0)
            .add(fixed("c", 0.0), 1.0)
            .build();
    assertThat(r.read()).isCloseTo((3 * 1.0 + 0.5 + 0.0) / 5, within(1e-15));
  }

  @Test
  void scalingAllWeightsChangesNothing() {
    Reliability small =
        Reliability.builder().add(fixed("a", 0.9), 0.1).add(fixed("b", 0.3), 0.3).build();
    Reliability large =
        Reliability.builder().add(fixed("a", 0.9), 10).add(fixed("b", 0.3), 30).build();
    assertThat(small.read()).isCloseTo(large.read(), within(1e-15)).isCloseTo(0.45, within(1e-15));
  }

  @Test
  void clampsReadingsToTheUnitInterval() {
    Reliability r =
        Reliability.builder().add(fixed("high", 7.5), 1).add(fixed("low", -3.0), 1).build();
    assertThat(r.read()).isEqualTo(0.5);
    assertThat(Reliability.builder().add(fixed("inf", Double.POSITIVE_INFINITY), 1).build().read())
        .isEqualTo(1.0);
  }

  @Test
  void nanReadingsCountAsZeroAndAreCounted() {
    AtomicReference<Double> battery = new AtomicReference<>(Double.NaN);
    Reliability r =
        Reliability.builder()
            .add(fixed("ok", 1.0), 1)
            .add(ReliabilityInput.of("battery", battery::get), 1)
            .build();
    assertThat(r.read()).isEqualTo(0.5);
    assertThat(r.read()).isEqualTo(0.5);
    assertThat(r.nanReadings()).isEqualTo(2);
    battery.set(1.0);
    assertThat(r.read()).isEqualTo(1.0);
    assertThat(r.nanReadings()).isEqualTo(2);
  }

  @Test
  void noInputsMeansFullyReliable() {
    assertThat(Reliability.none().read()).isEqualTo(1.0);
    assertThat(new Reliability(List.of()).read()).isEqualTo(1.0);
  }

  @Test
  void weightsMustBePositiveAndFinite() {
    for (double w : new double[] {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> Reliability.builder().add(fixed("battery", 1), w))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("weight of 'battery' must be positive and finite");
    }
  }

  @Test
  void inputNamesMustBeDistinct() {
    assertThatThrownBy(
            () -> Reliability.builder().add(fixed("x", 1), 1).add(fixed("x", 0), 1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'x' appears twice");
  }

  @Test
  void constantReadsItsValueAndRejectsOutOfRange() {
    assertThat(Reliability.constant(0.37).read()).isEqualTo(0.37);
    assertThatThrownBy(() -> Reliability.constant(1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[0, 1]");
    assertThatThrownBy(() -> Reliability.constant(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Property
  void alwaysInTheUnitIntervalAndBetweenTheExtremeReadings(
      @ForAll @Scale(12) @DoubleRange(min = -2, max = 3) double a,
      @ForAll @Scale(12) @DoubleRange(min = -2, max = 3) double b,
      @ForAll @Scale(12) @DoubleRange(min = 0.001, max = 100) double wa,
      @ForAll @Scale(12) @DoubleRange(min = 0.001, max = 100) double wb) {
    double r = Reliability.builder().add(fixed("a", a), wa).add(fixed("b", b), wb).build().read();
    double ca = Math.max(0, Math.min(1, a));
    double cb = Math.max(0, Math.min(1, b));
    assertThat(r).isBetween(0.0, 1.0);
    assertThat(r).isBetween(Math.min(ca, cb) - 1e-12, Math.max(ca, cb) + 1e-12);
  }
}
