package io.flowchain.node.message;

import io.flowchain.core.ledger.Submission;
import io.flowchain.dht.Peer;

/**
 * A data chunk to record: routed from the node N where it entered to the successor of its data key
 * (N'), which answers {@code origin} with a {@link Receipt} or a {@link Failure}.
 */
public record Submit(long requestId, Peer origin, Submission submission) implements LedgerMessage {
  public Submit {
    Limits.peer(origin, "origin");
    if (submission == null) {
      throw new IllegalArgumentException("submission missing");
    }
  }

  @Override
  public Kind kind() {
    return Kind.SUBMIT;
  }
}
