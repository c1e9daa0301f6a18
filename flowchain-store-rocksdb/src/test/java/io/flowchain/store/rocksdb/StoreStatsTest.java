package io.flowchain.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowchain.core.ledger.Fixture;
import io.flowchain.core.ledger.ValidBlockPolicy;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreStatsTest {
  @TempDir Path temp;

  @Test
  void everyDurableWriteIsCountedInExactlyOneBatchAndObserved() {
    RocksDbStore store = RocksDbStore.open(temp.resolve("d"));
    AtomicLong observedWrites = new AtomicLong();
    AtomicLong observedBatches = new AtomicLong();
    store
        .stats()
        .observe(
            (writes, nanos) -> {
              assertThat(writes).isPositive();
              assertThat(nanos).isNotNegative();
              observedWrites.addAndGet(writes);
              observedBatches.incrementAndGet();
            });
    Fixture f = new Fixture(3, ValidBlockPolicy.mru(), store);
    f.miner.tick();
    f.record("s1", 40);
    store.flush(); // one more write: the barrier
    StoreStats stats = store.stats();
    assertThat(store.isWritable()).isTrue();
    assertThat(stats.batches()).isPositive().isEqualTo(observedBatches.get());
    assertThat(stats.writes()).isEqualTo(observedWrites.get());
    // 40 records, at least one header, the barrier (and any meta entries the ledger wrote)
    assertThat(stats.writes()).isGreaterThanOrEqualTo(42);
    assertThat(stats.maxBatch()).isBetween(1L, stats.writes());
    assertThat(stats.syncNanos()).isPositive();
    f.ledger.close();
    store.close();
    assertThat(store.isWritable()).isFalse();
  }

  @Test
  void aReadOnlyStoreIsNotWritable() {
    Path dir = temp.resolve("d");
    RocksDbStore.open(dir).close();
    try (RocksDbStore reader = RocksDbStore.openReadOnly(dir, temp.resolve("r"))) {
      assertThat(reader.isWritable()).isFalse();
      assertThat(reader.stats().batches()).isZero();
    }
  }
}
