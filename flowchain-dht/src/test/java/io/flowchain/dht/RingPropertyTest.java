package io.flowchain.dht;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowchain.core.types.Key;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Interval arithmetic against a BigInteger oracle, with points biased to the wrap-around. */
class RingPropertyTest {
  private static final BigInteger SIZE = Ring.SIZE;

  @Provide
  Arbitrary<BigInteger> points() {
    Arbitrary<BigInteger> any =
        Arbitraries.bigIntegers().between(BigInteger.ZERO, SIZE.subtract(BigInteger.ONE));
    Arbitrary<BigInteger> nearZero =
        Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TEN);
    Arbitrary<BigInteger> nearTop =
        Arbitraries.bigIntegers()
            .between(SIZE.subtract(BigInteger.valueOf(11)), SIZE.subtract(BigInteger.ONE));
    return Arbitraries.oneOf(any, nearZero, nearTop);
  }

  /** Clockwise distance, the oracle's only primitive. */
  private static BigInteger d(BigInteger from, BigInteger to) {
    return to.subtract(from).mod(SIZE);
  }

  @Property
  void openIntervalMatchesOracle(
      @ForAll("points") BigInteger x,
      @ForAll("points") BigInteger a,
      @ForAll("points") BigInteger b) {
    boolean expected =
        a.equals(b) ? !x.equals(a) : d(a, x).signum() > 0 && d(a, x).compareTo(d(a, b)) < 0;
    assertThat(Ring.inOpen(Key.of(x), Key.of(a), Key.of(b))).isEqualTo(expected);
  }

  @Property
  void halfOpenIntervalMatchesOracle(
      @ForAll("points") BigInteger x,
      @ForAll("points") BigInteger a,
      @ForAll("points") BigInteger b) {
    boolean expected = a.equals(b) || (d(a, x).signum() > 0 && d(a, x).compareTo(d(a, b)) <= 0);
    assertThat(Ring.inHalfOpen(Key.of(x), Key.of(a), Key.of(b))).isEqualTo(expected);
  }

  @Property
  void fingerStartMatchesOracle(
      @ForAll("points") BigInteger n, @ForAll @IntRange(max = 159) int i) {
    assertThat(Ring.fingerStart(Key.of(n), i).toBigInteger())
        .isEqualTo(n.add(BigInteger.ONE.shiftLeft(i)).mod(SIZE));
  }

  @Property
  void log2DistanceMatchesOracle(@ForAll("points") BigInteger a, @ForAll("points") BigInteger b) {
    assertThat(Ring.log2Distance(Key.of(a), Key.of(b))).isEqualTo(d(a, b).bitLength() - 1);
    assertThat(Ring.distance(Key.of(a), Key.of(b))).isEqualTo(d(a, b));
  }
}
