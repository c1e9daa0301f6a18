package io.flowchain.node.message;

import io.flowchain.core.approval.Confirmation;

/** A replica's signed confirmation of the approval a {@link Confirm} asked about. */
public record Confirmed(long requestId, Confirmation confirmation) implements LedgerMessage {
  public Confirmed {
    if (confirmation == null) {
      throw new IllegalArgumentException("confirmation missing");
    }
  }

  @Override
  public Kind kind() {
    return Kind.CONFIRMED;
  }
}
