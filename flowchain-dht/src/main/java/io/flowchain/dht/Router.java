package io.flowchain.dht;

import io.flowchain.core.port.Cancellable;
import io.flowchain.core.types.RingId;
import io.flowchain.dht.message.CheckTtl;
import io.flowchain.dht.message.ChordMessage;
import io.flowchain.dht.message.FindSuccessor;
import io.flowchain.dht.message.FoundSuccessor;
import io.flowchain.dht.message.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * Recursive routing: lookups and routed messages travel hop by hop towards the target's
 * predecessor; every hop is acknowledged, and a hop that is not acknowledged within the RPC timeout
 * is retried through the next best finger or successor. Not thread-safe.
 */
final class Router {
  private record Lookup(Consumer<LookupResult> callback, Cancellable timer) {}

  private final NodeState node;
  private final Map<Long, Lookup> lookups = new HashMap<>();

  Router(NodeState node) {
    this.node = node;
  }

  /** Starts a lookup here; the callback runs once, with the answer or a failure. */
  void lookup(RingId target, Consumer<LookupResult> callback) {
    long lookupId = register(target, callback);
    step(lookupId, target, node.self, 0);
  }

  /** Starts a lookup whose first hop goes to {@code via} (joining through a member). */
  void lookupVia(Peer via, RingId target, Consumer<LookupResult> callback) {
    long lookupId = register(target, callback);
    node.send(via, new FindSuccessor(node.newRequestId(), lookupId, target, node.self, 1));
  }

  private long register(RingId target, Consumer<LookupResult> callback) {
    long lookupId = node.newRequestId();
    Cancellable timer =
        node.scheduler.schedule(
            node.config.lookupTimeoutMillis(),
            () -> {
              if (lookups.remove(lookupId) != null) {
                node.stats.lookupsTimedOut++;
                callback.accept(LookupResult.failed(target));
              }
            });
    lookups.put(lookupId, new Lookup(callback, timer));
    return lookupId;
  }

  void onFindSuccessor(Peer from, FindSuccessor m) {
    node.send(from, new CheckTtl(m.requestId()));
    step(m.lookupId(), m.target(), m.origin(), m.hops());
  }

  void onFoundSuccessor(FoundSuccessor m) {
    Lookup lookup = lookups.remove(m.requestId());
    if (lookup == null) {
      return; // late answer to a lookup that already timed out
    }
    lookup.timer.cancel();
    node.stats.lookedUp(m.hops());
    lookup.callback.accept(new LookupResult(m.target(), m.successor(), m.successors(), m.hops()));
  }

  private void step(long lookupId, RingId target, Peer origin, int hops) {
    Peer successor = node.successor();
    if (node.alone() || Ring.inHalfOpen(target, node.self.id(), successor.id())) {
      FoundSuccessor answer =
          new FoundSuccessor(lookupId, target, successor, node.successorListForReply(), hops);
      if (origin.equals(node.self)) {
        onFoundSuccessor(answer);
      } else {
        node.send(origin, answer);
      }
      return;
    }
    forward(
        target,
        new HashSet<>(),
        hopId -> new FindSuccessor(hopId, lookupId, target, origin, hops + 1),
        excluded -> answerAtDeadEnd(lookupId, target, origin, hops, excluded));
  }

  /**
   * No reachable node lies between this one and the target: the first successor that did not fail
   * to answer is the best owner this node knows.
   */
  private void answerAtDeadEnd(
      long lookupId, RingId target, Peer origin, int hops, Set<Peer> excluded) {
    List<Peer> live = new ArrayList<>();
    for (Peer p : node.successors.view()) {
      if (!excluded.contains(p)) {
        live.add(p);
      }
    }
    if (live.isEmpty()) {
      return; // nothing left: the origin's own timeout reports the failure
    }
    FoundSuccessor answer = new FoundSuccessor(lookupId, target, live.get(0), live, hops);
    if (origin.equals(node.self)) {
      onFoundSuccessor(answer);
    } else {
      node.send(origin, answer);
    }
  }

  /** Routes an application message to the owner of {@code key}. */
  void route(RingId key, byte[] payload) {
    routeMessage(key, payload, node.self, 0);
  }

