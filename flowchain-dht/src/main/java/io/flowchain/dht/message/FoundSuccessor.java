package io.flowchain.dht.message;

import io.flowchain.core.types.RingId;
import io.flowchain.dht.Peer;
import java.util.List;

/**
 * The answer to a lookup, sent straight to its origin by the node that resolved it (the target's
 * predecessor). {@code requestId} is the origin's lookup id. {@code successors} is the resolving
 * node's successor list, whose head is {@code successor}: the first r entries are the target's
 * replica set. {@code hops} is the number of {@link FindSuccessor} hops the lookup took.
 */
public record FoundSuccessor(
    long requestId, RingId target, Peer successor, List<Peer> successors, int hops)
    implements ChordMessage {
  public FoundSuccessor {
    Peers.require(target, "lookup target");
    Peers.require(successor, "successor");
    successors = Peers.copy(successors, "successor list");
  }

  @Override
  public MessageType type() {
    return MessageType.FOUND_SUCCESSOR;
  }
}
