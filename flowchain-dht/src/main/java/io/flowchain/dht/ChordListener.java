package io.flowchain.dht;

import io.flowchain.core.types.RingId;
import java.util.List;

/**
 * What the application above the ring learns from its node: messages for the keys it owns, keys
 * that move on join and leave, and changes of its replica set. Every method has an empty default.
 *
 * <p>Called on the node's thread, synchronously, from inside the node's message and timer handling:
 * implementations must not block. They may call the node back (for example {@link
 * ChordNode#sendDirect} to move data).
 */
public interface ChordListener {
  /**
   * A message arrived for {@code key}: routed here as the key's successor, or sent here directly.
   */
  default void onMessage(RingId key, byte[] payload, Peer origin) {}

  /**
   * A node joined just before this one: the keys in {@code range} now belong to {@code newOwner}.
   * The application moves them there (and may keep them as replicas).
   */
  default void onKeysHandedOff(KeyRange range, Peer newOwner) {}

  /**
   * This node now owns {@code range}, which {@code formerOwner} held: its predecessor left
   * gracefully, or failed and a new predecessor was found.
   */
  default void onKeysTakenOver(KeyRange range, Peer formerOwner) {}

  /**
   * This node is about to leave gracefully: the keys in {@code range} go to {@code successor}. Data
   * sent to it from inside this call leaves before the leave notices do.
   */
  default void onLeaving(KeyRange range, Peer successor) {}

  /**
   * The next {@code r - 1} successors, where this node's replicas belong, changed. {@code
   * successors} holds them in ring order (fewer when the ring is smaller).
   */
  default void onReplicaSetChanged(List<Peer> successors) {}

  /** The successor {@code failed} was declared dead (its TTL ran out) and removed. */
  default void onSuccessorFailed(Peer failed) {}
}
