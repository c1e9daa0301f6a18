package io.flowchain.it;

import io.flowchain.cli.node.DataDir;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.types.Key;
import io.flowchain.core.types.NodeId;
import io.flowchain.core.types.TxId;
import io.flowchain.node.message.RecordAndBlock;
import io.flowchain.node.replica.RocksDbReplicaStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the data directories of stopped nodes hold of one record: for each node, whether its branch
 * ({@code ledger/}) or its copies ({@code replicas/}) hold the txID, and any other record of the
 * same data key (a second recording of the same submission). Used to explain a reading that was
 * acknowledged but not read back.
 */
final class DataDirHoldings implements AutoCloseable {
  private final Map<String, DataDir.ReadOnly> branches = new LinkedHashMap<>();
  private final Map<String, RocksDbReplicaStore> copies = new LinkedHashMap<>();
  private final Function<NodeId, String> names;

  /**
   * Opens the branch and the copies in each of {@code dataDirs} (by node name); {@code names} names
   * a recorder by its id.
   */
  DataDirHoldings(Map<String, Path> dataDirs, Function<NodeId, String> names) {
    this.names = names;
    try {
      for (Map.Entry<String, Path> e : dataDirs.entrySet()) {
        branches.put(e.getKey(), new DataDir(e.getValue()).openReadOnly());
        Path replicas = e.getValue().resolve("replicas");
        if (Files.isDirectory(replicas)) {
          copies.put(e.getKey(), RocksDbReplicaStore.open(replicas));
        }
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** One line per node that holds the record or another record of its data key. */
  List<String> of(TxId txId, Key dataKey) {
    List<String> out = new ArrayList<>();
    for (String node : branches.keySet()) {
      List<String> found = new ArrayList<>();
      var store = branches.get(node).store;
      Optional<Record> mine = store.record(txId);
      mine.ifPresent(r -> found.add("branch holds it (block " + r.blockNo() + ")"));
      store
          .recordByKey(dataKey)
          .filter(r -> !r.txId().equals(txId))
          .ifPresent(r -> found.add("branch holds another record of the key: " + describe(r)));
      RocksDbReplicaStore replicas = copies.get(node);
      if (replicas != null) {
        replicas
            .get(txId)
            .ifPresent(e -> found.add("a copy of it (recorded by " + recorder(e) + ")"));
        replicas.forEachInKeyInterval(
            dataKey,
            dataKey,
            e -> {
              if (e.record().dataKey().equals(dataKey) && !e.record().txId().equals(txId)) {
                found.add("a copy of another record of the key: " + describe(e.record()));
              }
            });
      }
      if (!found.isEmpty()) {
        out.add(node + ": " + String.join("; ", found));
      }
    }
    if (out.isEmpty()) {
      out.add("no node holds it, nor any record of its data key");
    }
    return out;
  }

  private String recorder(RecordAndBlock e) {
    return names.apply(e.record().recorder());
  }

  private String describe(Record r) {
    return r.txId().toHex().substring(0, 16)
        + "… recorded by "
        + names.apply(r.recorder())
        + " in block "
        + r.blockNo()
        + " at "
        + r.recordedAt();
  }

  @Override
  public void close() {
    branches.values().forEach(DataDir.ReadOnly::close);
    copies.values().forEach(RocksDbReplicaStore::close);
  }
}
