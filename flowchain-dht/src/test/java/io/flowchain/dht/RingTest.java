package io.flowchain.dht;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowchain.core.types.Key;
import io.flowchain.core.types.NodeId;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class RingTest {
  private static final BigInteger MAX = Ring.SIZE.subtract(BigInteger.ONE);

  private static Key k(long v) {
    return Key.of(BigInteger.valueOf(v));
  }

  private static Key k(BigInteger v) {
    return Key.of(v);
  }

  @Test
  void openIntervalWithoutWrap() {
    assertThat(Ring.inOpen(k(5), k(1), k(10))).isTrue();
    assertThat(Ring.inOpen(k(1), k(1), k(10))).isFalse();
    assertThat(Ring.inOpen(k(10), k(1), k(10))).isFalse();
    assertThat(Ring.inOpen(k(11), k(1), k(10))).isFalse();
    assertThat(Ring.inOpen(k(0), k(1), k(10))).isFalse();
  }

  @Test
  void openIntervalWrappingPastZero() {
    Key a = k(MAX.subtract(BigInteger.TEN));
    Key b = k(5);
    assertThat(Ring.inOpen(k(MAX), a, b)).isTrue();
    assertThat(Ring.inOpen(k(0), a, b)).isTrue();
    assertThat(Ring.inOpen(k(4), a, b)).isTrue();
    assertThat(Ring.inOpen(k(5), a, b)).isFalse();
    assertThat(Ring.inOpen(a, a, b)).isFalse();
    assertThat(Ring.inOpen(k(6), a, b)).isFalse();
    assertThat(Ring.inOpen(k(MAX.subtract(BigInteger.valueOf(11))), a, b)).isFalse();
  }

  @Test
  void halfOpenIntervalIncludesOnlyTheUpperBound() {
    assertThat(Ring.inHalfOpen(k(10), k(1), k(10))).isTrue();
    assertThat(Ring.inHalfOpen(k(1), k(1), k(10))).isFalse();
    Key a = k(MAX);
    assertThat(Ring.inHalfOpen(k(0), a, k(0))).isTrue();
    assertThat(Ring.inHalfOpen(a, a, k(0))).isFalse();
    assertThat(Ring.inHalfOpen(k(1), a, k(0))).isFalse();
  }

  @Test
  void equalBoundsMeanTheWholeRing() {
    Key a = k(42);
    assertThat(Ring.inHalfOpen(a, a, a)).isTrue();
    assertThat(Ring.inHalfOpen(k(0), a, a)).isTrue();
    assertThat(Ring.inHalfOpen(k(MAX), a, a)).isTrue();
    assertThat(Ring.inOpen(a, a, a)).isFalse();
    assertThat(Ring.inOpen(k(43), a, a)).isTrue();
    assertThat(Ring.inOpen(k(41), a, a)).isTrue();
  }

  @Test
  void nodeIdsAndKeysOnTheSamePointCompareEqual() {
    NodeId n = NodeId.of(BigInteger.valueOf(7));
    assertThat(Ring.samePoint(n, k(7))).isTrue();
    assertThat(Ring.inHalfOpen(k(7), k(1), n)).isTrue();
    assertThat(Ring.inOpen(k(7), k(1), n)).isFalse();
  }

  @Test
  void fingerStartsWrapAroundTheRing() {
    Key top = k(MAX);
    assertThat(Ring.fingerStart(top, 0).toBigInteger()).isEqualTo(BigInteger.ZERO);
    assertThat(Ring.fingerStart(top, 159).toBigInteger())
        .isEqualTo(BigInteger.ONE.shiftLeft(159).subtract(BigInteger.ONE));
    assertThat(Ring.fingerStart(k(0), 159).toBigInteger()).isEqualTo(BigInteger.ONE.shiftLeft(159));
    assertThat(Ring.fingerStart(k(0xff), 0).toBigInteger()).isEqualTo(BigInteger.valueOf(0x100));
    assertThatThrownBy(() -> Ring.fingerStart(k(0), 160))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Ring.fingerStart(k(0), -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void log2DistanceAcrossZero() {
    assertThat(Ring.log2Distance(k(5), k(5))).isEqualTo(-1);
    assertThat(Ring.log2Distance(k(5), k(6))).isZero();
    assertThat(Ring.log2Distance(k(5), k(4))).isEqualTo(159);
    assertThat(Ring.log2Distance(k(MAX), k(0))).isZero();
    assertThat(Ring.log2Distance(k(MAX), k(2))).isEqualTo(1);
    assertThat(Ring.distance(k(MAX), k(2))).isEqualTo(BigInteger.valueOf(3));
  }
}
