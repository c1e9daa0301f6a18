package io.flowchain.dht.message;

import io.flowchain.dht.Peer;
import java.util.List;

/**
 * Graceful leave, sent by a departing node to its successor and to its predecessor. It carries the
 * departing node's predecessor ({@code null} if none), which becomes the successor's predecessor
 * (the successor takes over the departing node's keys), and its successor list, which replaces the
 * predecessor's view of the ring after the departing node.
 */
public record NotifyLeave(long requestId, Peer predecessor, List<Peer> successors)
    implements ChordMessage {
  public NotifyLeave {
    successors = Peers.copy(successors, "successor list");
  }

  @Override
  public MessageType type() {
    return MessageType.NOTIFY_LEAVE;
  }
}
