package io.flowchain.cli;

import io.flowchain.cli.bench.BrokerBenchmark;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flowchain bench broker}: device ingest through the broker against the SDK path. */
@Command(
    name = "broker",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Measures device ingest through the web API's broker against the SDK's submit path, in one"
          + " run: a ring of nodes on 127.0.0.1 (in-memory stores), node 0 serving the web API."
          + " Three phases, each with --window readings in flight: FlowchainNode.submit on node 0;"
          + " devices sending on WebSocket /object/{id}/send (a receipt per reading); CoAP POSTs"
          + " to /object/{id}/send. Prints readings/s acknowledged end to end with receipts, and"
          + " the broker's overhead against the SDK path.",
      ""
    })
public final class BenchBrokerCommand implements Callable<Integer> {
  @Option(names = "--nodes", description = "Nodes (default: ${DEFAULT-VALUE}).")
  int nodes = 3;

  @Option(
      names = "--seconds",
      description = "Measured seconds per phase (default: ${DEFAULT-VALUE}).")
  double seconds = 10;

  @Option(names = "--window", description = "Readings in flight (default: ${DEFAULT-VALUE}).")
  int window = 64;

  @Option(names = "--devices", description = "Device connections (default: ${DEFAULT-VALUE}).")
  int devices = 4;

  @Option(
      names = "--payload-bytes",
      description = "Size of each JSON reading (default: ${DEFAULT-VALUE}).")
  int payloadBytes = 150;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (nodes < 1 || window < 1 || devices < 1 || seconds <= 0) {
      throw new IllegalArgumentException(
          "--nodes, --window, --devices and --seconds must be positive");
    }
    Map<String, Object> out =
        new BrokerBenchmark(
                new BrokerBenchmark.Options(nodes, seconds, window, devices, payloadBytes))
            .run(
                step -> {
                  if (!json) {
                    System.err.println(step + "...");
                  }
                });
    if (json) {
      System.out.println(Json.MAPPER.writeValueAsString(out));
    } else {
      out.forEach((k, v) -> System.out.println(k + ": " + v));
    }
    return 0;
  }
}
