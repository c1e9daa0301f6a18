package io.flowchain.store.rocksdb;

/**
 * Figures of a store's group commit: how many synced batches it wrote, how many writes they held
 * and how long the synced writes took. Written by the store's writer thread only; read from any
 * thread (each value is current; values read together need not be consistent).
 *
 * <p>A {@link BatchObserver} (for example a metrics registry's histograms) can follow every batch
 * as it is committed; it runs on the writer thread, so it must be quick and must not block.
 */
public final class StoreStats {
  /** Sees every committed batch. */
  @FunctionalInterface
  public interface BatchObserver {
    /**
     * A batch of {@code writes} writes was made durable; the synced write (WAL append and fsync)
     * took {@code syncNanos}. Called on the store's writer thread; must not block.
     */
    void onBatch(int writes, long syncNanos);
  }

  private static final BatchObserver NONE = (writes, nanos) -> {};

  private volatile long batches;
  private volatile long writes;
  private volatile long syncNanos;
  private volatile long maxBatch;
  private volatile BatchObserver observer = NONE;

  /** Writer thread only. */
  void batchCommitted(int size, long nanos) {
    batches++;
    writes += size;
    syncNanos += nanos;
    if (size > maxBatch) {
      maxBatch = size;
    }
    observer.onBatch(size, nanos);
  }

  /** Batches written (each one synced write). */
  public long batches() {
    return batches;
  }

  /** Writes made durable by those batches (records, headers, labels, meta entries). */
  public long writes() {
    return writes;
  }

  /** Total time spent in synced writes, in nanoseconds. */
  public long syncNanos() {
    return syncNanos;
  }

  /** The largest batch so far. */
  public long maxBatch() {
    return maxBatch;
  }

  /** Follows every batch committed from now on ({@code null} stops following). */
  public void observe(BatchObserver observer) {
    this.observer = observer == null ? NONE : observer;
  }

  @Override
  public String toString() {
    return "StoreStats[batches="
        + batches
        + ", writes="
        + writes
        + ", syncNanos="
        + syncNanos
        + "]";
  }
}
