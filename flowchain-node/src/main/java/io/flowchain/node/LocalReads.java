package io.flowchain.node;

import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.Ledger;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.store.LedgerStore;
import io.flowchain.core.store.LedgerStore.Cursor;
import io.flowchain.core.types.Key;
import io.flowchain.core.types.TxId;
import io.flowchain.dht.KeyRange;
import io.flowchain.node.message.RecordAndBlock;
import io.flowchain.node.replica.LatestRecording;
import io.flowchain.node.replica.ReplicaStore;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads over what this node holds: its own branch (through the ledger's store) and its copies of
 * other nodes' records (the replica store). Every record comes with the header of its block. Used
 * on the node's thread.
 */
final class LocalReads {
  static final Comparator<RecordAndBlock> SERIES_ORDER =
      Comparator.comparingLong((RecordAndBlock e) -> e.record().timestamp())
          .thenComparing(e -> e.record().txId());

  private static final BigInteger RING = BigInteger.ONE.shiftLeft(160);
  private static final Key MAX_KEY = Key.of(RING.subtract(BigInteger.ONE));
  private static final Key MIN_KEY = Key.of(BigInteger.ZERO);

  private final Ledger ledger;
  private final ReplicaStore replicas;
  private final Map<Long, BlockHeader> headers =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, BlockHeader> eldest) {
          return size() > 256;
        }
      };

  LocalReads(Ledger ledger, ReplicaStore replicas) {
    this.ledger = ledger;
    this.replicas = replicas;
  }

  /** A record of this node's branch with the header of its block. */
  RecordAndBlock own(Record record) {
    BlockHeader h = headers.get(record.blockNo());
    if (h == null) {
      h =
          store()
              .header(record.blockNo())
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "block " + record.blockNo() + " of a stored record has no header"));
      headers.put(record.blockNo(), h);
    }
    return new RecordAndBlock(record, h);
  }

  /**
   * The record of {@code dataKey} this node holds, in its branch or as a copy; if it holds two
   * recordings of the submission (its own and another recorder's), the {@linkplain LatestRecording
   * latest}, which every node gives alike.
   */
  Optional<RecordAndBlock> byKey(Key dataKey) {
    Optional<Record> mine = store().recordByKey(dataKey);
    Optional<RecordAndBlock> copy = replicas.getByKey(dataKey);
    if (mine.isPresent()
        && (copy.isEmpty() || !LatestRecording.isLater(copy.get().record(), mine.get()))) {
      return Optional.of(own(mine.get()));
    }
    return copy;
  }

  Optional<RecordAndBlock> byTxId(TxId txId) {
    Optional<Record> mine = store().record(txId);
    return mine.isPresent() ? Optional.of(own(mine.get())) : replicas.get(txId);
  }

  /** The record with {@code txID} in the branch or among the copies, without its block. */
  Optional<Record> heldRecord(TxId txId) {
    Optional<Record> mine = store().record(txId);
    return mine.isPresent() ? mine : replicas.get(txId).map(RecordAndBlock::record);
  }

  /** A page of what this node holds of an object's series, and whether it holds more. */
  record Page(List<RecordAndBlock> entries, boolean more) {}

  /**
   * Up to {@code limit} records (and at most about {@code maxBytes} of record bytes) of the series,
   * from the branch and the copies together, in (timestamp, txID) order after {@code after}.
   */
  Page query(String objectId, long from, long to, int limit, Cursor after, int maxBytes) {
    LedgerStore.Page own = store().query(objectId, from, to, limit, after);
    ReplicaStore.Page copies = replicas.query(objectId, from, to, limit, after);
    List<RecordAndBlock> all = new ArrayList<>(own.records().size() + copies.entries().size());
    Set<TxId> seen = new HashSet<>();
    for (Record r : own.records()) {
      if (seen.add(r.txId())) {
        all.add(own(r));
      }
    }
    for (RecordAndBlock e : copies.entries()) {
      if (seen.add(e.record().txId())) {
        all.add(e);
      }
    }
    all.sort(SERIES_ORDER);
    boolean more = own.next() != null || copies.next() != null || all.size() > limit;
    List<RecordAndBlock> out = new ArrayList<>();
    long bytes = 0;
    for (RecordAndBlock e : all) {
      if (out.size() == limit) {
        break;
      }
      bytes += e.record().submission().payload().length() + 512;
      if (!out.isEmpty() && bytes > maxBytes) {
        more = true;
        break;
      }
      out.add(e);
    }
    return new Page(out, more);
  }

  /** Everything this node holds (its branch and its copies) with a data key in {@code range}. */
  RangeScan scan(KeyRange range) {
    return new RangeScan(this, replicas, range);
  }

  /** The closed, non-wrapping key intervals {@code [from, to]} that make up {@code range}. */
  static List<Key[]> intervals(KeyRange range) {
    BigInteger after = range.after().toBigInteger();
    BigInteger upTo = range.upTo().toBigInteger();
    List<Key[]> out = new ArrayList<>(2);
    if (after.equals(upTo)) {
      out.add(new Key[] {MIN_KEY, MAX_KEY});
    } else if (after.compareTo(upTo) < 0) {
      out.add(new Key[] {Key.of(after.add(BigInteger.ONE)), Key.of(upTo)});
    } else {
      if (after.compareTo(MAX_KEY.toBigInteger()) < 0) {
        out.add(new Key[] {Key.of(after.add(BigInteger.ONE)), MAX_KEY});
      }
      out.add(new Key[] {MIN_KEY, Key.of(upTo)});
    }
    return out;
  }

  LedgerStore store() {
    return ledger.store();
  }
}
