package io.flowchain.node.message;

import io.flowchain.core.approval.Approval;
import io.flowchain.dht.Peer;

/**
 * An endpoint's signed approval of a record, routed to the successor of the record's data key (its
 * recorder); answered with {@link Approved} or a {@link Failure}.
 */
public record Approve(long requestId, Peer origin, Approval approval) implements LedgerMessage {
  public Approve {
    Limits.peer(origin, "origin");
    if (approval == null) {
      throw new IllegalArgumentException("approval missing");
    }
  }

  @Override
  public Kind kind() {
    return Kind.APPROVE;
  }
}
