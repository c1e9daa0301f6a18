package io.flowchain.cli;

import io.flowchain.cli.bench.InventoryBenchmark;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flowchain bench inventory}: verify-and-merge throughput of the inventory. */
@Command(
    name = "inventory",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Builds branches of signed records in memory, then times the administrator's inventory:"
          + " every branch verified completely (links, seals, every record signature) and all"
          + " sealed blocks merged into one signed chain. Reports records verified and merged per"
          + " second, and the bound measured in the same run: bare Ed25519 verification on all"
          + " cores.",
      ""
    })
public final class BenchInventoryCommand implements Callable<Integer> {
  @Option(names = "--branches", description = "Branches (default: ${DEFAULT-VALUE}).")
  int branches = 5;

  @Option(names = "--records", description = "Records per branch (default: ${DEFAULT-VALUE}).")
  int records = 200_000;

  @Option(names = "--block-size", description = "Records per block (default: ${DEFAULT-VALUE}).")
  int blockSize = 1000;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Progress progress = Progress.create(json, "records generated", (long) branches * records);
    Map<String, Object> result;
    try {
      result = new InventoryBenchmark(branches, records, blockSize).run(progress::update);
    } finally {
      progress.done();
    }
    if (json) {
      System.out.println(Json.MAPPER.writeValueAsString(result));
    } else {
      result.forEach((k, v) -> System.out.println(k + ": " + v));
    }
    return 0;
  }
}
