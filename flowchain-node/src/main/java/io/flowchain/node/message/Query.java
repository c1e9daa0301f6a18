package io.flowchain.node.message;

import io.flowchain.core.ledger.Submission;
import io.flowchain.core.store.LedgerStore.Cursor;
import io.flowchain.dht.Peer;

/**
 * A request for one page of an object's time series as the receiver holds it (its branch and its
 * replicas): records with {@code fromMillis <= timestamp < toMillis} after {@code after} (null for
 * the first page), at most {@code limit}, in (timestamp, txID) order. Answered with a {@link
 * QueryPage}.
 */
public record Query(
    long requestId,
    Peer origin,
    String objectId,
    long fromMillis,
    long toMillis,
    int limit,
    Cursor after)
    implements LedgerMessage {
  public Query {
    Limits.peer(origin, "origin");
    Submission.checkObjectId(objectId);
    if (fromMillis < 0 || toMillis < 0) {
      throw new IllegalArgumentException("query times must not be negative");
    }
    if (limit < 1 || limit > Limits.MAX_QUERY_LIMIT) {
      throw new IllegalArgumentException(
          "query limit must be 1.." + Limits.MAX_QUERY_LIMIT + ": " + limit);
    }
    if (after != null && (after.txId() == null || after.timestamp() < 0)) {
      throw new IllegalArgumentException("malformed query cursor");
    }
  }

  @Override
  public Kind kind() {
    return Kind.QUERY;
  }
}
