package io.flowchain.dht.message;

import io.flowchain.dht.Peer;
import java.util.List;

/**
 * A successor's answer to {@link NotifyStabilize} or {@link NotifyJoin}: its predecessor as it was
 * before it considered the sender ({@code null} when it has none) and its own successor list, from
 * which the sender rebuilds its list (successor-list exchange).
 */
public record NotifySuccessor(long requestId, Peer predecessor, List<Peer> successors)
    implements ChordMessage {
  public NotifySuccessor {
    successors = Peers.copy(successors, "successor list");
  }

  @Override
  public MessageType type() {
    return MessageType.NOTIFY_SUCCESSOR;
  }
}
