package io.flowchain.dht;

import io.flowchain.dht.NodeState.Phase;
import io.flowchain.dht.message.CheckPredecessor;
import io.flowchain.dht.message.CheckSuccessor;
import io.flowchain.dht.message.CheckTtl;
import io.flowchain.dht.message.NotifyJoin;
import io.flowchain.dht.message.NotifyLeave;
import io.flowchain.dht.message.NotifyPredecessor;
import io.flowchain.dht.message.NotifyStabilize;
import io.flowchain.dht.message.NotifySuccessor;
import java.util.ArrayList;
import java.util.List;

/**
 * Ring maintenance: join, stabilization with successor-list exchange, finger repair, TTL failure
 * detection of the successor and predecessor (paper §5.3), and graceful leave. Not thread-safe.
 */
final class Stabilizer {
  private final NodeState node;
  private final Router router;
  private int nextFinger = 1;

  Stabilizer(NodeState node, Router router) {
    this.node = node;
    this.router = router;
  }

  // ---- join

  void join(Peer bootstrap) {
    node.phase = Phase.JOINING;
    router.lookupVia(
        bootstrap,
        node.self.id(),
        result -> {
          if (node.phase != Phase.JOINING) {
            return;
          }
          Peer successor = result.succeeded() ? successorOtherThanSelf(result) : null;
          if (successor == null) {
            node.scheduler.schedule(node.config.joinRetryMillis(), () -> retryJoin(bootstrap));
            return;
          }
          sendJoin(successor, bootstrap);
        });
  }

  /**
   * The successor a lookup of this node's own id found. The ring may still list an earlier
   * incarnation of this node, one that crashed and came back with the same id and address before
   * its neighbours declared it dead (and since they hear from it again, they never will): the
   * lookup then answers with this node itself. Its real successor is then the next member of the
   * resolver's successor list. Null if there is none.
   */
  private Peer successorOtherThanSelf(LookupResult result) {
    if (!result.successor().equals(node.self)) {
      return result.successor();
    }
    for (Peer p : result.successors()) {
      if (!p.equals(node.self)) {
        return p;
      }
    }
    return null;
  }

  private void retryJoin(Peer bootstrap) {
    if (node.phase == Phase.JOINING) {
      join(bootstrap);
    }
  }

  private void sendJoin(Peer successor, Peer bootstrap) {
    long id = node.newRequestId();
    node.send(successor, new NotifyJoin(id));
    node.pending.add(
        id, node.config.rpcTimeoutMillis(), timeout(successor, () -> retryJoin(bootstrap)));
  }

  void onNotifyJoin(Peer from, NotifyJoin m) {
    node.send(from, new NotifySuccessor(m.requestId(), node.predecessor, node.successors.view()));
    node.considerPredecessor(from);
  }

  // ---- stabilization

  void stabilize() {
    if (node.alone()) {
      if (node.predecessor == null) {
        return;
      }
      node.adoptSuccessor(node.predecessor);
    }
    Peer successor = node.successor();
    long id = node.newRequestId();
    node.send(successor, new NotifyStabilize(id));
    // an unanswered stabilization is left to the successor's TTL
    node.pending.add(id, node.config.rpcTimeoutMillis(), timeout(successor, () -> {}));
  }

  void onNotifyStabilize(Peer from, NotifyStabilize m) {
    node.send(from, new NotifySuccessor(m.requestId(), node.predecessor, node.successors.view()));
    node.considerPredecessor(from);
  }

  /** The successor's answer to NOTIFY_STABILIZE or NOTIFY_JOIN. */
  void onNotifySuccessor(Peer from, NotifySuccessor m, Peer bootstrapIfJoining) {
    Peer reportedPredecessor = m.predecessor();
    boolean joining = node.phase == Phase.JOINING;
    if (!joining && !from.equals(node.successor())) {
      return; // the successor changed meanwhile: stale news
    }
    boolean between =
        reportedPredecessor != null
            && !reportedPredecessor.equals(node.self)
            && Ring.inOpen(reportedPredecessor.id(), node.self.id(), from.id());
    if (between && node.recentlyFailed.contains(reportedPredecessor)) {
      // declared dead here, not yet by the successor: ask it rather than adopt it again; it is
      // adopted at a later stabilization if it answers (any message takes it off recentlyFailed)
      node.send(reportedPredecessor, new NotifyPredecessor(node.newRequestId()));
    } else if (between) {
      // a node sits between us and our successor: it is our successor
      List<Peer> tail = new ArrayList<>();
      tail.add(from);
      tail.addAll(m.successors());
      node.successors.replace(reportedPredecessor, tail);
      node.successorDeadline = node.now() + node.config.ttlMillis();
      node.replicasMayHaveChanged();
      if (joining) {
        sendJoin(reportedPredecessor, bootstrapIfJoining);
      } else {
        node.send(reportedPredecessor, new NotifyPredecessor(node.newRequestId()));
      }
      return;
    }
    node.successors.replace(from, m.successors());
    node.successorDeadline = node.now() + node.config.ttlMillis();
    node.replicasMayHaveChanged();
    if (joining) {
      if (reportedPredecessor != null && !reportedPredecessor.equals(node.self)) {
        node.considerPredecessor(reportedPredecessor);
      }
      node.phase = Phase.ACTIVE;
    }
  }

  void onNotifyPredecessor(Peer from, NotifyPredecessor m) {
    node.send(from, new CheckTtl(m.requestId()));
    node.considerPredecessor(from);
  }

  // ---- finger repair

