package io.flowchain.store.rocksdb;

/**
 * A write found the store's queue full for longer than its put timeout: the disk is not keeping up.
 * Nothing of the write was queued; the caller may retry later.
 */
public final class StoreBackPressureException extends IllegalStateException {
  public StoreBackPressureException(String message) {
    super(message);
  }
}
