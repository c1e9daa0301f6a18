package io.flowchain.dht;

import java.util.ArrayList;
import java.util.List;

/**
 * A node's first r successors in ring order, never holding the node itself. Empty when the node
 * believes it is alone. Not thread-safe.
 */
final class SuccessorList {
  private final Peer self;
  private final int capacity;
  private final List<Peer> peers = new ArrayList<>();

  SuccessorList(Peer self, int capacity) {
    this.self = self;
    this.capacity = capacity;
  }

  boolean isEmpty() {
    return peers.isEmpty();
  }

  /** The successor, or {@code self} when alone. */
  Peer head() {
    return peers.isEmpty() ? self : peers.get(0);
  }

  boolean contains(Peer p) {
    return peers.contains(p);
  }

  List<Peer> view() {
    return List.copyOf(peers);
  }

  /**
   * Rebuilds the list as {@code head} followed by {@code tail} (a successor's own list), stopping
   * at this node or at capacity and skipping repeats.
   */
  void replace(Peer head, List<Peer> tail) {
    peers.clear();
    if (head.equals(self)) {
      return;
    }
    peers.add(head);
    for (Peer p : tail) {
      if (peers.size() >= capacity || p.equals(self)) {
        break;
      }
      if (!peers.contains(p)) {
        peers.add(p);
      }
    }
  }

  /** Puts {@code head} first, keeping the entries after it that are still in ring order. */
  void pushFront(Peer head) {
    if (head.equals(self)) {
      return;
    }
    List<Peer> rest = new ArrayList<>(peers);
    rest.remove(head);
    replace(head, rest);
  }

  /** Removes {@code p}; returns whether it was there. */
  boolean remove(Peer p) {
    return peers.remove(p);
  }

  /** The first {@code n} entries (fewer if the list is shorter). */
  List<Peer> first(int n) {
    return List.copyOf(peers.subList(0, Math.min(n, peers.size())));
  }
}
