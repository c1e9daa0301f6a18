package io.flowchain.cli.demo;

import io.flowchain.core.crypto.KeyFiles;
import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.export.BranchExport;
import io.flowchain.core.inventory.InventoryFile;
import io.flowchain.core.inventory.MergedChain;
import io.flowchain.core.ledger.NetworkJson;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.store.LedgerStore;
import io.flowchain.core.types.NodeId;
import io.flowchain.core.verify.BranchSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Leaves the demo's network behind for a closer look: network.json, the administrator key, one
 * branch export per node and the inventory file.
 */
final class DemoFiles {
  private DemoFiles() {}

  /** One node's branch. */
  record Branch(NodeId id, LedgerStore store) {}

  /**
   * Writes the files: the exports from the nodes' stores, the inventory with the chain {@code
   * merged} from {@code mergedFrom} (the branches as collected).
   */
  static void write(
      Path dir,
      NetworkParams params,
      NodeKeyPair admin,
      List<Branch> nodes,
      MergedChain merged,
      List<? extends BranchSource> mergedFrom)
      throws IOException {
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("network.json"), NetworkJson.toJson(params, null).toPrettyString() + "\n");
    Path adminKey = dir.resolve("admin.pem");
    Files.deleteIfExists(adminKey);
    KeyFiles.writeKeyPair(adminKey, admin);
    for (Branch n : nodes) {
      try (OutputStream out = Files.newOutputStream(dir.resolve("node-" + n.id() + ".fcb"))) {
        BranchExport.write(params, BranchSource.of(n.store()), out, no -> {});
      }
    }
    InventoryFile.write(dir.resolve("inventory.fcm"), merged, mergedFrom);
  }
}
