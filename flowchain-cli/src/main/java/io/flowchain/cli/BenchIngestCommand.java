package io.flowchain.cli;

import io.flowchain.cli.bench.IngestBenchmark;
import io.flowchain.store.rocksdb.StoreOptions;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flowchain bench ingest}: single-node durable ingest, in process. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Measures single-node ingest in this process (no network): each record hashed, signed with"
          + " Ed25519, indexed and durably committed (acknowledged after its group commit was"
          + " fsynced) while the miner runs (a block about every 0.8 s).",
      "Also measures, on the same machine in the same run, the two limits with the same number of"
          + " threads: bare Ed25519 signing of messages of the size the ingest signs, and bare"
          + " group-committed store writes of records of the same size. The ingest and the limits"
          + " run in alternating slices of at most 2 s (after a warm-up of each), so that all"
          + " three share alike whatever else the machine runs. Then, unless --no-half-rate,"
          + " ingest again paced at half the rate reached, for its latency.",
      "With --records N --data-dir DIR --crash it instead fills DIR with N records and halts"
          + " without shutting down (as a crash), for 'flowchain bench restart'.",
      ""
    })
public final class BenchIngestCommand implements Callable<Integer> {
  @Option(
      names = "--seconds",
      description = "Measured seconds of each phase (default: ${DEFAULT-VALUE}).")
  double seconds = 10;

  @Option(
      names = "--threads",
      description = "Producer threads (default: the number of cores, ${DEFAULT-VALUE}).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(
      names = "--rate",
      description = "Pace the ingest at this many records/s (default: as fast as it goes).")
  double rate;

  @Option(names = "--no-half-rate", description = "Skip the run paced at half the maximum rate.")
  boolean noHalfRate;

  @Option(names = "--no-limits", description = "Skip measuring the sign and store limits.")
  boolean noLimits;

  @Option(
      names = "--payload-bytes",
      description = "Size of each JSON reading (default: ${DEFAULT-VALUE}).")
  int payloadBytes = 150;

  @Option(
      names = "--batch",
      description = "Most records per group commit (default: ${DEFAULT-VALUE}).")
  int batch = StoreOptions.DEFAULTS.maxBatchRecords();

  @Option(
      names = "--linger-us",
      description = "Group-commit linger in microseconds (default: ${DEFAULT-VALUE}).")
  long lingerMicros = StoreOptions.DEFAULTS.lingerMicros();

  @Option(
      names = "--data-dir",
      description = "Node data directory to ingest into (default: a temporary one, removed).")
  Path dataDir;

  @Option(names = "--records", description = "Stop after this many records instead of a time.")
  Long records;

