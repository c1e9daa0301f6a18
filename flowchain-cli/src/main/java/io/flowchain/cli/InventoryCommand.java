package io.flowchain.cli;

import io.flowchain.core.crypto.KeyFiles;
import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.export.ExportedBranch;
import io.flowchain.core.inventory.ChainAuditor;
import io.flowchain.core.inventory.Inventory;
import io.flowchain.core.inventory.InventoryFile;
import io.flowchain.core.inventory.MergedChain;
import io.flowchain.core.ledger.NetworkJson;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.verify.BranchSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flowchain inventory}: the administrator's branch merge. */
@Command(
    name = "inventory",
    mixinStandardHelpOptions = true,
    description = {
      "Verifies every branch completely and merges all sealed virtual blocks into one chain"
          + " ordered by (timestamp, miner id), hash-linked and signed by the administrator."
          + " Invalid blocks are kept and marked. The output file holds the merged chain and the"
          + " branches, so 'flowchain verify FILE' can audit it offline.",
      "With --previous, merges incrementally: only blocks sealed since that inventory are added,"
          + " as a new round."
    })
public final class InventoryCommand implements Callable<Integer> {
  @Option(
      names = "--network",
      required = true,
      description = "The network definition (network.json).")
  Path network;

  @Option(names = "--admin-key", required = true, description = "The administrator's private key.")
  Path adminKey;

  @Option(names = "--out", required = true, description = "Where to write the inventory file.")
  Path out;

  @Option(names = "--previous", description = "An earlier inventory file to extend.")
  Path previous;

  @Option(names = "--json", description = "Print the result as one JSON object.")
  boolean json;

  @Parameters(arity = "1..*", paramLabel = "EXPORT", description = "Branch export files (.fcb).")
  List<Path> exports;

  @Override
  public Integer call() throws Exception {
    NetworkParams params = NetworkJson.read(network).params();
    NodeKeyPair admin = KeyFiles.readKeyPair(adminKey);
    List<ExportedBranch> branches = new ArrayList<>();
    InventoryFile prior = null;
    try {
      for (Path p : exports) {
        ExportedBranch b = ExportedBranch.open(p);
        branches.add(b);
        if (!Arrays.equals(b.params().canonicalBytes(), params.canonicalBytes())) {
          throw new IllegalArgumentException(p + " is a branch of another network");
        }
      }
      MergedChain before = null;
      if (previous != null) {
        prior = InventoryFile.open(previous);
        before = prior.chain();
      }
      Progress progress = Progress.create(json, "branches verified", branches.size());
      int[] done = {0};
      Inventory.Round round =
          new Inventory(params, admin)
              .merge(
                  before, new ArrayList<BranchSource>(branches), m -> progress.update(++done[0]));
      progress.done();
      InventoryFile.write(out, round.chain(), branches);
      ChainAuditor.AuditReport audit =
          new ChainAuditor(params).audit(round.chain(), branches, m -> {});
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("branches", branches.size());
      result.put("round", round.chain().lastRound());
      result.put("added", round.added());
      result.put("mergedBlocks", round.chain().blocks().size());
      result.put("mergedRecords", round.chain().recordCount());
      result.put("coins", audit.coins());
      result.put("auditOk", audit.ok());
      result.put("out", out.toString());
      if (json) {
        System.out.println(Json.MAPPER.writeValueAsString(result));
      } else {
        System.out.printf(
            "merged %d branches: %d blocks (%d new in round %d), %d records, %d Flowcoins;"
                + " audit %s; wrote %s%n",
            branches.size(),
            round.chain().blocks().size(),
            round.added(),
            round.chain().lastRound(),
            round.chain().recordCount(),
            audit.coins(),
            audit.ok() ? "OK" : "FAILED: " + audit.fault(),
            out);
      }
      return audit.ok() ? 0 : 1;
    } finally {
      for (ExportedBranch b : branches) {
        b.close();
      }
      if (prior != null) {
        prior.close();
      }
    }
  }
}