  /** Repairs the next finger that needs a lookup; the fingers before it are set for free. */
  void fixFingers() {
    int i = nextFinger;
    if (node.alone()) {
      return;
    }
    Peer successor = node.successor();
    int covered = node.fingers.fill(0, successor);
    if (i < covered) {
      i = covered;
    }
    if (i >= FingerTable.SIZE) {
      nextFinger = 1;
      return;
    }
    int index = i;
    router.lookup(
        Ring.fingerStart(node.self.id(), index),
        result -> {
          if (!node.isActive() || !result.succeeded()) {
            return;
          }
          int after = node.fingers.fill(index, result.successor());
          nextFinger = after >= FingerTable.SIZE ? 1 : after;
        });
    nextFinger = index + 1 >= FingerTable.SIZE ? 1 : index + 1;
  }

  // ---- failure detection (TTL)

  /** CHECK_SUCCESSOR / CHECK_PREDECESSOR, and the TTL verdicts. */
  void check() {
    checkDeadlines();
    if (!node.alone()) {
      node.send(node.successor(), new CheckSuccessor(node.newRequestId()));
    }
    if (node.predecessor != null) {
      node.send(node.predecessor, new CheckPredecessor(node.newRequestId()));
    }
    verdictAtDeadline();
  }

  /**
   * A neighbour whose TTL runs out before the next check tick is judged when it runs out, not at
   * that tick: a dead neighbour is then declared TTL after it was last heard from, rather than up
   * to TTL + check interval. A neighbour heard from meanwhile has a later deadline and stays.
   */
  private void verdictAtDeadline() {
    if (!node.isActive()) {
      return;
    }
    if (!node.alone()) {
      verdictAt(node.successorDeadline);
    }
    if (node.predecessor != null) {
      verdictAt(node.predecessorDeadline);
    }
  }

  private void verdictAt(long deadline) {
    long delay = deadline - node.now();
    if (delay >= 0 && delay < node.config.checkIntervalMillis()) {
      node.scheduler.schedule(delay, this::checkDeadlines);
    }
  }

  void checkDeadlines() {
    if (!node.isActive()) {
      return;
    }
    long now = node.now();
    while (!node.alone() && now >= node.successorDeadline) {
      successorFailed();
    }
    if (node.predecessor != null && now >= node.predecessorDeadline) {
      node.stats.predecessorFailures++;
      node.forget(node.predecessor);
    }
  }

  private void successorFailed() {
    Peer dead = node.successor();
    node.stats.successorFailures++;
    node.forget(dead);
    node.listener.onSuccessorFailed(dead);
    if (node.alone()) {
      return;
    }
    // the next successor was not heard from lately: it must answer quickly to stay
    long probation = Math.min(2 * node.config.rpcTimeoutMillis(), node.config.ttlMillis());
    node.successorDeadline = node.now() + probation;
    node.scheduler.schedule(probation, this::checkDeadlines);
    stabilize();
  }

  void onCheckSuccessor(Peer from, CheckSuccessor m) {
    node.send(from, new CheckTtl(m.requestId()));
    node.considerPredecessor(from);
  }

  void onCheckPredecessor(Peer from, CheckPredecessor m) {
    node.send(from, new CheckTtl(m.requestId()));
    // the sender is alive and believes it follows us: if it sits before our successor, it is ours
    if (node.alone() || Ring.inOpen(from.id(), node.self.id(), node.successor().id())) {
      node.adoptSuccessor(from);
    }
  }

  // ---- merging split rings

  /**
   * Asks one peer declared dead lately where this node's successor is in its ring. A peer that
   * answers was only cut off (a partition): if it knows a closer successor, adopting it lets
   * stabilization zip the two rings back into one.
   */
  void probeFailed() {
    if (node.recentlyFailed.isEmpty()) {
      return;
    }
    Peer candidate = node.recentlyFailed.pollFirst();
    router.lookupVia(
        candidate,
        node.self.id(),
        result -> {
          if (!node.isActive()) {
            return;
          }
          if (!result.succeeded()) {
            return; // still silent: forgotten
          }
          Peer s = result.successor();
          if (node.alone() || Ring.inOpen(s.id(), node.self.id(), node.successor().id())) {
            node.adoptSuccessor(s);
          }
        });
  }

  // ---- leave

  void leave() {
    Peer successor = node.successor();
    Peer predecessor = node.predecessor;
    if (!node.alone()) {
      node.listener.onLeaving(node.ownedRange(), successor);
      node.send(
          successor, new NotifyLeave(node.newRequestId(), predecessor, node.successors.view()));
    }
    if (predecessor != null && !predecessor.equals(successor)) {
      node.send(
          predecessor, new NotifyLeave(node.newRequestId(), predecessor, node.successors.view()));
    }
  }

  void onNotifyLeave(Peer from, NotifyLeave m) {
    if (from.equals(node.predecessor)) {
      Peer next = m.predecessor();
      node.predecessor = null;
      node.formerPredecessor = null;
      KeyRange range =
          new KeyRange(
              next == null || next.equals(node.self) ? node.self.id() : next.id(), from.id());
      node.listener.onKeysTakenOver(range, from);
      if (next != null && !next.equals(node.self)) {
        node.considerPredecessor(next);
      }
    }
    if (from.equals(node.successor())) {
      node.fingers.remove(from);
      List<Peer> rest = new ArrayList<>(m.successors());
      rest.remove(from);
      if (rest.isEmpty() || rest.get(0).equals(node.self)) {
        node.forget(from);
      } else {
        node.successors.replace(rest.get(0), rest.subList(1, rest.size()));
        node.successorDeadline = node.now() + node.config.ttlMillis();
        node.replicasMayHaveChanged();
      }
    } else {
      node.forget(from);
    }
  }

  private static PendingRequests.Pending timeout(Peer to, Runnable onTimeout) {
    return new PendingRequests.Pending() {
      @Override
      public Peer to() {
        return to;
      }

      @Override
      public void onTimeout() {
        onTimeout.run();
      }
    };
  }
}
