package io.flowchain.node.replica;

import io.flowchain.core.approval.ApprovalReceipt;
import io.flowchain.core.codec.CanonicalWriter;
import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.Submission;
import io.flowchain.core.store.LedgerStore.Cursor;
import io.flowchain.core.types.Hash;
import io.flowchain.core.types.Key;
import io.flowchain.core.types.NodeId;
import io.flowchain.core.types.TxId;
import io.flowchain.node.message.RecordAndBlock;
import io.flowchain.store.rocksdb.StoreException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * A durable {@link ReplicaStore}: its own RocksDB database (a node keeps it in {@code
 * DATA_DIR/replicas/}, beside its branch in {@code DATA_DIR/ledger/}). Column families:
 *
 * <ul>
 *   <li>{@code records}: txID (32) → canonical record bytes
 *   <li>{@code headers}: miner id (20) ‖ block no (i64) → canonical header bytes (254)
 *   <li>{@code key_index}: data key (20) ‖ txID (32) → empty
 *   <li>{@code series_index}: len(object id) (u8) ‖ object id ‖ timestamp (i64) ‖ txID → empty
 *   <li>{@code approvals}: txID (32) → canonical approval receipt bytes (protocol.md §14)
 * </ul>
 *
 * <p>Each {@link #put} is one synced write batch, written by a single writer thread; its future
 * completes once the batch is on disk.
 */
public final class RocksDbReplicaStore implements ReplicaStore {
  static {
    RocksDB.loadLibrary();
  }

  private static final List<String> FAMILIES =
      List.of("records", "headers", "key_index", "series_index", "approvals");

  private final RocksDB db;
  private final ColumnFamilyHandle records;
  private final ColumnFamilyHandle headers;
  private final ColumnFamilyHandle keyIndex;
  private final ColumnFamilyHandle seriesIndex;
  private final ColumnFamilyHandle approvals;
  private final List<ColumnFamilyHandle> handles;
  private final DBOptions dbOptions;
  private final ColumnFamilyOptions cfOptions;
  private final WriteOptions sync = new WriteOptions().setSync(true);
  private final ExecutorService writer;
  private volatile long size;
  private volatile boolean closed;

  private RocksDbReplicaStore(
      RocksDB db, List<ColumnFamilyHandle> handles, DBOptions dbOptions, ColumnFamilyOptions cf) {
    this.db = db;
    this.handles = handles;
    this.dbOptions = dbOptions;
    this.cfOptions = cf;
    this.records = handles.get(1);
    this.headers = handles.get(2);
    this.keyIndex = handles.get(3);
    this.seriesIndex = handles.get(4);
    this.approvals = handles.get(5);
    this.writer =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "flowchain-replica-writer");
              t.setDaemon(true);
              return t;
            });
    long n = 0;
    try (RocksIterator it = db.newIterator(records)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        n++;
      }
    }
    this.size = n;
  }

  /** Opens (creating if missing) the replica store in {@code dir}. */
  public static RocksDbReplicaStore open(Path dir) {
    DBOptions options =
        new DBOptions()
            .setCreateIfMissing(true)
            .setCreateMissingColumnFamilies(true)
            .setMaxBackgroundJobs(1)
            .setMaxTotalWalSize(64L << 20)
            .setKeepLogFileNum(2)
            .setInfoLogLevel(InfoLogLevel.WARN_LEVEL);
    ColumnFamilyOptions cf = new ColumnFamilyOptions().setWriteBufferSize(16L << 20);
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cf));
    for (String name : FAMILIES) {
      descriptors.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8), cf));
    }
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try {
      Files.createDirectories(dir);
      RocksDB db = RocksDB.open(options, dir.toString(), descriptors, handles);
      return new RocksDbReplicaStore(db, handles, options, cf);
    } catch (RocksDBException | java.io.IOException e) {
      options.close();
      cf.close();
      throw new StoreException("cannot open the replica store in " + dir + ": " + e, e);
    }
  }

  @Override
  public CompletableFuture<Void> put(List<RecordAndBlock> entries) {
    if (closed) {
      throw new IllegalStateException("replica store is closed");
    }
    List<RecordAndBlock> copy = List.copyOf(entries);
    return CompletableFuture.runAsync(() -> write(copy), writer);
  }

  private void write(List<RecordAndBlock> entries) {
    try (WriteBatch batch = new WriteBatch()) {
      Set<TxId> inBatch = new HashSet<>();
      Set<String> headersInBatch = new HashSet<>();
      int added = 0;
      for (RecordAndBlock e : entries) {
        Record r = e.record();
        if (!inBatch.add(r.txId()) || db.get(records, r.txId().hash().toBytes()) != null) {
          continue;
        }
        batch.put(records, r.txId().hash().toBytes(), r.toBytes());
        byte[] hk = headerKey(r.recorder(), r.blockNo());
        if (headersInBatch.add(Arrays.toString(hk)) && db.get(headers, hk) == null) {
          batch.put(headers, hk, e.block().toBytes());
        }
        batch.put(keyIndex, keyIndexKey(r.dataKey(), r.txId()), new byte[0]);
        batch.put(seriesIndex, seriesKey(r.objectId(), r.timestamp(), r.txId()), new byte[0]);
        added++;
      }
      if (added > 0) {
        db.write(sync, batch);
        size += added;
      }
    } catch (RocksDBException e) {
      throw new StoreException("replica write failed: " + e.getMessage(), e);
    }
  }

  @Override
  public CompletableFuture<Void> putApprovals(List<ApprovalReceipt> receipts) {
    if (closed) {
      throw new IllegalStateException("replica store is closed");
    }
    List<ApprovalReceipt> copy = List.copyOf(receipts);
    return CompletableFuture.runAsync(() -> writeApprovals(copy), writer);
  }

  private void writeApprovals(List<ApprovalReceipt> receipts) {
    try (WriteBatch batch = new WriteBatch()) {
      Set<TxId> inBatch = new HashSet<>();
      for (ApprovalReceipt r : receipts) {
        byte[] k = r.txId().hash().toBytes();
        if (inBatch.add(r.txId()) && db.get(approvals, k) == null) {
          batch.put(approvals, k, r.toBytes());
        }
      }
      if (batch.count() > 0) {
        db.write(sync, batch);
      }
    } catch (RocksDBException e) {
      throw new StoreException("replica write failed: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<ApprovalReceipt> approval(TxId txId) {
    return read(
        () -> {
          byte[] v = db.get(approvals, txId.hash().toBytes());
          return v == null ? Optional.empty() : Optional.of(ApprovalReceipt.parse(v));
        });
  }

  @Override
  public boolean contains(TxId txId) {
    return read(() -> db.get(records, txId.hash().toBytes()) != null);
  }

  @Override
  public Optional<RecordAndBlock> get(TxId txId) {
    return read(() -> entry(db.get(records, txId.hash().toBytes())));
  }

  @Override
  public Optional<RecordAndBlock> getByKey(Key dataKey) {
    return read(
        () -> {
          byte[] prefix = dataKey.toBytes();
          Optional<RecordAndBlock> latest = Optional.empty();
          try (RocksIterator it = db.newIterator(keyIndex)) {
            // usually one copy per data key; two when two recorders recorded the same submission
            for (it.seek(prefix); it.isValid() && startsWith(it.key(), prefix); it.next()) {
              byte[] tx = Arrays.copyOfRange(it.key(), Key.SIZE, Key.SIZE + Hash.SIZE);
              Optional<RecordAndBlock> e = entry(db.get(records, tx));
              if (e.isPresent()
                  && (latest.isEmpty()
                      || LatestRecording.isLater(e.get().record(), latest.get().record()))) {
                latest = e;
              }
            }
          }
          return latest;
        });
  }

  @Override
  public List<RecordAndBlock> keyIntervalPage(Key from, Key to, int limit) {
    List<RecordAndBlock> page = new ArrayList<>();
    if (from.compareTo(to) > 0) {
      return page;
    }
    read(
        () -> {
          byte[] start = keyIndexKey(from, new TxId(Hash.ZERO));
          byte[] end = keyIndexKey(to, new TxId(Hash.of(filled((byte) 0xff))));
          byte[] lastKey = null;
          try (RocksIterator it = db.newIterator(keyIndex)) {
            for (it.seek(start); it.isValid(); it.next()) {
              byte[] k = it.key();
              if (Arrays.compareUnsigned(k, end) > 0
                  || (page.size() >= limit && !startsWith(k, lastKey))) {
                break;
              }
              lastKey = Arrays.copyOf(k, Key.SIZE);
              entry(db.get(records, Arrays.copyOfRange(k, Key.SIZE, Key.SIZE + Hash.SIZE)))
                  .ifPresent(page::add);
            }
          }
          return null;
        });
    return page;
  }

  @Override
  public Page query(String objectId, long fromMillis, long toMillis, int limit, Cursor after) {
    if (limit < 1) {
      throw new IllegalArgumentException("page limit must be at least 1: " + limit);
    }
    Submission.checkObjectId(objectId);
    if (fromMillis >= toMillis || toMillis <= 0) {
      return new Page(List.of(), null);
    }
    return read(
        () -> {
          byte[] start = seriesKey(objectId, Math.max(0, fromMillis), new TxId(Hash.ZERO));
          byte[] afterKey =
              after == null ? null : seriesKey(objectId, after.timestamp(), after.txId());
          if (afterKey != null && Arrays.compareUnsigned(afterKey, start) > 0) {
            start = afterKey;
          }
          byte[] end = seriesKey(objectId, toMillis, new TxId(Hash.ZERO));
          List<RecordAndBlock> out = new ArrayList<>();
          Cursor next = null;
          try (Slice upper = new Slice(end);
              ReadOptions ro = new ReadOptions().setIterateUpperBound(upper);
              RocksIterator it = db.newIterator(seriesIndex, ro)) {
            for (it.seek(start); it.isValid(); it.next()) {
              byte[] k = it.key();
              if (afterKey != null && Arrays.equals(k, afterKey)) {
                continue;
              }
              if (out.size() == limit) {
                Record last = out.get(limit - 1).record();
                next = new Cursor(last.timestamp(), last.txId());
                break;
              }
              byte[] tx = Arrays.copyOfRange(k, k.length - Hash.SIZE, k.length);
              entry(db.get(records, tx)).ifPresent(out::add);
            }
          }
          return new Page(out, next);
        });
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    writer.shutdown();
    try {
      writer.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    handles.forEach(ColumnFamilyHandle::close);
    db.close();
    sync.close();
    dbOptions.close();
    cfOptions.close();
  }

  // ---- encoding

  private Optional<RecordAndBlock> entry(byte[] recordBytes) throws RocksDBException {
    if (recordBytes == null) {
      return Optional.empty();
    }
    Record r = Record.parse(recordBytes);
    byte[] h = db.get(headers, headerKey(r.recorder(), r.blockNo()));
    if (h == null) {
      throw new StoreException("replica store: the header of record " + r.txId() + " is missing");
    }
    return Optional.of(new RecordAndBlock(r, BlockHeader.parse(h)));
  }

  private static byte[] headerKey(NodeId miner, long no) {
    return new CanonicalWriter(28).fixed(miner).i64(no).toByteArray();
  }

  private static byte[] keyIndexKey(Key key, TxId txId) {
    return new CanonicalWriter(52).fixed(key).fixed(txId.hash()).toByteArray();
  }

  private static byte[] seriesKey(String objectId, long timestamp, TxId txId) {
    byte[] id = objectId.getBytes(StandardCharsets.US_ASCII);
    return new CanonicalWriter(1 + id.length + 40)
        .u8(id.length)
        .raw(id)
        .i64(timestamp)
        .fixed(txId.hash())
        .toByteArray();
  }

  private static boolean startsWith(byte[] b, byte[] prefix) {
    return b.length >= prefix.length
        && Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
  }

  private static byte[] filled(byte v) {
    byte[] b = new byte[Hash.SIZE];
    Arrays.fill(b, v);
    return b;
  }

  private interface Read<T> {
    T run() throws RocksDBException;
  }

  private <T> T read(Read<T> read) {
    if (closed) {
      throw new IllegalStateException("replica store is closed");
    }
    try {
      return read.run();
    } catch (RocksDBException e) {
      throw new StoreException("replica read failed: " + e.getMessage(), e);
    }
  }
}