  void onMessage(Peer from, Message m) {
    node.send(from, new CheckTtl(m.requestId()));
    if (m.deliver()) {
      node.listener.onMessage(m.key(), m.payload(), m.origin());
    } else {
      routeMessage(m.key(), m.payload(), m.origin(), m.hops());
    }
  }

  /** Sends a message straight to {@code to}: best effort, no acknowledgement awaited. */
  void sendDirect(Peer to, RingId key, byte[] payload) {
    if (to.equals(node.self)) {
      node.listener.onMessage(key, payload, node.self);
      return;
    }
    node.send(to, new Message(node.newRequestId(), key, payload, node.self, 1, true));
  }

  private void routeMessage(RingId key, byte[] payload, Peer origin, int hops) {
    if (node.alone()) {
      node.stats.routed(hops);
      node.listener.onMessage(key, payload, origin);
      return;
    }
    if (Ring.inHalfOpen(key, node.self.id(), node.successor().id())) {
      node.stats.routed(hops + 1);
      deliverToOwner(new HashSet<>(), key, payload, origin, hops + 1);
      return;
    }
    forward(
        key,
        new HashSet<>(),
        hopId -> new Message(hopId, key, payload, origin, hops + 1, false),
        excluded -> {
          node.stats.routed(hops + 1);
          deliverToOwner(excluded, key, payload, origin, hops + 1);
        });
  }

  /** Hands the message to the first successor that acknowledges it. */
  private void deliverToOwner(
      Set<Peer> excluded, RingId key, byte[] payload, Peer origin, int hops) {
    Peer owner = null;
    for (Peer p : node.successors.view()) {
      if (!excluded.contains(p)) {
        owner = p;
        break;
      }
    }
    if (owner == null) {
      return; // every successor is unreachable: the message is lost, as the transport allows
    }
    Peer target = owner;
    long hopId = node.newRequestId();
    node.send(target, new Message(hopId, key, payload, origin, hops, true));
    node.pending.add(
        hopId,
        node.config.rpcTimeoutMillis(),
        new PendingRequests.Pending() {
          @Override
          public Peer to() {
            return target;
          }

          @Override
          public void onTimeout() {
            node.stats.hopTimeouts++;
            excluded.add(target);
            deliverToOwner(excluded, key, payload, origin, hops);
          }
        });
  }

  /**
   * Sends the hop built by {@code hop} to the closest known node before {@code target} that is not
   * in {@code excluded}; on timeout, suspects that node and tries the next one. When no candidate
   * is left, hands the exclusions to {@code deadEnd}.
   */
  private void forward(
      RingId target,
      Set<Peer> excluded,
      LongFunction<ChordMessage> hop,
      Consumer<Set<Peer>> deadEnd) {
    Peer next = nextHop(target, excluded);
    if (next == null) {
      deadEnd.accept(excluded);
      return;
    }
    long hopId = node.newRequestId();
    node.send(next, hop.apply(hopId));
    node.pending.add(
        hopId,
        node.config.rpcTimeoutMillis(),
        new PendingRequests.Pending() {
          @Override
          public Peer to() {
            return next;
          }

          @Override
          public void onTimeout() {
            node.stats.hopTimeouts++;
            excluded.add(next);
            suspect(next);
            forward(target, excluded, hop, deadEnd);
          }
        });
  }

  /**
   * An unacknowledged hop is evidence of failure: the peer leaves the finger table and the tail of
   * the successor list. The successor itself is only removed by its TTL.
   */
  private void suspect(Peer peer) {
    node.fingers.remove(peer);
    if (!peer.equals(node.successor()) && node.successors.remove(peer)) {
      node.replicasMayHaveChanged();
    }
  }

  /** The closest preceding node of {@code target} among the fingers and the successor list. */
  Peer nextHop(RingId target, Set<Peer> excluded) {
    Peer best = node.fingers.closestPreceding(target, excluded);
    for (Peer s : node.successors.view()) {
      if (excluded.contains(s) || !Ring.inOpen(s.id(), node.self.id(), target)) {
        continue;
      }
      if (best == null || Ring.inOpen(s.id(), best.id(), target)) {
        best = s;
      }
    }
    return best;
  }

  void clear() {
    for (Lookup l : lookups.values()) {
      l.timer.cancel();
    }
    lookups.clear();
  }
}
