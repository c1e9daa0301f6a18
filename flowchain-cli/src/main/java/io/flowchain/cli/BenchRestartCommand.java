package io.flowchain.cli;

import io.flowchain.cli.bench.IngestBenchmark;
import io.flowchain.cli.node.DataDir;
import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.LedgerListener;
import io.flowchain.store.rocksdb.StoreOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flowchain bench restart}: how long a node takes to come back on a data directory. */
@Command(
    name = "restart",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Measures a node's restart on an existing data directory (for example one filled by"
          + " 'flowchain bench ingest --records 1000000 --data-dir DIR --crash'): opening the store"
          + " (replaying its write-ahead log), the start check (headers and unsealed records), and"
          + " opening the ledger (closing the block left open); then the time until the miner,"
          + " at the bench difficulty, has a new valid block.",
      ""
    })
public final class BenchRestartCommand implements Callable<Integer> {
  @Option(names = "--data-dir", required = true, description = "The node's data directory.")
  Path dataDir;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (!new DataDir(dataDir).hasStore()) {
      throw new IllegalArgumentException("no Flowchain store in " + dataDir);
    }
    long t0 = System.nanoTime();
    IngestBenchmark bench = new IngestBenchmark(1, 150, StoreOptions.DEFAULTS);
    Map<String, Object> out = new LinkedHashMap<>();
    try (IngestBenchmark.BenchNode node = bench.openNode(dataDir)) {
      long opened = System.nanoTime();
      CountDownLatch valid = new CountDownLatch(1);
      node.node.ledger.addListener(
          new LedgerListener() {
            @Override
            public void onBlockMined(BlockHeader header) {
              valid.countDown();
            }
          });
      if (node.node.ledger.validBlock().isPresent()) {
        valid.countDown();
      }
      boolean mined = valid.await(120, TimeUnit.SECONDS);
      long ready = System.nanoTime();
      out.put("records", node.node.store.recordCount());
      out.put("blocks", node.node.ledger.tip().no() + 1);
      out.put("storeOpenMs", node.node.timings.storeOpenMs());
      out.put("checkMs", node.node.timings.checkMs());
      out.put("ledgerOpenMs", node.node.timings.ledgerOpenMs());
      out.put("openMs", (opened - t0) / 1_000_000);
      out.put("firstValidBlockMs", mined ? (ready - t0) / 1_000_000 : -1);
      node.node
          .store
          .invalidReason(node.node.ledger.tip().no() - (mined ? 1 : 0))
          .ifPresent(r -> out.put("closedBlockReason", r.name()));
    }
    if (json) {
      System.out.println(Json.MAPPER.writeValueAsString(out));
    } else {
      for (Map.Entry<String, Object> e : out.entrySet()) {
        System.out.printf(Locale.ROOT, "  %-20s %s%n", e.getKey(), e.getValue());
      }
    }
    return 0;
  }
}
