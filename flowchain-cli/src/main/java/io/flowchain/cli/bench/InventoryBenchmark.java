package io.flowchain.cli.bench;

import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.inventory.Inventory;
import io.flowchain.core.ledger.Ledger;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.Submission;
import io.flowchain.core.ledger.ValidBlockPolicy;
import io.flowchain.core.port.ManualScheduler;
import io.flowchain.core.store.InMemoryStore;
import io.flowchain.core.types.Bytes;
import io.flowchain.core.types.Difficulty;
import io.flowchain.core.verify.BranchSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;

/**
 * The inventory at scale, in process: builds {@code branches} branches of {@code records} signed
 * records each (in memory, blocks of {@code blockSize} records), then times the administrator's
 * merge, which verifies every branch completely (links, seals, every record signature) and merges
 * them. In the same run it measures the bound: bare Ed25519 verification of the same records on all
 * cores.
 */
public final class InventoryBenchmark {
  private final int branches;
  private final int records;
  private final int blockSize;

  public InventoryBenchmark(int branches, int records, int blockSize) {
    if (branches < 1 || records < 1 || blockSize < 1) {
      throw new IllegalArgumentException("--branches, --records and --block-size must be positive");
    }
    this.branches = branches;
    this.records = records;
    this.blockSize = blockSize;
  }

  /** Runs the benchmark; {@code progress} is told the records generated so far. */
  public Map<String, Object> run(LongConsumer progress) {
    NodeKeyPair admin = NodeKeyPair.generate(new SplittableRandom(1));
    NetworkParams params =
        new NetworkParams("bench-net", 0, List.of(Difficulty.EASIEST), List.of(admin.publicKey()));
    AtomicLong made = new AtomicLong();
    List<InMemoryStore> stores = new ArrayList<>();
    for (int b = 0; b < branches; b++) {
      stores.add(new InMemoryStore());
    }
    long genStart = System.nanoTime();
    IntStream.range(0, branches)
        .parallel()
        .forEach(b -> generate(params, stores.get(b), b, made, progress));
    double genSeconds = (System.nanoTime() - genStart) / 1e9;

    List<BranchSource> sources = stores.stream().map(BranchSource::of).toList();
    long t0 = System.nanoTime();
    Inventory.Round round = new Inventory(params, admin).merge(null, sources, m -> {});
    double mergeSeconds = (System.nanoTime() - t0) / 1e9;
    long merged = round.chain().recordCount();

    double verifyLimit = bareVerifyRate(stores.get(0), params);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("branches", branches);
    out.put("recordsPerBranch", records);
    out.put("blockSize", blockSize);
    out.put("mergedBlocks", round.chain().blocks().size());
    out.put("mergedRecords", merged);
    out.put("mergeSeconds", round3(mergeSeconds));
    out.put("recordsPerSecond", Math.round(merged / mergeSeconds));
    out.put("verifyLimitPerSecond", Math.round(verifyLimit));
    out.put("ratioToVerifyLimit", round3(merged / mergeSeconds / verifyLimit));
    out.put("generateSeconds", round3(genSeconds));
    out.put("cores", Runtime.getRuntime().availableProcessors());
    return out;
  }

  private void generate(
      NetworkParams params, InMemoryStore store, int b, AtomicLong made, LongConsumer progress) {
    ManualScheduler clock = new ManualScheduler(1_000_000L);
    SplittableRandom random = new SplittableRandom(100 + b);
    Ledger ledger =
        Ledger.open(params, NodeKeyPair.generate(random), store, clock, ValidBlockPolicy.mru());
    for (int i = 0; i < records; i++) {
      if (i % blockSize == 0) {
        ledger.tryMine(clock.nowMillis(), Difficulty.EASIEST, 0, 1).orElseThrow();
      }
      String json =
          String.format(Locale.ROOT, "{\"temperature\":%.2f,\"seq\":%d}", 20 + (i % 100) / 10.0, i);
      ledger
          .record(
              Submission.of(
                  "sensor-" + (i % 16),
                  "application/json",
                  Bytes.utf8(json),
                  clock.nowMillis(),
                  random))
          .join();
      clock.advance(1);
      long n = made.incrementAndGet();
      if (n % 10_000 == 0) {
        progress.accept(n);
      }
    }
    ledger.tryMine(clock.nowMillis(), Difficulty.EASIEST, 0, 1).orElseThrow(); // seal the last
    ledger.close();
  }

  /** Bare Ed25519 verifications per second on all cores, over up to 100,000 stored records. */
  private static double bareVerifyRate(InMemoryStore store, NetworkParams params) {
    List<Record> sample = new ArrayList<>();
    var key = store.header(1).orElseThrow().minerKey();
    for (long no = 1; no <= store.height() && sample.size() < 100_000; no++) {
      sample.addAll(store.recordsInBlock(no));
    }
    List<byte[]> inputs = sample.stream().map(Record::signingInput).toList();
    long t0 = System.nanoTime();
    long ok =
        IntStream.range(0, inputs.size())
            .parallel()
            .filter(i -> key.verify(inputs.get(i), sample.get(i).signature()))
            .count();
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (ok != inputs.size()) {
      throw new IllegalStateException("bare verification failed on generated records");
    }
    return inputs.size() / seconds;
  }

  private static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
