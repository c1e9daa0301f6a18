package io.flowchain.store.rocksdb;

/** The store could not read or write: the message says what and where. */
public class StoreException extends IllegalStateException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
