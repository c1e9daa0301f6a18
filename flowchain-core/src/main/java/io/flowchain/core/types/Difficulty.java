package io.flowchain.core.types;

import java.math.BigInteger;

/**
 * A mining target: a block hash meets it when, read as an unsigned 256-bit big-endian number, it is
 * less than or equal to the target. Written as 64 hex digits, like the talk's {@code 00FFFF…}.
 */
public record Difficulty(BigInteger target) implements Comparable<Difficulty> {
  private static final BigInteger MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

  /** The easiest target: every hash meets it. */
  public static final Difficulty EASIEST = new Difficulty(MAX);

  public Difficulty {
    if (target == null || target.signum() < 0 || target.compareTo(MAX) > 0) {
      throw new IllegalArgumentException("difficulty target must be in [0, 2^256): " + target);
    }
  }

  /** The target with {@code bits} leading zero bits and all other bits set. */
  public static Difficulty leadingZeroBits(int bits) {
    if (bits < 0 || bits > 256) {
      throw new IllegalArgumentException("leading zero bits must be in [0, 256]: " + bits);
    }
    return new Difficulty(MAX.shiftRight(bits));
  }

  public static Difficulty parse(String hex) {
    return new Difficulty(new BigInteger(1, Hex.decode(hex, 32, "difficulty")));
  }

  public static Difficulty of(byte[] bytes32) {
    if (bytes32.length != 32) {
      throw new IllegalArgumentException("difficulty must be 32 bytes, got " + bytes32.length);
    }
    return new Difficulty(new BigInteger(1, bytes32));
  }

  /** The target as 32 big-endian bytes. */
  public byte[] toBytes() {
    byte[] raw = target.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, out, 32 - n, n);
    return out;
  }

  public String toHex() {
    return Hex.encode(toBytes());
  }

  /** True if {@code hash} meets this target. */
  public boolean isMetBy(Hash hash) {
    return compareUnsigned(hash.toBytes(), toBytes()) <= 0;
  }

  /** Expected number of hash attempts to meet the target: 2^256 / (target + 1). */
  public double expectedAttempts() {
    return Math.pow(2, 256) / (target.doubleValue() + 1);
  }

  /** Harder targets compare smaller. */
  @Override
  public int compareTo(Difficulty o) {
    return target.compareTo(o.target);
  }

  private static int compareUnsigned(byte[] a, byte[] b) {
    return java.util.Arrays.compareUnsigned(a, b);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
