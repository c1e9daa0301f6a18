package io.flowchain.node.message;

/**
 * A replica's answer to a {@link Replicate} or {@link Transfer}: how many records of the batch it
 * now holds durably (including ones it held already) and how many it refused (they did not check
 * out against their headers).
 */
public record ReplicaAck(long batchId, int stored, int refused) implements LedgerMessage {
  public ReplicaAck {
    if (stored < 0 || refused < 0 || stored > Limits.MAX_RECORDS || refused > Limits.MAX_RECORDS) {
      throw new IllegalArgumentException("record counts out of range: " + stored + ", " + refused);
    }
  }

  @Override
  public Kind kind() {
    return Kind.REPLICA_ACK;
  }
}
