package io.flowchain.core.types;

import java.math.BigInteger;

/**
 * A point on the 160-bit Chord ring (m = 160): a node id or a data key, compared as an unsigned
 * big-endian number.
 */
public abstract class RingId extends FixedBytes {
  public static final int SIZE = 20;
  public static final int BITS = 160;

  protected RingId(byte[] bytes, String what) {
    super(bytes, SIZE, what);
  }

  /** The id as a non-negative integer in [0, 2^160). */
  public final BigInteger toBigInteger() {
    return new BigInteger(1, raw());
  }

  /** Big-endian bytes of {@code value mod 2^160}, exactly 20 bytes. */
  protected static byte[] bytesOf(BigInteger value) {
    BigInteger v = value.mod(BigInteger.ONE.shiftLeft(BITS));
    byte[] raw = v.toByteArray();
    byte[] out = new byte[SIZE];
    int n = Math.min(raw.length, SIZE);
    System.arraycopy(raw, raw.length - n, out, SIZE - n, n);
    return out;
  }
}
