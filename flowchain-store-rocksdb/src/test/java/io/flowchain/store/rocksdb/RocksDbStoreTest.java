package io.flowchain.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowchain.core.ledger.Fixture;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.ValidBlockPolicy;
import io.flowchain.core.verify.BranchSource;
import io.flowchain.core.verify.BranchVerifier;
import io.flowchain.core.verify.FaultKind;
import io.flowchain.core.verify.VerificationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the RocksDB engine does beyond the common contract. */
class RocksDbStoreTest {
  @TempDir Path temp;

  private Fixture branch(Path dir, int blocks, int perBlock) {
    Fixture f = new Fixture(7, ValidBlockPolicy.mru(), RocksDbStore.open(dir));
    for (int b = 0; b < blocks; b++) {
      f.miner.tick();
      f.record("s1", perBlock);
    }
    f.ledger.close();
    return f;
  }

  @Test
  void aReadOnlyStoreReadsBesideARunningWriterAndCatchesUp() {
    Path dir = temp.resolve("d");
    Fixture f = new Fixture(1, ValidBlockPolicy.mru(), RocksDbStore.open(dir));
    f.miner.tick();
    f.record("s1", 5);
    f.store.flush();
    try (RocksDbStore reader = RocksDbStore.openReadOnly(dir, temp.resolve("r"))) {
      assertThat(reader.recordCount()).isEqualTo(5);
      assertThat(reader.query("s1", 0, Long.MAX_VALUE, 100, null).records()).hasSize(5);
      f.record("s1", 3);
      f.store.flush();
      reader.refresh();
      assertThat(reader.recordCount()).isEqualTo(8);
      assertThat(reader.recordsInBlock(1)).hasSize(8);
      assertThatThrownBy(() -> reader.putMeta("x", new byte[1]))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("read-only");
    } finally {
      f.store.close();
    }
  }

