package io.flowchain.node;

import io.flowchain.core.ledger.Record;
import io.flowchain.core.port.Cancellable;
import io.flowchain.dht.Peer;
import io.flowchain.node.message.LedgerMessage;
import io.flowchain.node.message.Recorded;
import io.flowchain.node.message.Subscribe;
import io.flowchain.node.message.Subscribed;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * This node as an endpoint's node: the application's subscriptions to objects' records. Every
 * member of the ring is told (a ring walk of {@link Subscribe}s) and told again every third of
 * {@link #TTL_MILLIS}, so members that join later or restarted learn of it and a subscriber that
 * went away stops being served. Records forwarded by their recorders ({@link Recorded}) are checked
 * against their headers and handed to the matching callbacks. Not thread-safe (the node's thread).
 */
final class Subscriptions {
  /** How long a member keeps a subscription it was told of. */
  static final long TTL_MILLIS = 30_000;

  private final LedgerService node;
  private final Map<String, List<Consumer<Record>>> local = new HashMap<>();
  private Cancellable renewal;

  Subscriptions(LedgerService node) {
    this.node = node;
  }

  /** Adds a callback for the records of {@code objectId} ({@link Subscribe#ALL}: every object). */
  void add(String objectId, Consumer<Record> callback) {
    boolean fresh = !local.containsKey(objectId);
    local.computeIfAbsent(objectId, k -> new ArrayList<>()).add(callback);
    if (fresh) {
      announce(objectId);
    }
    if (renewal == null) {
      renewal = node.scheduler.scheduleAtFixedRate(TTL_MILLIS / 3, TTL_MILLIS / 3, this::renewAll);
    }
  }

  /** Removes a callback; members stop forwarding once the subscription lapses. */
  void remove(String objectId, Consumer<Record> callback) {
    List<Consumer<Record>> list = local.get(objectId);
    if (list != null && list.remove(callback) && list.isEmpty()) {
      local.remove(objectId);
    }
    if (local.isEmpty() && renewal != null) {
      renewal.cancel();
      renewal = null;
    }
  }

  private void renewAll() {
    if (node.closed()) {
      return;
    }
    List.copyOf(local.keySet()).forEach(this::announce);
  }

  /** Tells this node and every member it can reach about {@code objectId}'s subscription. */
  private void announce(String objectId) {
    node.subscribers.add(node.self(), objectId, node.now() + TTL_MILLIS);
    if (!node.isMember()) {
      return; // the renewal will reach the ring once this node is a member
    }
    node.client.walkRing(
        id -> new Subscribe(id, node.self(), objectId, TTL_MILLIS),
        new RingWalk.Visitor() {
          @Override
          public boolean onAnswer(Peer peer, LedgerMessage answer) {
            return false;
          }

          @Override
          public List<Peer> successorsIn(LedgerMessage answer) {
            return answer instanceof Subscribed s ? s.successors() : List.of();
          }

          @Override
          public void onDone(int answered, int unreachable, int unasked) {
            node.stats.subscriptionsAnnounced += answered;
          }
        });
  }

  /** A record forwarded by its recorder: checked, then handed to the matching callbacks. */
  void onRecorded(Recorded m, Peer from) {
    Optional<String> problem = m.entry().problem();
    if (problem.isPresent() || !m.record().recorder().equals(from.id())) {
      node.stats.badAnswers++;
      return;
    }
    node.stats.recordsForwardedIn++;
    deliver(m.record(), local.get(m.record().objectId()));
    deliver(m.record(), local.get(Subscribe.ALL));
  }

  private void deliver(Record record, List<Consumer<Record>> callbacks) {
    if (callbacks != null) {
      for (Consumer<Record> c : List.copyOf(callbacks)) {
        node.callbacks.forwarded(c, record);
      }
    }
  }

  void clear() {
    local.clear();
    if (renewal != null) {
      renewal.cancel();
      renewal = null;
    }
  }
}
