package io.flowchain.cli;

import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.export.ExportedBranch;
import io.flowchain.core.inventory.ChainAuditor;
import io.flowchain.core.inventory.Inventory;
import io.flowchain.core.inventory.InventoryFile;
import io.flowchain.core.inventory.MergedChain;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.types.NodeId;
import io.flowchain.core.verify.BranchSource;
import io.flowchain.node.RemoteClient;
import io.flowchain.node.collect.BranchCollection;
import io.flowchain.node.collect.BranchCollector;
import io.flowchain.node.collect.CollectedBranch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One inventory round of {@code flowchain inventory}: branches from export files and, through a
 * running node, collected over the network; each verified completely; merged onto the previous
 * inventory (if any) as a new round, written to a temporary file and moved into place, and audited.
 *
 * <p>A member that did not answer, or whose collected branch does not verify, is left out and named
 * in the result (missing, or refused). A member of the previous inventory that is not collected (it
 * left, or is unreachable) is named missing too, and its branch from the previous inventory is
 * kept, so that the chain stays auditable and its records provable. A branch file that does not
 * verify stops the round (nothing is written), as it always did.
 */
final class InventoryRound {
  private final NetworkParams params;
  private final NodeKeyPair admin;
  private final boolean json;

  InventoryRound(NetworkParams params, NodeKeyPair admin, boolean json) {
    this.params = params;
    this.admin = admin;
    this.json = json;
  }

  /** What a round did, as printed. {@code exitCode} is 0, or 1 if something did not verify. */
  record Outcome(Map<String, Object> summary, int exitCode) {}

  Outcome run(List<Path> files, RemoteClient client, Path previous, Path out, long timeoutSeconds)
      throws Exception {
    List<ExportedBranch> opened = new ArrayList<>();
    InventoryFile prior = null;
    try {
      Map<NodeId, BranchSource> byMiner = new TreeMap<>();
      for (Path p : files) {
        ExportedBranch b = ExportedBranch.open(p);
        opened.add(b);
        if (!Arrays.equals(b.params().canonicalBytes(), params.canonicalBytes())) {
          throw new IllegalArgumentException(p + " is a branch of another network");
        }
        putHigher(byMiner, b);
      }
      BranchCollection collected = null;
      if (client != null) {
        collected = collect(client, timeoutSeconds);
        for (CollectedBranch b : collected.branches()) {
          putHigher(byMiner, b);
        }
      }
      MergedChain before = null;
      if (previous != null && Files.exists(previous)) {
        prior = InventoryFile.open(previous);
        if (!Arrays.equals(prior.chain().params().canonicalBytes(), params.canonicalBytes())) {
          throw new IllegalArgumentException(previous + " is an inventory of another network");
        }
        before = prior.chain();
      }
      List<Map<String, Object>> carried = new ArrayList<>();
      if (prior != null) {
        for (ExportedBranch b : prior.branches()) {
          if (b.height() >= 1 && !byMiner.containsKey(b.header(1).minerId())) {
            byMiner.put(b.header(1).minerId(), b);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", b.header(1).minerId().toString());
            m.put("address", "");
            m.put(
                "reason",
                "not collected in this round; its branch from the previous inventory (height "
                    + b.height()
                    + ") is kept");
            carried.add(m);
          }
        }
      }
      List<BranchSource> branches = new ArrayList<>(byMiner.values());
      Progress progress = Progress.create(json, "branches verified", branches.size());
      int[] done = {0};
      Inventory.Round round =
          new Inventory(params, admin).merge(before, branches, m -> progress.update(++done[0]));
      progress.done();
      InventoryFile.write(out, round.chain(), branches);
      ChainAuditor.AuditReport audit =
          new ChainAuditor(params).audit(round.chain(), branches, m -> {});
      return new Outcome(
          summary(round, audit, branches.size(), files.size(), collected, carried, out),
          audit.ok() && (collected == null || collected.rejected().isEmpty()) ? 0 : 1);
    } finally {
      for (ExportedBranch b : opened) {
        b.close();
      }
      if (prior != null) {
        prior.close();
      }
    }
  }

