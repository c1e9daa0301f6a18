package io.flowchain.net;

import io.flowchain.core.types.Key;
import io.flowchain.core.types.RingId;
import io.flowchain.dht.ChordListener;
import io.flowchain.dht.ChordNode;
import io.flowchain.dht.KeyRange;
import io.flowchain.dht.Peer;
import io.flowchain.dht.Ring;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A key store above one node, as in the simulator: a key is routed to its successor, which keeps it
 * and copies it to its next r - 1 successors; keys move on join, leave and replica-set changes.
 * Runs on the node's thread; {@link #holds} may be read from any thread.
 */
final class TestStore implements ChordListener {
  private static final byte PUT = 1;
  private static final byte REPLICA = 2;
  private static final byte HAND_OFF = 3;

  private final int replicas;
  private final Set<Key> keys = ConcurrentHashMap.newKeySet();
  private ChordNode node;
  private List<Peer> replicaSet = List.of();

  TestStore(int replicas) {
    this.replicas = replicas;
  }

  void attach(ChordNode node) {
    this.node = node;
  }

  void put(Key key) {
    node.route(key, new byte[] {PUT});
  }

  boolean holds(RingId key) {
    return keys.contains(Ring.asKey(key));
  }

  @Override
  public void onMessage(RingId key, byte[] payload, Peer origin) {
    Key k = Ring.asKey(key);
    if (keys.add(k) && payload.length > 0 && payload[0] != REPLICA) {
      replicate(List.of(k), targets());
    }
  }

  @Override
  public void onKeysHandedOff(KeyRange range, Peer newOwner) {
    for (Key k : inRange(range)) {
      node.sendDirect(newOwner, k, new byte[] {HAND_OFF});
    }
  }

  @Override
  public void onLeaving(KeyRange range, Peer successor) {
    for (Key k : inRange(range)) {
      node.sendDirect(successor, k, new byte[] {HAND_OFF});
    }
  }

  @Override
  public void onKeysTakenOver(KeyRange range, Peer formerOwner) {
    replicate(inRange(range), targets());
  }

  @Override
  public void onReplicaSetChanged(List<Peer> successors) {
    Set<Peer> before = new HashSet<>(replicaSet);
    replicaSet = successors;
    List<Peer> added = new ArrayList<>();
    for (Peer p : targets()) {
      if (!before.contains(p)) {
        added.add(p);
      }
    }
    if (!added.isEmpty() && node != null && node.isActive()) {
      replicate(inRange(node.ownedRange()), added);
    }
  }

  private List<Peer> targets() {
    return replicaSet.subList(0, Math.min(replicas - 1, replicaSet.size()));
  }

  private void replicate(List<Key> toCopy, List<Peer> to) {
    for (Peer p : to) {
      for (Key k : toCopy) {
        node.sendDirect(p, k, new byte[] {REPLICA});
      }
    }
  }

  private List<Key> inRange(KeyRange range) {
    List<Key> out = new ArrayList<>();
    for (Key k : keys) {
      if (range.contains(k)) {
        out.add(k);
      }
    }
    return out;
  }
}
