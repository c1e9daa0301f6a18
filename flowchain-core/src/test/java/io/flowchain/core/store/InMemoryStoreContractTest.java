package io.flowchain.core.store;

/** The store contract on the in-memory engine (which keeps nothing across a restart). */
class InMemoryStoreContractTest extends LedgerStoreContract {
  @Override
  protected LedgerStore createStore() {
    return new InMemoryStore();
  }

  @Override
  protected LedgerStore reopen(LedgerStore store, boolean clean) {
    return null;
  }
}
