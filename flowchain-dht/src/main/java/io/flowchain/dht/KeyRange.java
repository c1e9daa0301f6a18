package io.flowchain.dht;

import io.flowchain.core.types.RingId;

/**
 * The keys in the half-open ring interval {@code (after, upTo]}: the keys that the node {@code
 * upTo} owns when {@code after} is its predecessor. When both bounds are the same point the range
 * is the whole ring.
 */
public record KeyRange(RingId after, RingId upTo) {
  public KeyRange {
    if (after == null || upTo == null) {
      throw new IllegalArgumentException("a key range needs both bounds");
    }
  }

  /** Whether {@code key} is in this range. */
  public boolean contains(RingId key) {
    return Ring.inHalfOpen(key, after, upTo);
  }

  @Override
  public String toString() {
    return "(" + after.toHex().substring(0, 8) + ", " + upTo.toHex().substring(0, 8) + "]";
  }
}
