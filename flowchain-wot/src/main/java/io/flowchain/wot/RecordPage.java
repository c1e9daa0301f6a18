package io.flowchain.wot;

import io.flowchain.core.ledger.Record;
import io.flowchain.core.store.LedgerStore.Cursor;
import java.util.List;

/**
 * One page of an object's time series.
 *
 * @param next where the next page starts, or null if this is the last
 * @param nodesAnswered members of the ring that answered
 * @param nodesUnreachable members that did not answer in time (records only they hold are missing)
 */
public record RecordPage(
    List<Record> records, Cursor next, int nodesAnswered, int nodesUnreachable) {
  public RecordPage {
    records = List.copyOf(records);
  }
}
