package io.flowchain.sim;

import io.flowchain.core.types.Key;
import io.flowchain.core.types.RingId;
import io.flowchain.dht.ChordListener;
import io.flowchain.dht.ChordNode;
import io.flowchain.dht.KeyRange;
import io.flowchain.dht.Peer;
import io.flowchain.dht.Ring;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A minimal key store above one simulated node, to exercise the ring's hooks: a key put anywhere is
 * routed to its successor, which keeps it and copies it to its next r - 1 successors; keys move to
 * a joining predecessor, to the successor on a graceful leave, and are copied again whenever the
 * replica set changes. Only keys are stored (the experiments count keys, not bytes).
 */
public final class ReplicatedStore implements ChordListener {
  static final byte PUT = 1;
  static final byte REPLICA = 2;
  static final byte HAND_OFF = 3;

  private final int replicas;
  private final BiConsumer<SimNode, Peer> successorFailed;
  private final SimNode owner;
  private final Set<Key> keys = new LinkedHashSet<>();
  private ChordNode node;
  private List<Peer> replicaSet = List.of();

  /**
   * A store that keeps {@code replicas} copies of each key (the owner's included) on the node
   * {@code owner}, and reports its node's successor failures to {@code successorFailed}.
   */
  ReplicatedStore(int replicas, BiConsumer<SimNode, Peer> successorFailed, SimNode owner) {
    if (replicas < 1) {
      throw new IllegalArgumentException("need at least one copy: " + replicas);
    }
    this.replicas = replicas;
    this.successorFailed = successorFailed;
    this.owner = owner;
  }

  @Override
  public void onSuccessorFailed(Peer failed) {
    successorFailed.accept(owner, failed);
  }

  void attach(ChordNode node) {
    this.node = node;
  }

  /** Stores {@code key} in the ring, starting from this node. */
  public void put(Key key) {
    node.route(key, new byte[] {PUT});
  }

  /** Whether this node holds a copy of {@code key}. */
  public boolean holds(RingId key) {
    return keys.contains(Ring.asKey(key));
  }

  public int size() {
    return keys.size();
  }

  @Override
  public void onMessage(RingId key, byte[] payload, Peer origin) {
    Key k = Ring.asKey(key);
    boolean added = keys.add(k);
    if (payload.length > 0 && payload[0] != REPLICA && added) {
      replicate(List.of(k), replicaTargets());
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
    replicate(inRange(range), replicaTargets());
  }

  @Override
  public void onReplicaSetChanged(List<Peer> successors) {
    Set<Peer> before = new HashSet<>(replicaSet);
    replicaSet = successors;
    List<Peer> added = new ArrayList<>();
    for (Peer p : replicaTargets()) {
      if (!before.contains(p)) {
        added.add(p);
      }
    }
    if (!added.isEmpty() && node != null && node.isActive()) {
      replicate(inRange(node.ownedRange()), added);
    }
  }

  private List<Peer> replicaTargets() {
    return replicaSet.subList(0, Math.min(replicas - 1, replicaSet.size()));
  }

  private void replicate(List<Key> toCopy, List<Peer> targets) {
    for (Peer p : targets) {
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
