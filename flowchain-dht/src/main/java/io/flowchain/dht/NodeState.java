package io.flowchain.dht;

import io.flowchain.core.port.Scheduler;
import io.flowchain.dht.message.ChordMessage;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The mutable state of one node and the methods that keep its parts consistent; shared by {@link
 * ChordNode}, {@link Router} and {@link Stabilizer}. Not thread-safe.
 */
final class NodeState {
  enum Phase {
    NEW,
    JOINING,
    ACTIVE,
    STOPPED
  }

  final Peer self;
  final ChordConfig config;
  final Transport transport;
  final Scheduler scheduler;
  final RandomGenerator random;
  final ChordListener listener;
  final ChordStats stats = new ChordStats();
  final FingerTable fingers;
  final SuccessorList successors;
  final PendingRequests pending;

  Phase phase = Phase.NEW;
  Peer predecessor;

  /** The last predecessor declared dead, until a new predecessor is adopted. */
  Peer formerPredecessor;

  /** Peers declared dead lately, most recent last: probed now and then to merge split rings. */
  final java.util.ArrayDeque<Peer> recentlyFailed = new java.util.ArrayDeque<>();

  long successorDeadline;
  long predecessorDeadline;
  private long nextRequestId;
  private List<Peer> reportedReplicas = List.of();

  NodeState(
      Transport transport,
      Scheduler scheduler,
      RandomGenerator random,
      ChordConfig config,
      ChordListener listener) {
    this.self = transport.localPeer();
    this.config = config;
    this.transport = transport;
    this.scheduler = scheduler;
    this.random = random;
    this.listener = listener;
    this.fingers = new FingerTable(self.id());
    this.successors = new SuccessorList(self, config.successorListSize());
    this.pending = new PendingRequests(scheduler);
    // random start: ids from an earlier incarnation at the same address do not collide
    this.nextRequestId = random.nextLong() & 0x3fff_ffff_ffff_ffffL;
  }

  long now() {
    return scheduler.clock().nowMillis();
  }

  long newRequestId() {
    return nextRequestId++;
  }

  void send(Peer to, ChordMessage message) {
    stats.messagesSent++;
    transport.send(to, message);
  }

  boolean isActive() {
    return phase == Phase.ACTIVE;
  }

  Peer successor() {
    return successors.head();
  }

  boolean alone() {
    return successors.isEmpty();
  }

  /** The successor list as it is shared with others: the successor first, never empty. */
  List<Peer> successorListForReply() {
    return successors.isEmpty() ? List.of(self) : successors.view();
  }

  /**
   * Any message from a neighbour proves it alive: renew its TTL. A peer declared dead lately that
   * speaks again is no longer taken for dead.
   */
  void heardFrom(Peer from) {
    if (!recentlyFailed.isEmpty()) {
      recentlyFailed.remove(from);
    }
    long deadline = now() + config.ttlMillis();
    if (!successors.isEmpty() && from.equals(successors.head())) {
      successorDeadline = deadline;
    }
    if (from.equals(predecessor)) {
      predecessorDeadline = deadline;
    }
  }

  /**
   * Chord's notify: adopts {@code candidate} as predecessor when there is none or it lies between
   * the current one and this node, and tells the application which keys moved.
   */
  void considerPredecessor(Peer candidate) {
    if (candidate.equals(self) || candidate.equals(predecessor)) {
      return;
    }
    if (predecessor != null && !Ring.inOpen(candidate.id(), predecessor.id(), self.id())) {
      return;
    }
    Peer old = predecessor;
    Peer former = formerPredecessor;
    predecessor = candidate;
    formerPredecessor = null;
    predecessorDeadline = now() + config.ttlMillis();
    if (old != null) {
      listener.onKeysHandedOff(new KeyRange(old.id(), candidate.id()), candidate);
    } else if (former != null && Ring.inOpen(candidate.id(), former.id(), self.id())) {
      listener.onKeysHandedOff(new KeyRange(former.id(), candidate.id()), candidate);
    } else if (former != null && Ring.inOpen(former.id(), candidate.id(), self.id())) {
      listener.onKeysTakenOver(new KeyRange(candidate.id(), former.id()), former);
    } else if (former == null && alone()) {
      listener.onKeysHandedOff(new KeyRange(self.id(), candidate.id()), candidate);
    }
  }

  /** Makes {@code peer} the successor, ahead of the current list. */
  void adoptSuccessor(Peer peer) {
    if (peer.equals(self) || peer.equals(successor())) {
      return;
    }
    successors.pushFront(peer);
    successorDeadline = now() + config.ttlMillis();
    replicasMayHaveChanged();
  }

  /** Forgets {@code peer} everywhere: it is gone. */
  void forget(Peer peer) {
    recentlyFailed.remove(peer);
    recentlyFailed.addLast(peer);
    while (recentlyFailed.size() > 2 * config.successorListSize()) {
      recentlyFailed.removeFirst();
    }
    fingers.remove(peer);
    boolean wasSuccessor = !successors.isEmpty() && peer.equals(successors.head());
    if (successors.remove(peer)) {
      if (wasSuccessor && successors.isEmpty()) {
        Peer fallback = fingers.nearest(java.util.Set.of());
        if (fallback == null && predecessor != null && !predecessor.equals(peer)) {
          fallback = predecessor;
        }
        if (fallback != null) {
          successors.pushFront(fallback);
        }
      }
      replicasMayHaveChanged();
    }
    if (peer.equals(predecessor)) {
      formerPredecessor = predecessor;
      predecessor = null;
    }
  }

  void replicasMayHaveChanged() {
    List<Peer> now = successors.first(config.successorListSize() - 1);
    if (!now.equals(reportedReplicas)) {
      reportedReplicas = now;
      listener.onReplicaSetChanged(now);
    }
  }

  KeyRange ownedRange() {
    return new KeyRange(predecessor == null ? self.id() : predecessor.id(), self.id());
  }
}
