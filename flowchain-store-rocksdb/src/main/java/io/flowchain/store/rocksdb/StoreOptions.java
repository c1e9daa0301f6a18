package io.flowchain.store.rocksdb;

/**
 * Tuning of the group-committing writer of a {@link RocksDbStore}.
 *
 * @param maxBatchRecords most writes in one batch (one fsync)
 * @param lingerMicros how long the writer waits for more writes before committing a batch that is
 *     not full; 0 commits whatever is queued as soon as the previous batch is durable (batches then
 *     grow by themselves with the load, while a write is being synced)
 * @param maxQueuedBytes bound on the bytes of writes queued and not yet taken into a batch
 * @param putTimeoutMillis how long a write waits for room in a full queue before it fails with
 *     {@link StoreBackPressureException}
 */
public record StoreOptions(
    int maxBatchRecords, long lingerMicros, long maxQueuedBytes, long putTimeoutMillis) {

  /** 4,096 writes per batch, no linger, 32 MiB of queue, 10 s of waiting for room. */
  public static final StoreOptions DEFAULTS = new StoreOptions(4096, 0, 32L << 20, 10_000);

  public StoreOptions {
    if (maxBatchRecords < 1 || maxBatchRecords > 1_000_000) {
      throw new IllegalArgumentException("batch size must be 1..1000000: " + maxBatchRecords);
    }
    if (lingerMicros < 0 || lingerMicros > 1_000_000) {
      throw new IllegalArgumentException("linger must be 0..1000000 µs: " + lingerMicros);
    }
    if (maxQueuedBytes < 1024) {
      throw new IllegalArgumentException("queue bound must be at least 1 KiB: " + maxQueuedBytes);
    }
    if (putTimeoutMillis < 0) {
      throw new IllegalArgumentException("put timeout must not be negative: " + putTimeoutMillis);
    }
  }

  public StoreOptions withMaxBatchRecords(int n) {
    return new StoreOptions(n, lingerMicros, maxQueuedBytes, putTimeoutMillis);
  }

  public StoreOptions withLingerMicros(long micros) {
    return new StoreOptions(maxBatchRecords, micros, maxQueuedBytes, putTimeoutMillis);
  }

  public StoreOptions withMaxQueuedBytes(long bytes) {
    return new StoreOptions(maxBatchRecords, lingerMicros, bytes, putTimeoutMillis);
  }

  public StoreOptions withPutTimeoutMillis(long millis) {
    return new StoreOptions(maxBatchRecords, lingerMicros, maxQueuedBytes, millis);
  }
}
