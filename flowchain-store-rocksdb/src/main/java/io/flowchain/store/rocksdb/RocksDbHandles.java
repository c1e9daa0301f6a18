package io.flowchain.store.rocksdb;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksObject;
import org.rocksdb.Status;

/** An open RocksDB database with the store's column families, and the native objects to free. */
final class RocksDbHandles implements AutoCloseable {
  static {
    RocksDB.loadLibrary();
  }

  /**
   * Write buffer of the two hash-keyed indexes. Their keys are random, so every insert searches a
   * skip list through cache misses; a small memtable stays in the processor's caches, and the
   * sorted merges of the flushes and compactions that follow cost less than the misses they save
   * (docs/storage.md, Tuning).
   */
  static final int HASH_INDEX_BUFFER_MIB = 4;

  /**
   * Write-ahead log files kept for reuse once obsolete. A reused file already has its blocks and
   * its size, so the {@code fdatasync} that ends each group commit writes the data without a
   * journal commit for the file's new size; syncs on a fresh log wait for that commit, which also
   * carries the metadata of table files being written, and made most of the slow acknowledgements
   * at half rate (docs/benchmarks.md). Point-in-time recovery handles reused logs since the fix of
   * rocksdb #12403 (2024; this version keeps both, as its OPTIONS file shows); {@code
   * KillDuringWritesTest} kills a writer while it writes into reused logs.
   */
  static final int RECYCLED_LOG_FILES = 4;

  final RocksDB db;
  final boolean readOnly;
  private final Map<String, ColumnFamilyHandle> families;
  private final List<ColumnFamilyHandle> handles;
  private final List<RocksObject> resources;

  private RocksDbHandles(
      RocksDB db,
      boolean readOnly,
      Map<String, ColumnFamilyHandle> families,
      List<ColumnFamilyHandle> handles,
      List<RocksObject> resources) {
    this.db = db;
    this.readOnly = readOnly;
    this.families = families;
    this.handles = handles;
    this.resources = resources;
  }

  ColumnFamilyHandle cf(String name) {
    return families.get(name);
  }

  /** Writes every column family's memtable to a table file and waits for it. */
  void flushMemtables() throws RocksDBException {
    try (FlushOptions options = new FlushOptions().setWaitForFlush(true)) {
      db.flush(options, handles);
    }
  }