  /** Keeps, per miner, the higher of two branches (a file and the live branch, say). */
  private static void putHigher(Map<NodeId, BranchSource> byMiner, BranchSource b) {
    if (b.height() < 1) {
      return; // nothing mined: nothing to merge
    }
    NodeId miner = b.header(1).minerId();
    BranchSource had = byMiner.get(miner);
    if (had == null || had.height() < b.height()) {
      byMiner.put(miner, b);
    }
  }

  private BranchCollection collect(RemoteClient client, long timeoutSeconds) throws Exception {
    Consumer<String> steps = Progress.steps(json);
    BranchCollection c =
        client
            .collectBranches(
                new BranchCollector.Listener() {
                  @Override
                  public void onMemberDone(io.flowchain.dht.Peer member, String problem) {
                    steps.accept(
                        (problem == null ? "collected the branch of " : "no branch from ")
                            + member.id()
                            + (problem == null ? "" : ": " + problem));
                  }
                })
            .get(timeoutSeconds, TimeUnit.SECONDS);
    Progress progress = Progress.create(json, "collected branches verified", c.branches().size());
    int[] done = {0};
    BranchCollection verified = c.verified(params, r -> progress.update(++done[0]));
    progress.done();
    return verified;
  }

  private static Map<String, Object> summary(
      Inventory.Round round,
      ChainAuditor.AuditReport audit,
      int branches,
      int files,
      BranchCollection collected,
      List<Map<String, Object>> carried,
      Path out) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("branches", branches);
    result.put("files", files);
    result.put("members", collected == null ? 0 : collected.branches().size());
    result.put("round", round.number());
    result.put("added", round.added());
    result.put("mergedBlocks", round.chain().blocks().size());
    result.put("mergedRecords", round.chain().recordCount());
    result.put("invalidBlocks", audit.invalidBlocks());
    result.put("coins", audit.coins());
    List<Map<String, Object>> missing = new ArrayList<>();
    List<Map<String, Object>> rejected = new ArrayList<>();
    if (collected != null) {
      for (BranchCollector.Missing m : collected.missing()) {
        missing.add(member(m.member(), "reason", m.reason()));
      }
      for (BranchCollector.Rejected r : collected.rejected()) {
        rejected.add(member(r.member(), "reason", r.fault()));
      }
    }
    missing.addAll(carried);
    result.put("missing", missing);
    result.put("rejected", rejected);
    result.put("complete", missing.isEmpty() && rejected.isEmpty());
    result.put("auditOk", audit.ok());
    if (!audit.ok()) {
      result.put("auditFault", audit.fault());
    }
    result.put("out", out.toString());
    return result;
  }

  private static Map<String, Object> member(io.flowchain.dht.Peer p, String key, String value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", p.id().toString());
    m.put("address", p.address());
    m.put(key, value);
    return m;
  }

  /** The summary as one line for a person, and warnings for what is missing. */
  @SuppressWarnings("unchecked")
  static String text(Map<String, Object> s) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            "merged %d branches (%d collected over the network): %d blocks (%d new in round %d),"
                + " %d records, %d invalid blocks, %d Flowcoins; audit %s; wrote %s",
            s.get("branches"),
            s.get("members"),
            s.get("mergedBlocks"),
            s.get("added"),
            s.get("round"),
            s.get("mergedRecords"),
            s.get("invalidBlocks"),
            s.get("coins"),
            Boolean.TRUE.equals(s.get("auditOk")) ? "OK" : "FAILED: " + s.get("auditFault"),
            s.get("out")));
    for (Map<String, Object> m : (List<Map<String, Object>>) s.get("missing")) {
      b.append(
          String.format(
              "%nwarning: member %s%s is missing: %s",
              m.get("id"),
              "".equals(m.get("address")) ? "" : " at " + m.get("address"),
              m.get("reason")));
    }
    for (Map<String, Object> m : (List<Map<String, Object>>) s.get("rejected")) {
      b.append(
          String.format(
              "%nerror: the branch of member %s at %s was refused: %s",
              m.get("id"), m.get("address"), m.get("reason")));
    }
    return b.toString();
  }
}
