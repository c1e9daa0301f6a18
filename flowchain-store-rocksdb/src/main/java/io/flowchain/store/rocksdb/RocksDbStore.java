package io.flowchain.store.rocksdb;

import io.flowchain.core.approval.ApprovalReceipt;
import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.InvalidReason;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.Submission;
import io.flowchain.core.store.LedgerStore;
import io.flowchain.core.types.Hash;
import io.flowchain.core.types.Key;
import io.flowchain.core.types.TxId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.Status;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The durable {@link LedgerStore}: RocksDB with one column family per kind of data
 * (docs/storage.md) and a single group-committing writer ({@link GroupCommitWriter}).
 *
 * <p>Every write goes through the writer's bounded queue and is acknowledged (its future completes)
 * only after the batch holding it was written with {@code sync=true}; batches are written in queue
 * order, so writes become durable in submission order. A record, its three index entries and the
 * record count go into the same batch: after a crash a record is there with all its indexes or not
 * at all. When the queue is full, a write waits up to {@link StoreOptions#putTimeoutMillis()} and
 * then throws {@link StoreBackPressureException}, queuing nothing. Futures complete on the writer's
 * completion thread.
 *
 * <p>A store opened with {@link #openReadOnly} is a RocksDB secondary instance: it reads a data
 * directory while a node has it open, as of the moment it was opened ({@link #refresh()} catches
 * up), and refuses writes.
 */
public final class RocksDbStore implements LedgerStore {
  private final Path dir;
  private final RocksDbHandles h;
  private final ColumnFamilyHandle meta;
  private final ColumnFamilyHandle headers;
  private final ColumnFamilyHandle invalid;
  private final ColumnFamilyHandle records;
  private final ColumnFamilyHandle txIndex;
  private final ColumnFamilyHandle keyIndex;
  private final ColumnFamilyHandle seriesIndex;
  private final GroupCommitWriter writer;
  private final WriteOptions syncWrites;

  // read state: what is durable
  private volatile long height;
  private volatile long recordCount;
  private volatile long approvalCount;

  // enqueue state, guarded by the writer's queue lock (checks run in GroupCommitWriter.submit)
  private long nextHeaderNo;
  private final Map<Long, InvalidReason> labelsQueued = new ConcurrentHashMap<>();

  // writer-thread state
  private final Map<Long, Integer> nextSeq = new HashMap<>();
  private final List<RecordOp> recordOps = new ArrayList<>();
  private long writerCount;
  private long writerApprovals;
  private final WriteBatch batch;

  private volatile boolean closed;
  private final StoreStats stats = new StoreStats();
  private final ReentrantReadWriteLock closeLock = new ReentrantReadWriteLock();

  private RocksDbStore(Path dir, RocksDbHandles handles, StoreOptions options) {
    this.dir = dir;
    this.h = handles;
    this.meta = h.cf(Layout.META);
    this.headers = h.cf(Layout.HEADERS);
    this.invalid = h.cf(Layout.INVALID);
    this.records = h.cf(Layout.RECORDS);
    this.txIndex = h.cf(Layout.TX_INDEX);
    this.keyIndex = h.cf(Layout.KEY_INDEX);
    this.seriesIndex = h.cf(Layout.SERIES_INDEX);
    loadState();
    if (h.readOnly) {
      this.writer = null;
      this.syncWrites = null;
      this.batch = null;
    } else {
      checkFormat();
      this.syncWrites = new WriteOptions().setSync(true);
      this.batch = new WriteBatch();
      this.writerCount = recordCount;
      this.writerApprovals = approvalCount;
      this.nextHeaderNo = height + 1;
      this.writer = new GroupCommitWriter("flowchain-store-writer", options, this::commit);
    }
  }

  /** Opens (or creates) the store in {@code dir} with the default writer options. */
  public static RocksDbStore open(Path dir) {
    return open(dir, StoreOptions.DEFAULTS);
  }

  /** Opens (or creates) the store in {@code dir}. */
  public static RocksDbStore open(Path dir, StoreOptions options) {
    RocksDbHandles handles = RocksDbHandles.open(dir, null);
    try {
      return new RocksDbStore(dir, handles, options);
    } catch (RuntimeException e) {
      handles.close();
      throw e;
    }
  }

  /**
   * Opens the existing store in {@code dir} for reading only, beside a node that may have it open.
   * {@code workDir} is a scratch directory for the reader's own log files.
   *
   * @throws StoreException if {@code dir} holds no store
   */
  public static RocksDbStore openReadOnly(Path dir, Path workDir) {
    if (!exists(dir)) {
      throw new StoreException("no Flowchain store in " + dir);
    }
    RocksDbHandles handles = RocksDbHandles.open(dir, workDir);
    try {
      return new RocksDbStore(dir, handles, StoreOptions.DEFAULTS);
    } catch (RuntimeException e) {
      handles.close();
      throw e;
    }
  }

  /** True if {@code dir} holds a RocksDB database (a store, or something pretending to be one). */
  public static boolean exists(Path dir) {
    return Files.isRegularFile(dir.resolve("CURRENT"));
  }

  public Path directory() {
    return dir;
  }

  /**
   * Writes the memtables to table files now instead of when they fill up. The write-ahead logs they
   * covered become obsolete (and are kept for reuse). Not needed for durability: every acknowledged
   * write is already synced in the log.
   */
  public void flushMemtables() {
    if (h.readOnly) {
      return;
    }
    try {
      h.flushMemtables();
    } catch (RocksDBException e) {
      throw failure("flushing the memtables", e);
    }
  }

  /** Catches a read-only store up with the node writing it. */
  public void refresh() {
    if (!h.readOnly) {
      return;
    }
    try {
      h.db.tryCatchUpWithPrimary();
    } catch (RocksDBException e) {
      throw failure("catching up with the node", e);
    }
    loadState();
  }

  private void loadState() {
    try (RocksIterator it = h.db.newIterator(headers)) {
      it.seekToLast();
      check(it);
      height = it.isValid() ? Layout.blockNo(it.key()) : -1;
    }
    recordCount =
        get(meta, Layout.RECORD_COUNT_KEY, "meta " + "record-count")
            .map(
                b -> {
                  checkSize(b, 8, "the record count");
                  return Layout.getLong(b, 0);
                })
            .orElse(0L);
    approvalCount =
        get(meta, Layout.APPROVAL_COUNT_KEY, "meta approval-count")
            .map(
                b -> {
                  checkSize(b, 8, "the approval count");
                  return Layout.getLong(b, 0);
                })
            .orElse(0L);
  }

  private void checkFormat() {
    Optional<byte[]> format = get(meta, Layout.FORMAT_KEY, "meta format");
    if (format.isEmpty()) {
      if (height >= 0) {
        throw new StoreException(dir + " holds a database that is not a Flowchain store");
      }
      try (WriteOptions sync = new WriteOptions().setSync(true)) {
        h.db.put(meta, sync, Layout.FORMAT_KEY, new byte[] {Layout.FORMAT});
      } catch (RocksDBException e) {
        throw failure("writing the format version", e);
      }
    } else if (format.get().length != 1 || format.get()[0] != Layout.FORMAT) {
      throw new StoreException(
          dir
              + " holds a store of format "
              + Arrays.toString(format.get())
              + ", not "
              + Layout.FORMAT);
    }
  }

  // ---- writes ----

  @Override
  public CompletableFuture<Void> putHeader(BlockHeader header) {
    byte[] value = header.toBytes();
    Op op = new Op(value.length + 8, b -> b.put(headers, Layout.blockKey(header.no()), value));
    op.headerNo = header.no();
    submit(
        op,
        () -> {
          if (header.no() != nextHeaderNo) {
            throw new IllegalStateException(
                "headers must be stored in order: expected block "
                    + nextHeaderNo
                    + ", got "
                    + header.no());
          }
          nextHeaderNo++;
        });
    return op.done;
  }

  @Override
  public CompletableFuture<Void> putRecord(Record record) {
    RecordOp op = new RecordOp(record);
    submit(op, null);
    return op.done;
  }

  @Override
  public CompletableFuture<Void> putInvalid(long no, InvalidReason reason) {
    // the first label wins: a later one, queued in this session or stored before, is skipped
    boolean[] first = {true};
    Op op =
        new Op(
            9,
            b -> {
              if (first[0] && h.db.get(invalid, Layout.blockKey(no)) == null) {
                b.put(invalid, Layout.blockKey(no), new byte[] {(byte) reason.code()});
              }
            });
    submit(
        op,
        () -> {
          first[0] = labelsQueued.putIfAbsent(no, reason) == null;
        });
    return op.done;
  }

  @Override
  public CompletableFuture<Void> putMeta(String key, byte[] value) {
    if (key.startsWith(Layout.INTERNAL_PREFIX)) {
      throw new IllegalArgumentException(
          "metadata keys starting with " + Layout.INTERNAL_PREFIX + " are the store's own");
    }
    byte[] k = Layout.utf8(key);
    byte[] v = value.clone();
    Op op = new Op(k.length + v.length, b -> b.put(meta, k, v));
    submit(op, null);
    return op.done;
  }

  @Override
  public CompletableFuture<Void> putApproval(ApprovalReceipt receipt) {
    ApprovalOp op = new ApprovalOp(receipt);
    submit(op, null);
    return op.done;
  }

  @Override
  public void flush() {
    if (h.readOnly) {
      return;
    }
    Op barrier = new Op(0, b -> {});
    submit(barrier, null);
    barrier.done.join();
  }

  private void submit(Op op, Runnable check) {
    if (writer == null) {
      throw new IllegalStateException("this store was opened read-only");
    }
    if (closed) {
      throw new IllegalStateException("store is closed");
    }
    writer.submit(op, check);
  }

  /**
   * Writes one batch, synced. Writer thread only. Records get their positions in queue order; their
   * index entries go into the batch sorted by key, one column family after the other (the batch is
   * atomic, so the order of its entries changes nothing that can be read, and memtable inserts in
   * key order cost less than inserts of random hashes in arrival order).
   */
  private void commit(List<GroupCommitWriter.Op> ops) throws RocksDBException {
    batch.clear();
    long count = writerCount;
    long approvals = writerApprovals;
    Set<TxId> approvedInBatch = null;
    long top = -1;
    for (GroupCommitWriter.Op o : ops) {
      Op op = (Op) o;
      if (op instanceof RecordOp r) {
        r.recordKey = Layout.recordKey(r.blockNo, nextSeq(r.blockNo));
        batch.put(records, r.recordKey, r.value);
        recordOps.add(r);
        count++;
      } else if (op instanceof ApprovalOp a) {
        if (approvedInBatch == null) {
          approvedInBatch = new HashSet<>();
        }
        // the first receipt of a txID stays
        if (approvedInBatch.add(a.txId) && h.db.get(meta, a.key) == null) {
          batch.put(meta, a.key, a.value);
          approvals++;
        }
      } else {
        op.write.write(batch);
        top = Math.max(top, op.headerNo);
      }
    }
    if (!recordOps.isEmpty()) {
      putIndex(txIndex, RecordOp.BY_TX_KEY, r -> r.txKey);
      putIndex(keyIndex, RecordOp.BY_DATA_KEY, r -> r.dataKey);
      putIndex(seriesIndex, RecordOp.BY_SERIES_KEY, r -> r.seriesKey);
      recordOps.clear();
    }
    if (count != writerCount) {
      byte[] c = new byte[8];
      Layout.putLong(c, 0, count);
      batch.put(meta, Layout.RECORD_COUNT_KEY, c);
    }
    if (approvals != writerApprovals) {
      byte[] c = new byte[8];
      Layout.putLong(c, 0, approvals);
      batch.put(meta, Layout.APPROVAL_COUNT_KEY, c);
    }
    long started = System.nanoTime();
    if (batch.count() > 0) {
      h.db.write(syncWrites, batch);
    } else {
      h.db.flushWal(true); // a barrier: whatever is in the log is on disk
    }
    stats.batchCommitted(ops.size(), System.nanoTime() - started);
    writerCount = count;
    recordCount = count;
    writerApprovals = approvals;
    approvalCount = approvals;
    if (top > height) {
      height = top;
    }
  }

  /** Puts one index entry per record of the batch, in key order (a stable sort). Writer only. */
  private void putIndex(
      ColumnFamilyHandle cf,
      java.util.Comparator<RecordOp> order,
      java.util.function.Function<RecordOp, byte[]> key)
      throws RocksDBException {
    recordOps.sort(order);
    for (RecordOp r : recordOps) {
      batch.put(cf, key.apply(r), r.recordKey);
    }
  }

  /** The next position in block {@code no}: after the last record stored in it. Writer only. */
  private int nextSeq(long no) throws RocksDBException {
    Integer next = nextSeq.get(no);
    if (next == null) {
      try (RocksIterator it = h.db.newIterator(records)) {
        it.seekForPrev(Layout.recordKey(no, -1)); // -1 is 0xffffffff: the highest position
        it.status();
        next = it.isValid() && Layout.blockNo(it.key()) == no ? Layout.recordSeq(it.key()) + 1 : 0;
      }
      if (nextSeq.size() > 256) {
        nextSeq.keySet().removeIf(k -> k < no - 128);
      }
    }
    nextSeq.put(no, next + 1);
    return next;
  }

  // ---- reads ----

  @Override
  public Optional<BlockHeader> header(long no) {
    return read(() -> headerNow(no));
  }

  @Override
  public List<BlockHeader> headers(long fromNo, int limit) {
    return read(() -> headersNow(fromNo, limit));
  }

  @Override
  public Optional<InvalidReason> invalidReason(long no) {
    return read(() -> invalidReasonNow(no));
  }

  @Override
  public List<Record> recordsInBlock(long no) {
    return read(() -> recordsInBlockNow(no));
  }

  @Override
  public Optional<Record> record(TxId txId) {
    return read(() -> recordNow(txId));
  }

  @Override
  public Optional<Record> recordByKey(Key dataKey) {
    return read(() -> recordByKeyNow(dataKey));
  }

  @Override
  public List<Record> recordsByKey(Key after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    return read(() -> recordsByKeyNow(after, limit));
  }

  @Override
  public Page query(String objectId, long fromMillis, long toMillis, int limit, Cursor after) {
    return read(() -> queryNow(objectId, fromMillis, toMillis, limit, after));
  }

  @Override
  public Optional<byte[]> meta(String key) {
    return read(() -> metaNow(key));
  }

  /**
   * Checks the indexes against the records, reading everything: every record has its txID, data-key
   * and series entries pointing at it, no index entry is left over, and the stored record count is
   * right. Returns the first problem found, described precisely.
   */
  public Optional<String> checkIndexes() {
    return read(
        () -> {
          try {
            return checkIndexesNow();
          } catch (StoreCorruptionException e) {
            return Optional.of(e.getMessage());
          }
        });
  }

  private Optional<String> checkIndexesNow() {
    long n = 0;
    try (RocksIterator it = h.db.newIterator(records)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        byte[] rk = it.key();
        Record r = parseRecord(rk, it.value());
        n++;
        String where = describe(rk) + " (txID " + r.txId() + ")";
        Optional<String> problem =
            pointsAt(txIndex, Layout.txKey(r.txId()), rk, "txID", where)
                .or(() -> pointsAt(keyIndex, Layout.dataKey(r.dataKey()), rk, "data-key", where))
                .or(
                    () ->
                        pointsAt(
                            seriesIndex,
                            Layout.seriesKey(r.objectId(), r.timestamp(), r.txId()),
                            rk,
                            "series",
                            where));
        if (problem.isPresent()) {
          return problem;
        }
      }
      check(it);
    }
    for (String name : List.of(Layout.TX_INDEX, Layout.KEY_INDEX, Layout.SERIES_INDEX)) {
      long entries = countKeys(h.cf(name));
      if (entries != n) {
        return Optional.of(
            "the " + name + " column family holds " + entries + " entries for " + n + " records");
      }
    }
    if (recordCount != n) {
      return Optional.of("the stored record count is " + recordCount + " but " + n + " are stored");
    }
    return Optional.empty();
  }

  private Optional<String> pointsAt(
      ColumnFamilyHandle index, byte[] key, byte[] recordKey, String what, String where) {
    Optional<byte[]> v = get(index, key, what + " index entry");
    if (v.isEmpty()) {
      return Optional.of(where + " has no " + what + " index entry");
    }
    if (!Arrays.equals(v.get(), recordKey)) {
      return Optional.of(
          where + ": its " + what + " index entry points at " + describe(v.get()) + " instead");
    }
    return Optional.empty();
  }

  private long countKeys(ColumnFamilyHandle cf) {
    long n = 0;
    try (RocksIterator it = h.db.newIterator(cf)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        n++;
      }
      check(it);
    }
    return n;
  }

  /** Runs a read unless the store is closed; close waits for reads in progress. */
  private <T> T read(java.util.function.Supplier<T> read) {
    closeLock.readLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException("store is closed");
      }
      return read.get();
    } finally {
      closeLock.readLock().unlock();
    }
  }

  private Optional<BlockHeader> headerNow(long no) {
    if (no < 0) {
      return Optional.empty();
    }
    return get(headers, Layout.blockKey(no), "header of block " + no)
        .map(b -> decode(() -> BlockHeader.parse(b), "header of block " + no));
  }

  @Override
  public long height() {
    return height;
  }

  private List<BlockHeader> headersNow(long fromNo, int limit) {
    List<BlockHeader> out = new ArrayList<>();
    if (limit <= 0) {
      return out;
    }
    try (RocksIterator it = h.db.newIterator(headers)) {
      for (it.seek(Layout.blockKey(Math.max(0, fromNo)));
          it.isValid() && out.size() < limit;
          it.next()) {
        long no = Layout.blockNo(it.key());
        byte[] v = it.value();
        out.add(decode(() -> BlockHeader.parse(v), "header of block " + no));
      }
      check(it);
    }
    return out;
  }

  private Optional<InvalidReason> invalidReasonNow(long no) {
    return get(invalid, Layout.blockKey(no), "invalid label of block " + no)
        .map(
            b ->
                decode(
                    () -> {
                      checkSize(b, 1, "invalid label of block " + no);
                      return InvalidReason.ofCode(b[0] & 0xff);
                    },
                    "invalid label of block " + no));
  }

  private List<Record> recordsInBlockNow(long no) {
    List<Record> out = new ArrayList<>();
    try (Slice upper = new Slice(Layout.blockKey(no + 1));
        ReadOptions ro = new ReadOptions().setIterateUpperBound(upper);
        RocksIterator it = h.db.newIterator(records, ro)) {
      for (it.seek(Layout.blockKey(no)); it.isValid(); it.next()) {
        byte[] k = it.key();
        out.add(parseRecord(k, it.value()));
      }
      check(it);
    }
    return out;
  }

  private Optional<Record> recordNow(TxId txId) {
    return get(txIndex, Layout.txKey(txId), "txID index entry " + txId).flatMap(this::recordAt);
  }

  private Optional<Record> recordByKeyNow(Key dataKey) {
    return get(keyIndex, Layout.dataKey(dataKey), "data-key index entry " + dataKey)
        .flatMap(this::recordAt);
  }

  private List<Record> recordsByKeyNow(Key after, int limit) {
    List<byte[]> recordKeys = new ArrayList<>();
    byte[] afterKey = after == null ? null : Layout.dataKey(after);
    try (RocksIterator it = h.db.newIterator(keyIndex)) {
      if (afterKey == null) {
        it.seekToFirst();
      } else {
        it.seek(afterKey);
      }
      for (; it.isValid() && recordKeys.size() < limit; it.next()) {
        if (afterKey != null && Arrays.equals(it.key(), afterKey)) {
          continue;
        }
        recordKeys.add(it.value());
      }
      check(it);
    }
    List<Record> out = new ArrayList<>(recordKeys.size());
    for (byte[] rk : recordKeys) {
      out.add(
          recordAt(rk)
              .orElseThrow(
                  () ->
                      new StoreCorruptionException(
                          "the data-key index names a missing record (" + describe(rk) + ")",
                          null)));
    }
    return out;
  }

  private Optional<Record> recordAt(byte[] recordKey) {
    checkSize(recordKey, Layout.RECORD_KEY_SIZE, "an index entry");
    return get(records, recordKey, describe(recordKey)).map(v -> parseRecord(recordKey, v));
  }

  private Page queryNow(String objectId, long fromMillis, long toMillis, int limit, Cursor after) {
    if (limit < 1) {
      throw new IllegalArgumentException("page limit must be at least 1: " + limit);
    }
    Submission.checkObjectId(objectId);
    if (fromMillis >= toMillis || toMillis <= 0) {
      return new Page(List.of(), null);
    }
    byte[] prefix = Layout.seriesPrefix(objectId);
    byte[] start = Layout.seriesKey(prefix, Math.max(0, fromMillis), new TxId(Hash.ZERO));
    byte[] afterKey =
        after == null ? null : Layout.seriesKey(prefix, after.timestamp(), after.txId());
    if (afterKey != null && Arrays.compareUnsigned(afterKey, start) > 0) {
      start = afterKey;
    }
    byte[] end = Layout.seriesKey(prefix, toMillis, new TxId(Hash.ZERO));
    List<byte[]> recordKeys = new ArrayList<>();
    Cursor next = null;
    byte[] lastKey = null;
    try (Slice upper = new Slice(end);
        ReadOptions ro = new ReadOptions().setIterateUpperBound(upper);
        RocksIterator it = h.db.newIterator(seriesIndex, ro)) {
      for (it.seek(start); it.isValid(); it.next()) {
        byte[] k = it.key();
        if (afterKey != null && Arrays.equals(k, afterKey)) {
          continue;
        }
        if (recordKeys.size() == limit) {
          next =
              new Cursor(
                  Layout.seriesTimestamp(lastKey, prefix.length),
                  Layout.seriesTxId(lastKey, prefix.length));
          break;
        }
        lastKey = k;
        recordKeys.add(it.value());
      }
      check(it);
    }
    List<Record> out = new ArrayList<>(recordKeys.size());
    for (byte[] rk : recordKeys) {
      out.add(
          recordAt(rk)
              .orElseThrow(
                  () ->
                      new StoreCorruptionException(
                          "the series index of "
                              + objectId
                              + " names a missing record ("
                              + describe(rk)
                              + ")",
                          null)));
    }
    return new Page(out, next);
  }

  private Optional<byte[]> metaNow(String key) {
    return get(meta, Layout.utf8(key), "meta " + key);
  }

  @Override
  public long recordCount() {
    return recordCount;
  }

  /** The group commit's figures: batches, their sizes, the time spent syncing. */
  public StoreStats stats() {
    return stats;
  }

  /**
   * Whether the store takes writes: open, not read-only, and no write failed (after a failed write
   * the store refuses every later one, see {@link GroupCommitWriter}).
   */
  public boolean isWritable() {
    return !closed && writer != null && writer.failure() == null;
  }

  @Override
  public Optional<ApprovalReceipt> approval(TxId txId) {
    return read(
        () ->
            get(meta, Layout.approvalKey(txId), "approval receipt of " + txId)
                .map(v -> decode(() -> ApprovalReceipt.parse(v), "approval receipt of " + txId)));
  }

  @Override
  public List<ApprovalReceipt> approvals(TxId after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    return read(() -> approvalsNow(after, limit));
  }

  private List<ApprovalReceipt> approvalsNow(TxId after, int limit) {
    List<ApprovalReceipt> out = new ArrayList<>();
    byte[] afterKey = after == null ? null : Layout.approvalKey(after);
    try (RocksIterator it = h.db.newIterator(meta)) {
      for (it.seek(afterKey == null ? Layout.APPROVAL_PREFIX : afterKey);
          it.isValid() && out.size() < limit && Layout.isApprovalKey(it.key());
          it.next()) {
        if (afterKey != null && Arrays.equals(it.key(), afterKey)) {
          continue;
        }
        byte[] v = it.value();
        out.add(decode(() -> ApprovalReceipt.parse(v), "approval receipt"));
      }
      check(it);
    }
    return out;
  }

  @Override
  public long approvalCount() {
    return approvalCount;
  }

  @Override
  public void close() {
    synchronized (closeLock) {
      if (closed) {
        return;
      }
      if (writer != null) {
        writer.close(); // writes everything queued
      }
      closeLock.writeLock().lock();
      try {
        closed = true;
        if (writer != null) {
          syncWrites.close();
          batch.close();
        }
        h.close();
      } finally {
        closeLock.writeLock().unlock();
      }
    }
  }

  // ---- helpers ----

  private Optional<byte[]> get(ColumnFamilyHandle cf, byte[] key, String what) {
    try {
      return Optional.ofNullable(h.db.get(cf, key));
    } catch (RocksDBException e) {
      throw failure("reading the " + what, e);
    }
  }

  private Record parseRecord(byte[] key, byte[] value) {
    return decode(() -> Record.parse(value), describe(key));
  }

  static String describe(byte[] recordKey) {
    if (recordKey.length != Layout.RECORD_KEY_SIZE) {
      return "record key of " + recordKey.length + " bytes";
    }
    return "record " + Layout.recordSeq(recordKey) + " of block " + Layout.blockNo(recordKey);
  }

  private <T> T decode(java.util.function.Supplier<T> parse, String what) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw new StoreCorruptionException(
          "the stored " + what + " does not decode: " + e.getMessage(), e);
    }
  }

  private static void checkSize(byte[] b, int size, String what) {
    if (b.length != size) {
      throw new StoreCorruptionException(
          "the stored " + what + " is " + b.length + " bytes, not " + size, null);
    }
  }

  private void check(RocksIterator it) {
    try {
      it.status();
    } catch (RocksDBException e) {
      throw failure("iterating", e);
    }
  }

  private StoreException failure(String doing, RocksDBException e) {
    Status s = e.getStatus();
    String state = s != null && s.getState() != null ? s.getState() : e.getMessage();
    if (s != null && s.getCode() == Status.Code.Corruption) {
      return new StoreCorruptionException(
          "the store in " + dir + " is corrupt (" + doing + "): " + state, e);
    }
    return new StoreException("store error in " + dir + " (" + doing + "): " + state, e);
  }

  /** A queued write. */
  private static class Op extends GroupCommitWriter.Op {
    final BatchWrite write;
    long headerNo = -1;

    Op(int bytes, BatchWrite write) {
      super(bytes);
      this.write = write;
    }
  }

  /** A record and its index keys, encoded by the caller's thread. */
  private static final class RecordOp extends Op {
    static final java.util.Comparator<RecordOp> BY_TX_KEY =
        (a, b) -> Arrays.compareUnsigned(a.txKey, b.txKey);
    static final java.util.Comparator<RecordOp> BY_DATA_KEY =
        (a, b) -> Arrays.compareUnsigned(a.dataKey, b.dataKey);
    static final java.util.Comparator<RecordOp> BY_SERIES_KEY =
        (a, b) -> Arrays.compareUnsigned(a.seriesKey, b.seriesKey);

    final long blockNo;
    final byte[] value;
    final byte[] txKey;
    final byte[] dataKey;
    final byte[] seriesKey;
    byte[] recordKey; // given by the writer

    RecordOp(Record record) {
      this(record, record.toBytes());
    }

    private RecordOp(Record record, byte[] value) {
      super(value.length + 128, null);
      this.blockNo = record.blockNo();
      this.value = value;
      this.txKey = Layout.txKey(record.txId());
      this.dataKey = Layout.dataKey(record.dataKey());
      this.seriesKey = Layout.seriesKey(record.objectId(), record.timestamp(), record.txId());
    }
  }

  /** An approval receipt, encoded by the caller's thread; written unless its txID has one. */
  private static final class ApprovalOp extends Op {
    final TxId txId;
    final byte[] key;
    final byte[] value;

    ApprovalOp(ApprovalReceipt receipt) {
      this(receipt.txId(), receipt.toBytes());
    }

    private ApprovalOp(TxId txId, byte[] value) {
      super(value.length + 64, null);
      this.txId = txId;
      this.key = Layout.approvalKey(txId);
      this.value = value;
    }
  }

  @FunctionalInterface
  private interface BatchWrite {
    void write(WriteBatch b) throws RocksDBException;
  }
}