  /**
   * Opens (creating if missing) the database in {@code dir} for writing, or, if {@code
   * secondaryDir} is given, as a read-only secondary instance that works beside a running node.
   */
  static RocksDbHandles open(Path dir, Path secondaryDir) {
    boolean readOnly = secondaryDir != null;
    List<RocksObject> resources = new ArrayList<>();
    try {
      LRUCache cache = new LRUCache(64L << 20);
      resources.add(cache);
      DBOptions dbOptions =
          new DBOptions()
              .setCreateIfMissing(!readOnly)
              .setCreateMissingColumnFamilies(!readOnly)
              .setMaxBackgroundJobs(2)
              .setMaxTotalWalSize(128L << 20) // bounds the WAL replayed after a crash
              .setKeepLogFileNum(4)
              .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
              .setParanoidChecks(true);
      if (readOnly) {
        dbOptions.setMaxOpenFiles(-1); // required of a secondary instance
      } else {
        Files.createDirectories(dir);
        // flushes and compactions write their table files past the page cache: no copy into it,
        // and no bursts of dirty pages for the disk to write while the log is being synced
        dbOptions.setUseDirectIoForFlushAndCompaction(supportsDirectIo(dir));
        dbOptions.setRecycleLogFileNum(RECYCLED_LOG_FILES);
      }
      resources.add(dbOptions);
      List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
      descriptors.add(
          new ColumnFamilyDescriptor(
              RocksDB.DEFAULT_COLUMN_FAMILY, familyOptions(cache, false, 8, resources)));
      for (String name : Layout.FAMILIES) {
        boolean pointLookups = name.equals(Layout.TX_INDEX) || name.equals(Layout.KEY_INDEX);
        int bufferMiB =
            name.equals(Layout.RECORDS) ? 64 : pointLookups ? HASH_INDEX_BUFFER_MIB : 32;
        descriptors.add(
            new ColumnFamilyDescriptor(
                Layout.utf8(name), familyOptions(cache, pointLookups, bufferMiB, resources)));
      }
      List<ColumnFamilyHandle> handles = new ArrayList<>();
      RocksDB db;
      if (readOnly) {
        Files.createDirectories(secondaryDir);
        db =
            RocksDB.openAsSecondary(
                dbOptions, dir.toString(), secondaryDir.toString(), descriptors, handles);
        db.tryCatchUpWithPrimary();
      } else {
        db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
      }
      Map<String, ColumnFamilyHandle> families = new HashMap<>();
      for (int i = 1; i < descriptors.size(); i++) {
        families.put(Layout.FAMILIES.get(i - 1), handles.get(i));
      }
      return new RocksDbHandles(db, readOnly, families, handles, resources);
    } catch (RocksDBException e) {
      closeAll(resources);
      throw openFailure(dir, e);
    } catch (java.io.IOException e) {
      closeAll(resources);
      throw new StoreException("cannot create " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * True if files in {@code dir} can be opened for direct I/O ({@code O_DIRECT}); some file
   * systems, tmpfs for one, refuse it, and RocksDB would then fail its first flush.
   */
  static boolean supportsDirectIo(Path dir) {
    Path probe = dir.resolve("direct-io-probe");
    try (FileChannel ch =
        FileChannel.open(
            probe,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            com.sun.nio.file.ExtendedOpenOption.DIRECT)) {
      return true;
    } catch (java.io.IOException | UnsupportedOperationException e) {
      return false;
    } finally {
      try {
        Files.deleteIfExists(probe);
      } catch (java.io.IOException e) {
        // an empty file left behind does no harm
      }
    }
  }

  private static ColumnFamilyOptions familyOptions(
      LRUCache cache, boolean pointLookups, int bufferMiB, List<RocksObject> resources) {
    BlockBasedTableConfig table = new BlockBasedTableConfig().setBlockCache(cache);
    if (pointLookups) {
      BloomFilter bloom = new BloomFilter(10);
      resources.add(bloom);
      table.setFilterPolicy(bloom).setWholeKeyFiltering(true);
    }
    ColumnFamilyOptions o =
        new ColumnFamilyOptions()
            .setTableFormatConfig(table)
            .setWriteBufferSize((long) bufferMiB << 20)
            // txIDs and data keys are hashes: compressing them gains nothing
            .setCompressionType(
                pointLookups ? CompressionType.NO_COMPRESSION : CompressionType.LZ4_COMPRESSION);
    if (pointLookups) {
      o.setMemtablePrefixBloomSizeRatio(0.05).setMemtableWholeKeyFiltering(true);
    }
    resources.add(o);
    return o;
  }

  static StoreException openFailure(Path dir, RocksDBException e) {
    Status s = e.getStatus();
    String msg = s != null && s.getState() != null ? s.getState() : e.getMessage();
    if (s != null && s.getCode() == Status.Code.IOError && msg.contains("lock")) {
      return new StoreException(
          "the data directory " + dir + " is in use by another process (a running node?)", e);
    }
    if (s != null && s.getCode() == Status.Code.Corruption) {
      return new StoreCorruptionException(
          "the store in " + dir + " is corrupt: " + s.getCodeString() + ": " + msg, e);
    }
    return new StoreException("cannot open the store in " + dir + ": " + msg, e);
  }

  private static void closeAll(List<RocksObject> resources) {
    for (RocksObject o : resources) {
      o.close();
    }
  }

  @Override
  public void close() {
    // column family handles, then the database, then the options and cache they used
    for (ColumnFamilyHandle h : handles) {
      h.close();
    }
    db.close();
    closeAll(resources);
  }
}
