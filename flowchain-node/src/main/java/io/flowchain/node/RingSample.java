package io.flowchain.node;

import io.flowchain.dht.ChordNode;
import io.flowchain.dht.ChordStats;
import io.flowchain.dht.Peer;
import io.flowchain.dht.Ring;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a node's Chord state looked like when it was last sampled, on the node's thread (the only
 * thread that may read it); read from any thread afterwards.
 *
 * @param member the node is an active member of the ring
 * @param knownPeers distinct other members it knows (predecessor, successor list, fingers)
 * @param sizeEstimate the ring size estimated from how much of the ring its successor list spans:
 *     {@code k × 2^160 / distance(self, k-th successor)}, exact for evenly spread ids; 1 when alone
 * @param successorFailures successors declared dead since start
 * @param predecessorFailures predecessors declared dead since start
 * @param lookupsTimedOut lookups started here that got no answer
 * @param hopTimeouts forwarded hops that went unacknowledged
 * @param sampledAtNanos when the sample was taken ({@link System#nanoTime()})
 */
record RingSample(
    boolean member,
    int knownPeers,
    double sizeEstimate,
    long successorFailures,
    long predecessorFailures,
    long lookupsTimedOut,
    long hopTimeouts,
    long sampledAtNanos) {

  static final RingSample NONE = new RingSample(false, 0, 0, 0, 0, 0, 0, System.nanoTime());

  /** Samples {@code chord}; call on the node's thread. */
  static RingSample of(ChordNode chord, boolean member) {
    Peer self = chord.self();
    Set<Peer> known = new HashSet<>();
    chord.predecessor().ifPresent(known::add);
    List<Peer> successors = chord.successorList();
    known.addAll(successors);
    known.addAll(chord.distinctFingers());
    known.remove(self);
    ChordStats s = chord.stats();
    return new RingSample(
        member,
        known.size(),
        member ? estimate(self, successors, chord.config().successorListSize()) : 0,
        s.successorFailures(),
        s.predecessorFailures(),
        s.lookupsTimedOut(),
        s.hopTimeouts(),
        System.nanoTime());
  }

  private static double estimate(Peer self, List<Peer> successors, int listSize) {
    int k = 0;
    Peer last = null;
    for (Peer p : successors) {
      if (p.equals(self)) {
        break; // the list wrapped round a small ring
      }
      k++;
      last = p;
    }
    if (last == null) {
      return 1;
    }
    if (k < successors.size() || k < listSize) {
      return k + 1.0; // the whole ring fits in the list: self and k others
    }
    BigDecimal span = new BigDecimal(Ring.distance(self.id(), last.id()));
    if (span.signum() == 0) {
      return 1;
    }
    return new BigDecimal(Ring.SIZE)
        .multiply(BigDecimal.valueOf(k))
        .divide(span, MathContext.DECIMAL64)
        .doubleValue();
  }
}
