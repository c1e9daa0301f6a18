package io.flowchain.node.replica;

import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

class RocksDbReplicaStoreTest extends ReplicaStoreContract {
  @TempDir Path dir;
  private int count;
  private final Map<ReplicaStore, Path> paths = new IdentityHashMap<>();

  @Override
  protected ReplicaStore create() {
    Path p = dir.resolve("replicas-" + count++);
    ReplicaStore s = RocksDbReplicaStore.open(p);
    paths.put(s, p);
    return s;
  }

  @Override
  protected ReplicaStore reopen(ReplicaStore store) {
    Path p = paths.get(store);
    store.close();
    ReplicaStore s = RocksDbReplicaStore.open(p);
    paths.put(s, p);
    return s;
  }
}
