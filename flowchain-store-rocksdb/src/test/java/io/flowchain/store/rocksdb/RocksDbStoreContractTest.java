package io.flowchain.store.rocksdb;

import io.flowchain.core.store.LedgerStore;
import io.flowchain.core.store.LedgerStoreContract;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on RocksDB, including restarts. */
class RocksDbStoreContractTest extends LedgerStoreContract {
  @TempDir Path temp;
  private final AtomicInteger n = new AtomicInteger();
  private final Map<LedgerStore, Path> dirs = new IdentityHashMap<>();

  @Override
  protected LedgerStore createStore() {
    Path dir = temp.resolve("store-" + n.incrementAndGet());
    RocksDbStore s = RocksDbStore.open(dir);
    dirs.put(s, dir);
    return s;
  }

  @Override
  protected LedgerStore reopen(LedgerStore store, boolean clean) {
    Path dir = dirs.get(store);
    // RocksDB keeps one process-wide lock per directory, so even the "crash" closes the handle;
    // without clean shutdown of the ledger the store's clean marker still says 0, as after a kill
    store.close();
    RocksDbStore again = RocksDbStore.open(dir);
    dirs.put(again, dir);
    return again;
  }
}
