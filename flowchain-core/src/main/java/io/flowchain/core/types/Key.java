package io.flowchain.core.types;

import java.math.BigInteger;
import java.util.Optional;

/** A data key on the ring: H_DATA = SHA-1(data ‖ timestamp ‖ random). */
public final class Key extends RingId {
  private Key(byte[] bytes) {
    super(bytes, "data key");
  }

  public static Key of(byte[] bytes) {
    return new Key(bytes);
  }

  public static Key parse(String hex) {
    return new Key(Hex.decode(hex, SIZE, "data key"));
  }

  /** The key for {@code value mod 2^160}. */
  public static Key of(BigInteger value) {
    return new Key(bytesOf(value));
  }

  /** The key just after this one, or empty if this is the largest key (no wrap). */
  public Optional<Key> next() {
    BigInteger n = toBigInteger().add(BigInteger.ONE);
    return n.bitLength() > BITS ? Optional.empty() : Optional.of(of(n));
  }
}
