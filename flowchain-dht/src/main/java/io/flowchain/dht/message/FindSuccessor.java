package io.flowchain.dht.message;

import io.flowchain.core.types.RingId;
import io.flowchain.dht.Peer;

/**
 * One hop of a recursive lookup of {@code successor(target)}. The receiver acknowledges the hop
 * with {@link CheckTtl} carrying {@code requestId} (the sender's hop id, used for the per-hop
 * timeout), then either answers the origin with {@link FoundSuccessor} or forwards the lookup one
 * hop closer. {@code lookupId} is the origin's id for the whole lookup; {@code hops} counts the
 * hops taken so far, this one included.
 */
public record FindSuccessor(long requestId, long lookupId, RingId target, Peer origin, int hops)
    implements ChordMessage {
  public FindSuccessor {
    Peers.require(target, "lookup target");
    Peers.require(origin, "lookup origin");
    if (hops < 0) {
      throw new IllegalArgumentException("hop count must not be negative: " + hops);
    }
  }

  @Override
  public MessageType type() {
    return MessageType.FIND_SUCCESSOR;
  }
}
