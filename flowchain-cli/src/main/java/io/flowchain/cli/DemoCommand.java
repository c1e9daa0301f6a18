package io.flowchain.cli;

import io.flowchain.cli.demo.DemoRun;
import io.flowchain.cli.demo.DemoSummary;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flowchain demo}: the main job. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a small Flowchain network in this process and audits it.",
      "",
      "Each node mines its own branch of virtual blocks from a shared genesis. Simulated sensors"
          + " push readings; each reading is keyed (H_DATA), goes to the successor of its key on"
          + " the ring, and is recorded there as a signed transaction in a valid block. Midway, one"
          + " node's open block turns invalid (a low-battery warning): its records are kept and"
          + " sealed. At the end every branch is verified in full, and the administrator merges"
          + " all branches into one signed chain (the inventory) and audits it.",
      ""
    },
    sortOptions = false)
public final class DemoCommand implements Callable<Integer> {
  @Option(names = "--nodes", description = "Nodes in the network (default: ${DEFAULT-VALUE}).")
  int nodes = 5;

  @Option(
      names = "--records",
      description = "Sensor readings to record (default: ${DEFAULT-VALUE}).")
  int records = 1000;

  @Option(
      names = "--objects",
      description = "Simulated sensor devices (default: ${DEFAULT-VALUE}).")
  int objects = 4;

  @picocli.CommandLine.Mixin MinerOptions minerOptions = new MinerOptions();

  @Option(names = "--seed", description = "Seed for keys and simulated readings (default: random).")
  Long seed;

  @Option(
      names = "--out-dir",
      description =
          "Also write network.json, the administrator key, each node's branch export (.fcb) and"
              + " the inventory file (.fcm) here, for 'flowchain verify' and 'flowchain"
              + " inventory'.")
  Path outDir;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    long s = seed != null ? seed : new java.security.SecureRandom().nextLong();
    DemoRun run =
        new DemoRun(
            nodes,
            records,
            objects,
            minerOptions.tickMillis,
            minerOptions.attemptsPerTick,
            s,
            outDir);
    Progress progress = Progress.create(json, "recorded", records);
    DemoSummary summary;
    try {
      summary = run.run(progress::update);
    } finally {
      progress.done();
    }
    PrintStream out = System.out;
    if (json) {
      out.println(Json.MAPPER.writeValueAsString(summary));
    } else {
      printTable(out, summary);
    }
    return summary.auditOk() ? 0 : 1;
  }

  private static void printTable(PrintStream out, DemoSummary s) {
    out.printf(
        Locale.ROOT,
        "Flowchain demo: %d nodes, %d records in %.1f s%n%n",
        s.nodes(),
        s.recorded(),
        s.seconds());
    out.printf(
        Locale.ROOT, "%-42s %7s %8s %8s  %s%n", "node", "blocks", "records", "invalid", "audit");
    for (DemoSummary.NodeSummary n : s.perNode()) {
      out.printf(
          Locale.ROOT,
          "%-42s %7d %8d %8d  %s%n",
          n.nodeId(),
          n.blocks(),
          n.records(),
          n.invalidBlocks(),
          n.auditOk() ? "ok" : "FAILED: " + n.fault());
    }
    out.printf(
        Locale.ROOT,
        "%nrecorded %d, sealed %d, blocks %d, invalid blocks %d%n"
            + "inventory: %d blocks merged into one signed chain, %d records%n"
            + "audit %s%n",
        s.recorded(),
        s.sealedRecords(),
        s.blocks(),
        s.invalidBlocks(),
        s.mergedBlocks(),
        s.mergedRecords(),
        s.auditOk() ? "OK" : "FAILED" + (s.auditFault() == null ? "" : ": " + s.auditFault()));
  }
}
