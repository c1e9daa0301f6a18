package io.flowchain.node.replica;

class InMemoryReplicaStoreTest extends ReplicaStoreContract {
  @Override
  protected ReplicaStore create() {
    return new InMemoryReplicaStore();
  }

  @Override
  protected ReplicaStore reopen(ReplicaStore store) {
    return null;
  }
}