  @Option(
      names = "--crash",
      description = "After the records are acknowledged, halt without a clean shutdown.")
  boolean crash;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (seconds <= 0) {
      throw new IllegalArgumentException("--seconds must be positive");
    }
    if (crash && (records == null || dataDir == null)) {
      throw new IllegalArgumentException("--crash needs --records and --data-dir");
    }
    if (rate < 0) {
      throw new IllegalArgumentException("--rate must not be negative");
    }
    StoreOptions options =
        StoreOptions.DEFAULTS.withMaxBatchRecords(batch).withLingerMicros(lingerMicros);
    IngestBenchmark bench = new IngestBenchmark(threads, payloadBytes, options);
    Path scratch = Files.createTempDirectory("flowchain-bench-");
    try {
      Map<String, Object> out = new LinkedHashMap<>();
      Path nodeDir = dataDir != null ? dataDir : scratch.resolve("node");
      IngestBenchmark.Run run;
      IngestBenchmark.Comparison limits = null;
      long stored;
      try (IngestBenchmark.BenchNode node = bench.openNode(nodeDir)) {
        node.awaitValidBlock();
        if (records == null && rate == 0 && !noLimits) {
          // the ingest and the two limits in alternating slices of the same run
          limits = bench.compare(node.node.ledger, scratch.resolve("store"), seconds);
          run = limits.ingest();
        } else {
          long max = records == null ? Long.MAX_VALUE : records;
          Progress progress = Progress.create(json, "acknowledged", records == null ? 0 : records);
          java.util.concurrent.atomic.AtomicLong n = new java.util.concurrent.atomic.AtomicLong();
          run =
              bench.ingest(
                  node.node.ledger,
                  records == null ? seconds : 1e6,
                  max,
                  rate,
                  records == null ? null : k -> progress.update(n.incrementAndGet()));
          progress.done();
        }
        stored = node.node.store.recordCount();
        if (crash) {
          System.out.printf(
              Locale.ROOT,
              "%d records acknowledged (%.0f records/s); %d stored; halting without shutdown%n",
              run.acknowledgedTotal(),
              run.recordsPerSecond(),
              stored);
          System.out.flush();
          Runtime.getRuntime().halt(0);
        }
      }
      out.put("recordsPerSecond", round(run.recordsPerSecond()));
      out.put("p50Ms", round(run.p50Ms()));
      out.put("p99Ms", round(run.p99Ms()));
      out.put("maxMs", round(run.maxMs()));
      // every acknowledgement came after its batch was written with sync=true; and the store
      // holds at least as many records as were acknowledged
      out.put("durable", stored >= run.acknowledgedTotal());
      out.put("acknowledged", run.records());
      out.put("acknowledgedTotal", run.acknowledgedTotal());
      out.put("stored", stored);
      out.put("seconds", round(run.seconds()));
      out.put("cpuMicrosPerRecord", round(run.cpuMicrosPerRecord()));
      if (run.commits() > 0) {
        out.put("recordsPerCommit", round(run.recordsPerSecond() * run.seconds() / run.commits()));
      }
      out.put("threads", threads);
      out.put("payloadBytes", payloadBytes);
      if (rate > 0) {
        out.put("rate", rate);
      }
      if (limits != null) {
        out.put("signLimitPerSecond", round(limits.sign().perSecond()));
        out.put("storeLimitPerSecond", round(limits.store().perSecond()));
        out.put("fractionOfLimit", round(limits.fractionOfLimit()));
        // CPU time per operation depends less on what else the machine runs than rates do
        out.put("signCpuMicros", round(limits.sign().cpuMicrosPerOp()));
        out.put("storeCpuMicrosPerRecord", round(limits.store().cpuMicrosPerOp()));
        double cores = Runtime.getRuntime().availableProcessors();
        out.put(
            "cpuBoundPerSecond",
            round(
                cores * 1e6 / (limits.sign().cpuMicrosPerOp() + limits.store().cpuMicrosPerOp())));
      }
      if (!noHalfRate && rate == 0 && records == null) {
        double half = run.recordsPerSecond() / 2;
        try (IngestBenchmark.BenchNode node = bench.openNode(scratch.resolve("half"))) {
          node.awaitValidBlock();
          IngestBenchmark.Run r =
              bench.ingest(node.node.ledger, seconds, Long.MAX_VALUE, half, null);
          out.put("halfRate", round(half));
          out.put("halfRateRecordsPerSecond", round(r.recordsPerSecond()));
          out.put("halfRateP50Ms", round(r.p50Ms()));
          out.put("halfRateP99Ms", round(r.p99Ms()));
        }
      }
      out.put("cores", Runtime.getRuntime().availableProcessors());
      out.put("java", System.getProperty("java.version"));
      print(System.out, out);
      return 0;
    } finally {
      io.flowchain.cli.node.DataDir.deleteTree(scratch);
    }
  }

  private void print(PrintStream ps, Map<String, Object> out) throws Exception {
    if (json) {
      ps.println(Json.MAPPER.writeValueAsString(out));
      return;
    }
    ps.println("Flowchain single-node durable ingest");
    for (Map.Entry<String, Object> e : out.entrySet()) {
      ps.printf(Locale.ROOT, "  %-26s %s%n", e.getKey(), e.getValue());
    }
  }

  static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
