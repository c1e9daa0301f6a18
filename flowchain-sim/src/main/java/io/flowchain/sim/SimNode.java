package io.flowchain.sim;

import io.flowchain.dht.ChordNode;
import io.flowchain.dht.Peer;

/**
 * One simulated machine: a fixed identity (id and address) and, while it is up, the {@link
 * ChordNode} of its current incarnation with the replicated key store above it.
 */
public final class SimNode {
  private final int index;
  private final Peer peer;
  ChordNode chord;
  ReplicatedStore store;
  NodeScheduler scheduler;
  int incarnation;
  boolean up;

  SimNode(int index, Peer peer) {
    this.index = index;
    this.peer = peer;
  }

  public int index() {
    return index;
  }

  public Peer peer() {
    return peer;
  }

  /** The Chord node of the current (or last) incarnation. */
  public ChordNode chord() {
    return chord;
  }

  public ReplicatedStore store() {
    return store;
  }

  /** Whether the machine is up (not killed, not left). */
  public boolean isUp() {
    return up;
  }

  /** Up and a member of the ring. */
  public boolean isMember() {
    return up && chord != null && chord.isActive();
  }

  public int incarnation() {
    return incarnation;
  }

  @Override
  public String toString() {
    return "SimNode[" + index + ", " + peer + (up ? "" : ", down") + "]";
  }
}
