package io.flowchain.cli;

import io.flowchain.cli.demo.DemoRun;
import io.flowchain.cli.demo.DemoSummary;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flowchain demo}: the main job. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a small Flowchain network on this machine over real sockets and audits it.",
      "",
      "Every node is a full node in this process: its own WebSocket port on 127.0.0.1, a"
          + " membership certificate from the demo's administrator, its branch and its copies in"
          + " RocksDB under a temporary directory. Each mines its own branch of virtual blocks from"
          + " a shared genesis and joins the Chord ring. Simulated sensors submit readings at"
          + " random nodes; each reading is keyed (H_DATA), routed to the successor of its key,"
          + " recorded there as a signed transaction in a valid block, copied to the next two"
          + " successors and acknowledged with a signed receipt. A third of the way in, one node"
          + " crashes (no word to the ring); two thirds in, it restarts on its data directory and"
          + " joins again. Halfway, node 0's open block turns invalid (a low-battery warning): its"
          + " records are kept and sealed. At the end every acknowledged reading is read back"
          + " from the ring, every branch is verified in full, and the administrator collects every"
          + " branch over the network (page by page, through node 0), merges them into one signed"
          + " chain (the inventory) and audits it.",
      "Node 0 serves the dashboard (its URL is printed at the start): the Chord ring, the"
          + " branch of virtual blocks, the live record stream and balances, updated live.",
      "Exit code 0 when every branch and the inventory verify and no acknowledged reading is"
          + " lost; 1 otherwise.",
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

  @Option(
      names = "--keep-running",
      description =
          "After the run, start the nodes again and keep the network up, with node 0's dashboard,"
              + " until Ctrl-C. Only on a terminal: ignored with --json or when the output is not"
              + " a terminal (the demo then runs to completion and exits).")
  boolean keepRunning;

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
    PrintStream lines = json ? System.err : System.out;
    run.announce(
        line -> {
          lines.println(line);
          lines.flush();
        });
    Progress progress = Progress.create(json, "acknowledged", records);
    boolean holding = keepRunning && Progress.watched(json);
    CountDownLatch stopped = new CountDownLatch(1);
    if (holding) {
      run.keepRunning((s1, url) -> holdUntilInterrupted(progress, s1, url, stopped));
    }
    DemoSummary summary;
    try {
      summary = run.run(progress::update);
    } finally {
      progress.done();
      stopped.countDown(); // the nodes are down: a Ctrl-C may end the process now
    }
    PrintStream out = System.out;
    if (json) {
      out.println(Json.MAPPER.writeValueAsString(summary));
    } else if (!holding) {
      printTable(out, summary);
    }
    return summary.auditOk() && summary.lost() == 0 && summary.coins() == summary.verified()
        ? 0
        : 1;
  }

  /**
   * Prints the summary and the dashboard's URL, then waits for Ctrl-C (SIGINT, or any other end of
   * the process): the shutdown hook lets this return, so the demo stops its nodes, and waits (up to
   * {@link #STOP_SECONDS} s) until they are down.
   */
  private static void holdUntilInterrupted(
      Progress progress, DemoSummary summary, String url, CountDownLatch stopped)
      throws InterruptedException {
    progress.done();
    printTable(System.out, summary);
    System.out.printf(
        "%nThe network keeps running: dashboard %s (node 0; every node serves one)%n"
            + "Press Ctrl-C to stop it.%n",
        url);
    System.out.flush();
    CountDownLatch interrupted = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              interrupted.countDown();
              try {
                stopped.await(STOP_SECONDS, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "flowchain-demo-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    interrupted.await();
    System.err.println("stopping the nodes...");
  }

  /** How long Ctrl-C waits for the nodes to stop. */
  private static final long STOP_SECONDS = 30;

  private static void printTable(PrintStream out, DemoSummary s) {
    out.printf(
        Locale.ROOT,
        "Flowchain demo: %d nodes over WebSocket on 127.0.0.1 (RocksDB stores), %d readings"
            + " acknowledged in %.1f s%n",
        s.nodes(),
        s.acknowledged(),
        s.seconds());
    if (s.killed() != null) {
      out.printf(Locale.ROOT, "crashed and restarted midway: node %s%n", s.killed());
    }
    out.printf(
        Locale.ROOT,
        "%n%-42s %7s %8s %8s %6s  %s%n",
        "node",
        "blocks",
        "records",
        "invalid",
        "coins",
        "audit");
    for (DemoSummary.NodeSummary n : s.perNode()) {
      out.printf(
          Locale.ROOT,
          "%-42s %7d %8d %8d %6d  %s%n",
          n.nodeId(),
          n.blocks(),
          n.records(),
          n.invalidBlocks(),
          n.coins(),
          n.auditOk() ? "ok" : "FAILED: " + n.fault());
    }
    out.printf(
        Locale.ROOT,
        "%nacknowledged %d, read back from the ring %d, lost %d, never acknowledged %d%n"
            + "recorded %d, sealed %d, blocks %d, invalid blocks %d%n"
            + "approved by the endpoint and verified %d, Flowcoins earned %d%n"
            + "inventory (branches collected over the network): %d blocks merged into one signed"
            + " chain, %d records%n"
            + "audit %s%n",
        s.acknowledged(),
        s.retrievable(),
        s.lost(),
        s.failed(),
        s.recorded(),
        s.sealedRecords(),
        s.blocks(),
        s.invalidBlocks(),
        s.verified(),
        s.coins(),
        s.mergedBlocks(),
        s.mergedRecords(),
        s.auditOk() ? "OK" : "FAILED" + (s.auditFault() == null ? "" : ": " + s.auditFault()));
  }
}
