package io.flowchain.node;

import io.flowchain.dht.Peer;
import io.flowchain.node.message.Subscribe;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The endpoints' subscriptions this node holds as a member: who wants the records it records of
 * which object, until when. A subscription lasts for the time its {@link Subscribe} asked for and
 * is renewed by its subscriber; one that is not renewed lapses. Not thread-safe (the node's
 * thread).
 */
final class SubscriberRegistry {
  /** At most this many subscriptions (subscriber, object) are held; more are refused. */
  static final int MAX_SUBSCRIPTIONS = 4096;

  private final Map<Peer, Map<String, Long>> bySubscriber = new HashMap<>();
  private int size;

  /** Adds or renews {@code subscriber}'s subscription to {@code objectId} until {@code until}. */
  boolean add(Peer subscriber, String objectId, long until) {
    Map<String, Long> objects = bySubscriber.get(subscriber);
    if (objects == null || !objects.containsKey(objectId)) {
      if (size >= MAX_SUBSCRIPTIONS) {
        return false;
      }
      size++;
    }
    bySubscriber.computeIfAbsent(subscriber, p -> new HashMap<>()).put(objectId, until);
    return true;
  }

  /** The subscribers of {@code objectId} (or of every object) whose subscription holds at now. */
  List<Peer> subscribersOf(String objectId, long now) {
    List<Peer> out = new ArrayList<>();
    Iterator<Map.Entry<Peer, Map<String, Long>>> it = bySubscriber.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Peer, Map<String, Long>> e = it.next();
      Map<String, Long> objects = e.getValue();
      int before = objects.size();
      objects.values().removeIf(until -> until < now);
      size -= before - objects.size();
      if (objects.isEmpty()) {
        it.remove();
      } else if (objects.containsKey(objectId) || objects.containsKey(Subscribe.ALL)) {
        out.add(e.getKey());
      }
    }
    return out;
  }

  int size() {
    return size;
  }
}
