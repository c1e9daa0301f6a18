package io.flowchain.dht;

import io.flowchain.core.types.RingId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The m = 160 fingers of one node: finger {@code i} should be {@code successor(self + 2^i)}. An
 * empty entry is unknown. Not thread-safe.
 */
final class FingerTable {
  static final int SIZE = RingId.BITS;

  private final RingId self;
  private final Peer[] fingers = new Peer[SIZE];

  FingerTable(RingId self) {
    this.self = self;
  }

  Peer get(int i) {
    return fingers[i];
  }

  /**
   * Sets finger {@code from} to {@code peer}, and every later finger whose start also lies in
   * {@code (self, peer]} (their successor is the same node). Returns the index after the last one
   * set.
   */
  int fill(int from, Peer peer) {
    int last = Ring.samePoint(peer.id(), self) ? SIZE - 1 : Ring.log2Distance(self, peer.id());
    fingers[from] = peer;
    int i = from + 1;
    for (; i <= last && i < SIZE; i++) {
      fingers[i] = peer;
    }
    return i;
  }

  /** Empties every entry that points at {@code peer}. */
  void remove(Peer peer) {
    for (int i = 0; i < SIZE; i++) {
      if (peer.equals(fingers[i])) {
        fingers[i] = null;
      }
    }
  }

  /**
   * The finger closest before {@code target}, strictly inside {@code (self, target)}, that is not
   * in {@code excluded}; {@code null} if none.
   */
  Peer closestPreceding(RingId target, Set<Peer> excluded) {
    Peer previous = null;
    for (int i = SIZE - 1; i >= 0; i--) {
      Peer f = fingers[i];
      if (f == null || f == previous) {
        continue;
      }
      previous = f;
      if (Ring.inOpen(f.id(), self, target) && (excluded.isEmpty() || !excluded.contains(f))) {
        return f;
      }
    }
    return null;
  }

  /** The known finger closest after this node, or {@code null}. */
  Peer nearest(Set<Peer> excluded) {
    for (Peer f : fingers) {
      if (f != null && !excluded.contains(f)) {
        return f;
      }
    }
    return null;
  }

  /** The distinct peers in the table, in finger order. */
  List<Peer> distinct() {
    List<Peer> out = new ArrayList<>();
    Peer previous = null;
    for (Peer f : fingers) {
      if (f != null && f != previous && !out.contains(f)) {
        out.add(f);
      }
      previous = f;
    }
    return out;
  }
}
