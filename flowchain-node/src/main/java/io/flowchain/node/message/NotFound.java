package io.flowchain.node.message;

import io.flowchain.dht.Peer;
import java.util.List;

/**
 * The answer to a {@link Get} the receiver cannot serve from its branch or its replicas, with its
 * successor list: the next places to look (the key's other replicas, or the rest of a ring walk).
 */
public record NotFound(long requestId, List<Peer> successors) implements LedgerMessage {
  public NotFound {
    successors = Limits.peers(successors);
  }

  @Override
  public Kind kind() {
    return Kind.NOT_FOUND;
  }
}
