package io.flowchain.node;

import io.flowchain.core.ledger.Record;
import io.flowchain.core.store.LedgerStore.Cursor;
import io.flowchain.core.types.Key;
import io.flowchain.core.types.TxId;
import io.flowchain.node.message.RecordAndBlock;
import io.flowchain.node.replica.LatestRecording;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the pages of one query from several members into one page. Each member returns its first
 * records after the cursor, and says whether it holds more. A record beyond the last record of any
 * member that holds more might be preceded by records that member did not send, so the merged page
 * stops there: at the smallest "last record" among the members with more, and at {@code limit}.
 *
 * <p>A submission recorded twice (two txIDs of one data key, see {@link LatestRecording}) is listed
 * once, as its latest recording, like a read by key gives it; the cursor moves past the other. Only
 * when the two fall on different pages (the later one not yet sent by its member) are both listed.
 */
final class QueryMerge {
  private final int limit;
  private final Map<TxId, Record> records = new HashMap<>();
  private RecordAndBlock boundary;

  QueryMerge(int limit) {
    this.limit = limit;
  }

  /** One member's page, in (timestamp, txID) order. */
  void add(List<RecordAndBlock> page, boolean more) {
    for (RecordAndBlock e : page) {
      records.putIfAbsent(e.record().txId(), e.record());
    }
    if (more && !page.isEmpty()) {
      RecordAndBlock last = page.get(page.size() - 1);
      if (boundary == null || LocalReads.SERIES_ORDER.compare(last, boundary) < 0) {
        boundary = last;
      }
    }
  }

  QueryResult result(int answered, int unreachable) {
    List<Record> all = new ArrayList<>(records.values());
    all.sort(java.util.Comparator.comparingLong(Record::timestamp).thenComparing(Record::txId));
    Map<Key, Record> latest = new HashMap<>();
    for (Record r : all) {
      latest.merge(r.dataKey(), r, (a, b) -> LatestRecording.isLater(b, a) ? b : a);
    }
    List<Record> out = new ArrayList<>();
    Record last = null; // the last record passed: listed, or an earlier recording left out
    boolean cut = false;
    for (Record r : all) {
      if (boundary != null && beyond(r, boundary.record())) {
        cut = true;
        break;
      }
      boolean listed = latest.get(r.dataKey()) == r;
      if (listed && out.size() == limit) {
        cut = true;
        break;
      }
      if (listed) {
        out.add(r);
      }
      last = r;
    }
    Cursor next = null;
    if ((cut || boundary != null) && last != null) {
      next = new Cursor(last.timestamp(), last.txId());
    }
    return new QueryResult(out, next, answered, unreachable);
  }

  private static boolean beyond(Record r, Record bound) {
    return r.timestamp() > bound.timestamp()
        || (r.timestamp() == bound.timestamp() && r.txId().compareTo(bound.txId()) > 0);
  }
}
