package io.flowchain.node.message;

import io.flowchain.core.types.Key;
import io.flowchain.core.types.TxId;
import io.flowchain.dht.Peer;

/**
 * A read of one record, by data key (routed to the key's successor) or by txID (sent directly to
 * the peers of a ring walk). Exactly one of {@code dataKey} and {@code txId} is set. Answered with
 * {@link Found} or {@link NotFound}.
 */
public record Get(long requestId, Peer origin, Key dataKey, TxId txId) implements LedgerMessage {
  public Get {
    Limits.peer(origin, "origin");
    if ((dataKey == null) == (txId == null)) {
      throw new IllegalArgumentException("a get names either a data key or a txID");
    }
  }

  public static Get byKey(long requestId, Peer origin, Key dataKey) {
    return new Get(requestId, origin, dataKey, null);
  }

  public static Get byTxId(long requestId, Peer origin, TxId txId) {
    return new Get(requestId, origin, null, txId);
  }

  @Override
  public Kind kind() {
    return Kind.GET;
  }
}
