package io.flowchain.node;

import io.flowchain.core.ledger.Record;
import io.flowchain.core.store.LedgerStore.Cursor;
import java.util.List;

/**
 * One page of an object's time series gathered across the ring: records in (timestamp, txID) order,
 * each checked against its block header, without duplicates.
 *
 * @param records the page
 * @param next where the next page starts ({@code query(..., next)}), or null if this is the last
 * @param nodesAnswered members that answered (this node included)
 * @param nodesUnreachable members that did not answer in time, or that the walk did not ask because
 *     it had asked as many as it may ({@code walkMaxPeers}); if not zero, records only they held
 *     may be missing
 */
public record QueryResult(
    List<Record> records, Cursor next, int nodesAnswered, int nodesUnreachable) {
  public QueryResult {
    records = List.copyOf(records);
  }
}
