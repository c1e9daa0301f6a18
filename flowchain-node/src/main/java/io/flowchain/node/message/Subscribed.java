package io.flowchain.node.message;

import io.flowchain.dht.Peer;
import java.util.List;

/** The answer to a {@link Subscribe}, with the answerer's successor list (to continue the walk). */
public record Subscribed(long requestId, List<Peer> successors) implements LedgerMessage {
  public Subscribed {
    successors = Limits.peers(successors);
  }

  @Override
  public Kind kind() {
    return Kind.SUBSCRIBED;
  }
}
