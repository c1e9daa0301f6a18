package io.flowchain.store.rocksdb;

/**
 * The stored bytes are damaged: RocksDB found a checksum mismatch, or a stored value does not
 * decode. The message names the column family and key (block number and position where it has one).
 */
public final class StoreCorruptionException extends StoreException {
  public StoreCorruptionException(String message, Throwable cause) {
    super(message, cause);
  }
}
