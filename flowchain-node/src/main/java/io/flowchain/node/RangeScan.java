package io.flowchain.node;

import io.flowchain.core.ledger.Record;
import io.flowchain.core.types.Key;
import io.flowchain.dht.KeyRange;
import io.flowchain.node.message.RecordAndBlock;
import io.flowchain.node.replica.ReplicaStore;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Everything a node holds with a data key in one ring range, read a page at a time: for each plain
 * key interval of the range, the records of its own branch, then its copies of other nodes'
 * records, each in data-key order. A hand-off reads its next page only once earlier pages are
 * acknowledged, so that a large range never holds the node's thread for long. Records stored after
 * the scan started are included if their keys lie ahead of it. Used on the node's thread.
 */
final class RangeScan {
  private final LocalReads reads;
  private final ReplicaStore replicas;
  private final Deque<Key[]> intervals;
  private Key[] interval; // [from, to] being read
  private boolean inCopies; // reading the copies of the interval (after its branch records)
  private Key from; // where reading resumes in the current part, inclusive; null once it is done

  RangeScan(LocalReads reads, ReplicaStore replicas, KeyRange range) {
    this.reads = reads;
    this.replicas = replicas;
    this.intervals = new ArrayDeque<>(LocalReads.intervals(range));
  }

  /**
   * The next records, at least {@code limit} of them while the scan has so many (a page of copies
   * may hold a few more: the copies of one data key are never split); empty once everything has
   * been read.
   */
  List<RecordAndBlock> next(int limit) {
    while (interval != null || startNextInterval()) {
      if (from != null) {
        List<RecordAndBlock> page = inCopies ? copies(limit) : own(limit);
        if (!page.isEmpty()) {
          return page;
        }
        from = null;
      }
      if (inCopies) {
        interval = null;
      } else {
        inCopies = true;
        from = interval[0];
      }
    }
    return List.of();
  }

  private boolean startNextInterval() {
    interval = intervals.poll();
    inCopies = false;
    from = interval == null ? null : interval[0];
    return interval != null;
  }

  private List<RecordAndBlock> own(int limit) {
    Key after =
        from.toBigInteger().signum() == 0
            ? null
            : Key.of(from.toBigInteger().subtract(BigInteger.ONE));
    List<Record> records = reads.store().recordsByKey(after, limit);
    List<RecordAndBlock> page = new ArrayList<>(records.size());
    for (Record r : records) {
      if (r.dataKey().compareTo(interval[1]) > 0) {
        from = null;
        return page;
      }
      page.add(reads.own(r));
    }
    from =
        records.size() < limit
            ? null
            : records.get(records.size() - 1).dataKey().next().orElse(null);
    return page;
  }

  private List<RecordAndBlock> copies(int limit) {
    List<RecordAndBlock> page = replicas.keyIntervalPage(from, interval[1], limit);
    from =
        page.size() < limit
            ? null
            : page.get(page.size() - 1).record().dataKey().next().orElse(null);
    return page;
  }
}
