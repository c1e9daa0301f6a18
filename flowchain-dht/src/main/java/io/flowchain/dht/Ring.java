package io.flowchain.dht;

import io.flowchain.core.types.Key;
import io.flowchain.core.types.RingId;
import java.math.BigInteger;

/**
 * Interval arithmetic on the 160-bit identifier circle. Every interval runs clockwise from its
 * first bound to its second and wraps past zero when the first bound is the larger one. When both
 * bounds are the same point the interval is the whole circle: {@code (a, a]} holds every point and
 * {@code (a, a)} every point but {@code a} (a ring of one node owns every key).
 *
 * <p>Node ids and keys are compared by their bytes, so a {@link io.flowchain.core.types.NodeId} and
 * a {@link Key} on the same point compare as equal here.
 */
public final class Ring {
  /** 2^160, the size of the identifier circle. */
  public static final BigInteger SIZE = BigInteger.ONE.shiftLeft(RingId.BITS);

  private Ring() {}

  /** Whether {@code x} lies in the open interval {@code (a, b)}. */
  public static boolean inOpen(RingId x, RingId a, RingId b) {
    int ab = a.compareTo(b);
    if (ab < 0) {
      return a.compareTo(x) < 0 && x.compareTo(b) < 0;
    }
    if (ab > 0) {
      return a.compareTo(x) < 0 || x.compareTo(b) < 0;
    }
    return x.compareTo(a) != 0;
  }

  /** Whether {@code x} lies in the half-open interval {@code (a, b]}. */
  public static boolean inHalfOpen(RingId x, RingId a, RingId b) {
    int ab = a.compareTo(b);
    if (ab < 0) {
      return a.compareTo(x) < 0 && x.compareTo(b) <= 0;
    }
    if (ab > 0) {
      return a.compareTo(x) < 0 || x.compareTo(b) <= 0;
    }
    return true;
  }

  /** Whether two ring points are the same point, whatever their kind (node id or key). */
  public static boolean samePoint(RingId a, RingId b) {
    return a.compareTo(b) == 0;
  }

  /** The clockwise distance from {@code from} to {@code to}, in [0, 2^160). */
  public static BigInteger distance(RingId from, RingId to) {
    return to.toBigInteger().subtract(from.toBigInteger()).mod(SIZE);
  }

  /**
   * The start of finger {@code i} of node {@code n}: {@code (n + 2^i) mod 2^160}, for {@code 0 <= i
   * < 160}. Computed on the bytes, without big integers.
   */
  public static Key fingerStart(RingId n, int i) {
    if (i < 0 || i >= RingId.BITS) {
      throw new IllegalArgumentException("finger index must be in [0, 160): " + i);
    }
    byte[] out = n.toBytes();
    int index = RingId.SIZE - 1 - i / 8;
    int carry = 1 << (i % 8);
    while (carry != 0 && index >= 0) {
      int sum = (out[index] & 0xff) + carry;
      out[index] = (byte) sum;
      carry = sum >>> 8;
      index--;
    }
    return Key.of(out);
  }

  /**
   * {@code floor(log2(d))} for the clockwise distance {@code d} from {@code from} to {@code to}, or
   * -1 when both are the same point. Finger {@code i} of {@code from} starts inside {@code (from,
   * to]} exactly when {@code i <= log2Distance(from, to)} (or when {@code to == from}).
   */
  public static int log2Distance(RingId from, RingId to) {
    int borrow = 0;
    int highest = -1;
    for (int i = RingId.SIZE - 1; i >= 0; i--) {
      int diff = (to.byteAt(i) & 0xff) - (from.byteAt(i) & 0xff) - borrow;
      borrow = diff < 0 ? 1 : 0;
      int b = diff & 0xff;
      if (b != 0) {
        highest = (RingId.SIZE - 1 - i) * 8 + 31 - Integer.numberOfLeadingZeros(b);
      }
    }
    return highest;
  }

  /** The ring point {@code x} as a {@link Key}. */
  public static Key asKey(RingId x) {
    return x instanceof Key k ? k : Key.of(x.toBytes());
  }
}