  @Test
  void aDirectoryWithoutAStoreIsReportedPlainly() {
    assertThatThrownBy(() -> RocksDbStore.openReadOnly(temp.resolve("none"), temp.resolve("r")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("no Flowchain store in");
  }

  @Test
  void aSecondWriterOnTheSameDirectoryIsRefused() {
    Path dir = temp.resolve("d");
    try (RocksDbStore first = RocksDbStore.open(dir)) {
      assertThatThrownBy(() -> RocksDbStore.open(dir))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("in use by another process");
      assertThat(first.height()).isEqualTo(-1);
    }
  }

  @Test
  void readsOfAClosedStoreFailCleanly() {
    RocksDbStore s = RocksDbStore.open(temp.resolve("d"));
    s.close();
    s.close(); // twice is fine
    assertThatThrownBy(() -> s.recordsInBlock(1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void theStoresOwnMetadataKeysAreReserved() {
    try (RocksDbStore s = RocksDbStore.open(temp.resolve("d"))) {
      assertThatThrownBy(() -> s.putMeta("store/record-count", new byte[8]))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aFlippedByteInAStoredRecordIsFoundByTheVerifierAtThatRecord() throws Exception {
    Path dir = temp.resolve("d");
    Fixture f = branch(dir, 3, 10);
    Record victim = f.store.recordsInBlock(2).get(4);
    f.store.close();
    byte[] key = Layout.recordKey(2, 4);
    try (RocksDbHandles raw = RocksDbHandles.open(dir, null)) {
      byte[] value = raw.db.get(raw.cf(Layout.RECORDS), key);
      assertThat(Record.parse(value)).isEqualTo(victim);
      value[value.length - 80] ^= 0x01; // a byte of the payload, just before the signature
      raw.db.put(raw.cf(Layout.RECORDS), key, value);
    }
    try (RocksDbStore s = RocksDbStore.open(dir)) {
      VerificationReport report = new BranchVerifier(f.params).verify(BranchSource.of(s));
      assertThat(report.fault()).isNotNull();
      assertThat(report.fault().blockNo()).isEqualTo(2);
      assertThat(report.fault().txId()).isEqualTo(victim.txId());
      assertThat(report.fault().kind()).isEqualTo(FaultKind.RECORD_DATA_KEY);
    }
  }

  @Test
  void aTruncatedRecordIsReportedWithItsPlace() throws Exception {
    Path dir = temp.resolve("d");
    branch(dir, 2, 5).store.close();
    byte[] key = Layout.recordKey(1, 3);
    try (RocksDbHandles raw = RocksDbHandles.open(dir, null)) {
      byte[] value = raw.db.get(raw.cf(Layout.RECORDS), key);
      raw.db.put(raw.cf(Layout.RECORDS), key, Arrays.copyOf(value, value.length - 1));
    }
    try (RocksDbStore s = RocksDbStore.open(dir)) {
      assertThatThrownBy(() -> s.recordsInBlock(1))
          .isInstanceOf(StoreCorruptionException.class)
          .hasMessageContaining("record 3 of block 1 does not decode");
      assertThat(s.checkIndexes()).hasValueSatisfying(m -> assertThat(m).contains("block 1"));
    }
  }

  @Test
  void aMissingIndexEntryIsFoundByTheIndexCheck() throws Exception {
    Path dir = temp.resolve("d");
    Fixture f = branch(dir, 2, 5);
    Record r = f.store.recordsInBlock(2).get(1);
    assertThat(((RocksDbStore) f.store).checkIndexes()).isEmpty();
    f.store.close();
    try (RocksDbHandles raw = RocksDbHandles.open(dir, null)) {
      raw.db.delete(raw.cf(Layout.KEY_INDEX), Layout.dataKey(r.dataKey()));
    }
    try (RocksDbStore s = RocksDbStore.open(dir)) {
      assertThat(s.checkIndexes())
          .hasValue("record 1 of block 2 (txID " + r.txId() + ") has no data-key index entry");
    }
  }

  @Test
  void aDamagedTableFileIsReportedAsCorruption() throws Exception {
    Path dir = temp.resolve("d");
    branch(dir, 3, 200).store.close();
    // force the records into a table file, then damage the middle of that file
    try (RocksDbHandles raw = RocksDbHandles.open(dir, null);
        org.rocksdb.FlushOptions fo = new org.rocksdb.FlushOptions().setWaitForFlush(true)) {
      raw.db.flush(fo, raw.cf(Layout.RECORDS));
    }
    List<Path> tables;
    try (var files = Files.list(dir)) {
      tables = files.filter(p -> p.toString().endsWith(".sst")).toList();
    }
    Path biggest =
        tables.stream()
            .max((a, b) -> Long.compare(a.toFile().length(), b.toFile().length()))
            .orElseThrow();
    byte[] bytes = Files.readAllBytes(biggest);
    for (int i = bytes.length / 4; i < bytes.length / 4 + 64; i++) {
      bytes[i] ^= (byte) 0xff;
    }
    Files.write(biggest, bytes);
    assertThatThrownBy(
            () -> {
              try (RocksDbStore s = RocksDbStore.open(dir)) {
                for (long no = 1; no <= s.height(); no++) {
                  s.recordsInBlock(no);
                }
              }
            })
        .isInstanceOf(StoreCorruptionException.class)
        .hasMessageContaining("corrupt");
  }

  @Test
  void recordsWrittenInLargeBatchesAreIndexedExactlyAsTheyWereRecorded() {
    // a long linger gathers many records into each batch, whose index entries go in key order
    StoreOptions options = StoreOptions.DEFAULTS.withLingerMicros(200_000);
    Fixture f =
        new Fixture(3, ValidBlockPolicy.mru(), RocksDbStore.open(temp.resolve("d"), options));
    RocksDbStore store = (RocksDbStore) f.store;
    try {
      f.miner.tick();
      List<java.util.concurrent.CompletableFuture<Record>> futures = new java.util.ArrayList<>();
      for (int i = 0; i < 600; i++) {
        futures.add(f.ledger.record(f.reading("s" + (i % 7), i)));
        if (i % 50 == 0) {
          f.scheduler.advance(1);
        }
      }
      List<Record> recorded =
          futures.stream().map(java.util.concurrent.CompletableFuture::join).toList();
      assertThat(store.checkIndexes()).isEmpty();
      assertThat(store.recordsInBlock(1)).containsExactlyElementsOf(recorded);
      for (Record r : recorded) {
        assertThat(store.record(r.txId())).contains(r);
        assertThat(store.recordByKey(r.dataKey())).contains(r);
      }
      for (int o = 0; o < 7; o++) {
        String object = "s" + o;
        List<Record> series =
            recorded.stream()
                .filter(r -> r.objectId().equals(object))
                .sorted(
                    java.util.Comparator.comparingLong(Record::timestamp)
                        .thenComparing(Record::txId))
                .toList();
        assertThat(store.query(object, 0, Long.MAX_VALUE, 1000, null).records())
            .containsExactlyElementsOf(series);
      }
    } finally {
      f.ledger.close();
      store.close();
    }
  }

  @Test
  void everyBatchWrittenIsCounted() {
    try (RocksDbStore store = RocksDbStore.open(temp.resolve("d"))) {
      long before = store.stats().batches();
      store.flush();
      assertThat(store.stats().batches()).isEqualTo(before + 1);
      store.putMeta("x", new byte[] {1}).join();
      assertThat(store.stats().batches()).isEqualTo(before + 2);
    }
  }
}
