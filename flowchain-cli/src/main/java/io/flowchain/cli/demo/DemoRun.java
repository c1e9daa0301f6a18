package io.flowchain.cli.demo;

import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.inventory.ChainAuditor;
import io.flowchain.core.inventory.Inventory;
import io.flowchain.core.inventory.MergedChain;
import io.flowchain.core.ledger.InvalidReason;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.ledger.NoValidBlockException;
import io.flowchain.core.ledger.Submission;
import io.flowchain.core.port.ExecutorScheduler;
import io.flowchain.core.types.Bytes;
import io.flowchain.core.verify.BranchSource;
import io.flowchain.core.verify.BranchVerifier;
import io.flowchain.core.verify.VerificationReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;

/**
 * The demo in one process: {@code nodes} ledgers sharing a genesis, each mining its own branch;
 * simulated sensors push readings that go to the successor of their data key; one node's open block
 * is made invalid midway (a low-battery warning); at the end every block holding records is sealed
 * and every branch is verified.
 */
public final class DemoRun {
  /** How long to wait for a node's next block before giving up. */
  private static final long BLOCK_TIMEOUT_MS = 120_000;

  private final int nodeCount;
  private final int records;
  private final int objects;
  private final long tickMillis;
  private final int attemptsPerTick;
  private final SplittableRandom random;
  private final Path outDir;

  public DemoRun(
      int nodeCount,
      int records,
      int objects,
      long tickMillis,
      int attemptsPerTick,
      long seed,
      Path outDir) {
    if (nodeCount < 1 || nodeCount > 64) {
      throw new IllegalArgumentException("--nodes must be 1..64: " + nodeCount);
    }
    if (records < 0) {
      throw new IllegalArgumentException("--records must not be negative: " + records);
    }
    if (objects < 1) {
      throw new IllegalArgumentException("--objects must be at least 1: " + objects);
    }
    this.nodeCount = nodeCount;
    this.records = records;
    this.objects = objects;
    this.tickMillis = tickMillis;
    this.attemptsPerTick = attemptsPerTick;
    this.random = new SplittableRandom(seed);
    this.outDir = outDir;
  }

  /** Runs the demo; {@code progress} is told the number of records recorded so far. */
  public DemoSummary run(IntConsumer progress)
      throws InterruptedException, TimeoutException, IOException {
    long started = System.nanoTime();
    try (ExecutorScheduler scheduler = new ExecutorScheduler("flowchain-miner")) {
      NodeKeyPair admin = NodeKeyPair.generate(random);
      NetworkParams params =
          NetworkParams.of("demo", scheduler.clock().nowMillis(), List.of(admin.publicKey()));
      List<DemoNode> nodes = new ArrayList<>();
      for (int i = 0; i < nodeCount; i++) {
        nodes.add(new DemoNode(params, scheduler, random.split(), tickMillis, attemptsPerTick));
      }
      Ring ring = new Ring(nodes);
      nodes.forEach(n -> n.miner.start());

      for (int i = 0; i < records; i++) {
        if (i == records / 2) {
          nodes.get(0).ledger.invalidateOpenBlocks(InvalidReason.LOW_BATTERY);
        }
        Submission s = reading(i, scheduler.clock().nowMillis());
        recordWithRetry(ring.successor(s.dataKey()), s);
        progress.accept(i + 1);
      }
      for (DemoNode n : nodes) {
        while (!n.allRecordsSealed()) {
          if (!n.awaitBlockAfter(n.minedBlocks(), BLOCK_TIMEOUT_MS)) {
            throw new TimeoutException("node " + n.id() + " mined no block to seal its records");
          }
        }
        n.miner.close();
        n.ledger.close();
      }
      return summarize(params, admin, nodes, started);
    }
  }

  private Submission reading(int i, long now) {
    int device = i % objects;
    double temperature = 20 + 5 * Math.sin(i / 25.0 + device) + random.nextDouble(-0.5, 0.5);
    double humidity = 45 + 10 * Math.cos(i / 40.0 + device) + random.nextDouble(-1, 1);
    String json =
        String.format(
            Locale.ROOT,
            "{\"temperature\":%.2f,\"humidity\":%.1f,\"seq\":%d}",
            temperature,
            humidity,
            i);
    return Submission.of("sensor-" + device, "application/json", Bytes.utf8(json), now, random);
  }

  private static void recordWithRetry(DemoNode node, Submission s)
      throws InterruptedException, TimeoutException {
    while (true) {
      long seen = node.minedBlocks();
      try {
        node.ledger.record(s).join();
        return;
      } catch (NoValidBlockException e) {
        if (!node.awaitBlockAfter(seen, BLOCK_TIMEOUT_MS)) {
          throw new TimeoutException("node " + node.id() + " has had no valid block for too long");
        }
      }
    }
  }

  private DemoSummary summarize(
      NetworkParams params, NodeKeyPair admin, List<DemoNode> nodes, long started)
      throws IOException {
    BranchVerifier verifier = new BranchVerifier(params);
    List<DemoSummary.NodeSummary> per = new ArrayList<>();
    long blocks = 0;
    long invalid = 0;
    long sealed = 0;
    long recorded = 0;
    boolean ok = true;
    for (DemoNode n : nodes) {
      VerificationReport r = verifier.verify(BranchSource.of(n.ledger.store()));
      per.add(
          new DemoSummary.NodeSummary(
              n.id().toHex(),
              r.blocks(),
              r.records(),
              r.invalidBlocks(),
              r.ok(),
              r.ok() ? null : r.fault().toString()));
      blocks += r.blocks();
      invalid += r.invalidBlocks();
      sealed += r.sealedRecords();
      recorded += r.records();
      ok &= r.ok();
    }
    List<BranchSource> branches =
        nodes.stream().map(n -> BranchSource.of(n.ledger.store())).toList();
    MergedChain merged = new Inventory(params, admin).merge(null, branches, m -> {}).chain();
    ChainAuditor.AuditReport audit = new ChainAuditor(params).audit(merged, branches, m -> {});
    if (outDir != null) {
      DemoFiles.write(outDir, params, admin, nodes, merged);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return new DemoSummary(
        nodes.size(),
        recorded,
        blocks,
        invalid,
        sealed,
        merged.blocks().size(),
        merged.recordCount(),
        ok && audit.ok(),
        audit.ok() ? null : audit.fault(),
        seconds,
        per);
  }
}
