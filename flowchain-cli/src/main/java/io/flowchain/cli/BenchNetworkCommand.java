package io.flowchain.cli;

import io.flowchain.cli.bench.NetworkBenchmark;
import io.flowchain.node.AckPolicy;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flowchain bench network}: put-to-receipt throughput and latency over real sockets. */
@Command(
    name = "network",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Measures a network of nodes on 127.0.0.1 end to end, through its WebSocket connections:"
          + " readings submitted at random nodes, routed to the successor of their key, recorded"
          + " there durably, copied to the next two successors, and acknowledged with a signed"
          + " receipt that is checked.",
      "Phases: a closed loop with --window readings in flight (after a warm-up of up to 3 s); an"
          + " open loop paced at half the rate reached; then one node crashes and the benchmark"
          + " reports when its neighbours declared it dead (in process only), when writes and"
          + " reads of the keys it owned were served again (probes every 50 ms), and when a sample"
          + " of the records it held a copy of had their r copies again (in process only).",
      "By default the nodes run in this process (each its own port, thread and RocksDB stores"
          + " under a temporary directory; they talk only through their sockets) and the readings"
          + " are handed to them in process. With --processes each node is a 'flowchain node"
          + " start' process and the readings come from clients in this process, over WebSocket"
          + " too.",
      ""
    })
public final class BenchNetworkCommand implements Callable<Integer> {
  @Option(names = "--nodes", description = "Nodes (default: ${DEFAULT-VALUE}).")
  int nodes = 5;

  @Option(
      names = "--seconds",
      description = "Measured seconds of each load phase (default: ${DEFAULT-VALUE}).")
  double seconds = 10;

  @Option(
      names = "--window",
      description = "Readings in flight in the closed loop (default: ${DEFAULT-VALUE}).")
  int window = 256;

  @Option(
      names = "--payload-bytes",
      description = "Size of each JSON reading (default: ${DEFAULT-VALUE}).")
  int payloadBytes = 150;

  @Option(
      names = "--ack",
      description =
          "When the recorder acknowledges: RECORDER, MAJORITY or ALL (default: ${DEFAULT-VALUE}).")
  AckPolicy ack = AckPolicy.RECORDER;

  @Option(names = "--memory", description = "In-process nodes keep their data in memory.")
  boolean memory;

  @Option(names = "--processes", description = "One JVM per node ('flowchain node start').")
  boolean processes;

  @Option(names = "--no-failure", description = "Skip the crash at the end.")
  boolean noFailure;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    NetworkBenchmark bench =
        new NetworkBenchmark(
            new NetworkBenchmark.Options(
                nodes, seconds, window, payloadBytes, memory, processes, ack, !noFailure));
    Consumer<String> steps = Progress.steps(json);
    Map<String, Object> out = bench.run(step -> steps.accept(step + "..."));
    if (json) {
      System.out.println(Json.MAPPER.writeValueAsString(out));
    } else {
      out.forEach((k, v) -> System.out.println(k + ": " + v));
    }
    return 0;
  }
}
