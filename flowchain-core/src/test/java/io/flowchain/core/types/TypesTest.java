package io.flowchain.core.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class TypesTest {

  @Property
  void hashHexRoundTrips(@ForAll @Size(32) byte[] bytes) {
    Hash h = Hash.of(bytes);
    assertThat(Hash.parse(h.toHex())).isEqualTo(h);
    assertThat(h.toHex()).hasSize(64).matches("[0-9a-f]+");
  }

  @Property
  void ringIdsOrderLikeUnsignedIntegers(@ForAll @Size(20) byte[] a, @ForAll @Size(20) byte[] b) {
    NodeId x = NodeId.of(a);
    NodeId y = NodeId.of(b);
    assertThat(Integer.signum(x.compareTo(y)))
        .isEqualTo(x.toBigInteger().compareTo(y.toBigInteger()));
    assertThat(NodeId.of(x.toBigInteger())).isEqualTo(x);
  }

  @Test
  void ringIdsWrapModulo2To160() {
    BigInteger two160 = BigInteger.ONE.shiftLeft(160);
    assertThat(Key.of(two160.add(BigInteger.TEN)).toBigInteger()).isEqualTo(BigInteger.TEN);
    assertThat(Key.of(BigInteger.valueOf(-1)).toBigInteger())
        .isEqualTo(two160.subtract(BigInteger.ONE));
  }

  @Test
  void aNodeIdAndAKeyWithTheSameBytesAreDifferentValues() {
    byte[] b = new byte[20];
    assertThat(NodeId.of(b)).isNotEqualTo(Key.of(b));
    assertThat(NodeId.of(b).compareTo(Key.of(b))).isZero();
  }

  @Test
  void badHexIsRefusedWithAClearMessage() {
    assertThatThrownBy(() -> Hash.parse("abc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("odd length");
    assertThatThrownBy(() -> Hash.parse("zz".repeat(32)))
        .hasMessageContaining("not a hex digit at position 0");
    assertThatThrownBy(() -> NodeId.parse("00".repeat(21)))
        .hasMessageContaining("expected 20 bytes");
    assertThatThrownBy(() -> TxId.parse("")).hasMessageContaining("txID");
  }

  @Test
  void valuesAreImmutable() {
    byte[] b = new byte[32];
    Hash h = Hash.of(b);
    b[0] = 1;
    h.toBytes()[1] = 1;
    assertThat(h).isEqualTo(Hash.ZERO);
  }

  @Test
  void difficultyTargetsAndComparison() {
    Difficulty d8 = Difficulty.leadingZeroBits(8);
    assertThat(d8.toHex()).isEqualTo("00" + "ff".repeat(31));
    assertThat(Difficulty.parse(d8.toHex())).isEqualTo(d8);
    assertThat(Difficulty.leadingZeroBits(16).compareTo(d8)).isNegative();
    assertThat(d8.isMetBy(Hash.parse("00" + "ff".repeat(31)))).isTrue();
    assertThat(d8.isMetBy(Hash.parse("01" + "00".repeat(31)))).isFalse();
    assertThat(d8.expectedAttempts()).isEqualTo(256.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(Difficulty.EASIEST.isMetBy(Hash.parse("ff".repeat(32)))).isTrue();
    assertThatThrownBy(() -> Difficulty.leadingZeroBits(257)).hasMessageContaining("[0, 256]");
  }
}
