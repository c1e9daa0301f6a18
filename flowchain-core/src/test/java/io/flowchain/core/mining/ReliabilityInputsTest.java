package io.flowchain.core.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReliabilityInputsTest {

  @Test
  void flowcoinBalanceSaturatesExponentially() {
    assertThat(new FlowcoinBalanceInput(() -> 0).read()).isZero();
    assertThat(new FlowcoinBalanceInput(() -> -5).read()).isZero();
    assertThat(new FlowcoinBalanceInput(() -> 10).read())
        .isCloseTo(1 - Math.exp(-1), within(1e-15));
    assertThat(new FlowcoinBalanceInput(() -> 3).read())
        .isCloseTo(1 - Math.exp(-0.3), within(1e-15));
    assertThat(new FlowcoinBalanceInput(() -> 3, 2.0).read())
        .isCloseTo(1 - Math.exp(-1.5), within(1e-15));
    assertThat(new FlowcoinBalanceInput(() -> 1_000).read()).isEqualTo(1.0);
    assertThat(new FlowcoinBalanceInput(() -> 20).read())
        .isGreaterThan(new FlowcoinBalanceInput(() -> 19).read());
    assertThat(new FlowcoinBalanceInput(() -> 1).scale())
        .isEqualTo(FlowcoinBalanceInput.DEFAULT_SCALE)
        .isEqualTo(10.0);
    assertThatThrownBy(() -> new FlowcoinBalanceInput(() -> 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scale must be positive");
  }

  @Test
  void batteryIsItsLevelAndMainsIsFull() {
    assertThat(new BatteryInput(() -> 0.42).read()).isEqualTo(0.42);
    assertThat(new BatteryInput(() -> 1.3).read()).isEqualTo(1.0);
    assertThat(new BatteryInput(() -> -0.1).read()).isZero();
    assertThat(new BatteryInput(() -> Double.NaN).read()).isNaN();
    assertThat(BatteryInput.mainsPowered().read()).isEqualTo(1.0);
  }

  @Test
  void bandwidthIsMeasuredOverTargetCappedAtOne() {
    assertThat(new BandwidthInput(() -> 250_000, 1_000_000).read()).isEqualTo(0.25);
    assertThat(new BandwidthInput(() -> 5_000_000, 1_000_000).read()).isEqualTo(1.0);
    assertThat(new BandwidthInput(() -> -1, 1_000_000).read()).isZero();
    assertThatThrownBy(() -> new BandwidthInput(() -> 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("target bandwidth must be positive");
  }

  @Test
  void signalMapsMinusNinetyToZeroAndMinusThirtyToOne() {
    assertThat(new SignalInput(() -> -90).read()).isZero();
    assertThat(new SignalInput(() -> -30).read()).isEqualTo(1.0);
    assertThat(new SignalInput(() -> -60).read()).isCloseTo(0.5, within(1e-15));
    assertThat(new SignalInput(() -> -75).read()).isCloseTo(0.25, within(1e-15));
    assertThat(new SignalInput(() -> -110).read()).isZero();
    assertThat(new SignalInput(() -> -10).read()).isEqualTo(1.0);
  }

  @Test
  void freeDiskIsFreeOverRequiredCappedAtOne() {
    assertThat(new FreeDiskInput(() -> 256L << 20, 1L << 30).read()).isEqualTo(0.25);
    assertThat(new FreeDiskInput(() -> 10L << 30, 1L << 30).read()).isEqualTo(1.0);
    assertThat(new FreeDiskInput(() -> 0, 1L << 30).read()).isZero();
    assertThatThrownBy(() -> new FreeDiskInput(() -> 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("required free disk must be positive");
  }

  @Test
  void freeHeapIsTheFreeFraction() {
    assertThat(new FreeHeapInput(() -> 0.7).read()).isEqualTo(0.7);
    assertThat(new FreeHeapInput(() -> 1.2).read()).isEqualTo(1.0);
  }

  @Test
  void inputsHaveDistinctNamesAndDefaultWeightsSumToOne() {
    ReliabilityInput[] inputs = {
      new FlowcoinBalanceInput(() -> 0),
      BatteryInput.mainsPowered(),
      new BandwidthInput(() -> 0, 1),
      new SignalInput(() -> -90),
      new FreeDiskInput(() -> 0, 1),
      new FreeHeapInput(() -> 0)
    };
    assertThat(inputs)
        .extracting(ReliabilityInput::name)
        .containsExactly(
            "flowcoin-balance", "battery", "bandwidth", "signal", "free-disk", "free-heap");
    double sum =
        FlowcoinBalanceInput.DEFAULT_WEIGHT
            + BatteryInput.DEFAULT_WEIGHT
            + BandwidthInput.DEFAULT_WEIGHT
            + SignalInput.DEFAULT_WEIGHT
            + FreeDiskInput.DEFAULT_WEIGHT
            + FreeHeapInput.DEFAULT_WEIGHT;
    assertThat(sum).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void systemResourcesReadTheMachine(@TempDir Path dir) {
    File d = dir.toFile();
    assertThat(SystemResources.usableDiskBytes(d).getAsLong()).isPositive();
    double heap = SystemResources.freeHeapFraction(Runtime.getRuntime()).getAsDouble();
    assertThat(heap).isGreaterThan(0.0).isLessThanOrEqualTo(1.0);
    assertThat(new FreeDiskInput(SystemResources.usableDiskBytes(d), 1).read()).isBetween(0.0, 1.0);
  }
}
