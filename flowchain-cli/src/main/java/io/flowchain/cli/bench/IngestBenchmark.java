package io.flowchain.cli.bench;

import io.flowchain.cli.node.DataDir;
import io.flowchain.cli.node.LocalNode;
import io.flowchain.core.crypto.Signature;
import io.flowchain.core.ledger.Ledger;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.Submission;
import io.flowchain.core.mining.VirtualMiner;
import io.flowchain.core.port.ExecutorScheduler;
import io.flowchain.core.types.Bytes;
import io.flowchain.core.types.Difficulty;
import io.flowchain.core.types.Hash;
import io.flowchain.core.types.Key;
import io.flowchain.core.types.NodeId;
import io.flowchain.core.types.TxId;
import io.flowchain.core.verify.BranchVerifier;
import io.flowchain.store.rocksdb.RocksDbStore;
import io.flowchain.store.rocksdb.StoreOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import org.HdrHistogram.Histogram;

/**
 * The single-node ingest benchmark: records hashed, signed with Ed25519, indexed and durably
 * committed through a {@link Ledger} over a {@link RocksDbStore}, with the miner running; and the
 * two limits measured the same way on the same machine (bare signing on all cores, bare
 * group-committed store writes of records of the same size).
 */
public final class IngestBenchmark {
  /** The bench network: default table; the miner works at 10 zero bits (about 0.8 s a block). */
  public static final NetworkParams PARAMS =
      NetworkParams.of("bench", LocalNode.DEFAULT_GENESIS_TIMESTAMP, List.of());

  public static final Difficulty DIFFICULTY = Difficulty.leadingZeroBits(10);
  static final int IN_FLIGHT_PER_THREAD = 1024;

  private final int threads;
  private final int payloadBytes;
  private final StoreOptions storeOptions;

  public IngestBenchmark(int threads, int payloadBytes, StoreOptions storeOptions) {
    if (threads < 1) {
      throw new IllegalArgumentException("--threads must be at least 1: " + threads);
    }
    if (payloadBytes < 40 || payloadBytes > Submission.MAX_PAYLOAD) {
      throw new IllegalArgumentException("--payload-bytes must be 40.." + Submission.MAX_PAYLOAD);
    }
    this.threads = threads;
    this.payloadBytes = payloadBytes;
    this.storeOptions = storeOptions;
  }

  /**
   * What one ingest run measured: records acknowledged in the measured interval, over how many
   * seconds, the rate, the latency of those records, and every record acknowledged (warm-up and
   * drain included), and how many group commits (fsyncs) the store made in the measured interval
   * (-1 if the store does not count them).
   */
  public record Run(
      long records,
      double seconds,
      double recordsPerSecond,
      Histogram latencyMicros,
      long acknowledgedTotal,
      double cpuMicrosPerRecord,
      long commits) {
    public double p50Ms() {
      return latencyMicros.getValueAtPercentile(50) / 1000.0;
    }

    public double p99Ms() {
      return latencyMicros.getValueAtPercentile(99) / 1000.0;
    }

    public double maxMs() {
      return latencyMicros.getMaxValue() / 1000.0;
    }
  }

  /**
   * A sensor reading of about {@code payloadBytes} bytes of JSON: random values, the sequence
   * number, and a note of random letters (a slice of {@link #LETTERS} at a random offset, so that
   * building the reading costs the load generator little).
   */
  Bytes payload(SplittableRandom random, long seq) {
    StringBuilder sb = new StringBuilder(payloadBytes);
    sb.append("{\"temperature\":")
        .append(18 + random.nextInt(100) / 10.0)
        .append(",\"humidity\":")
        .append(30 + random.nextInt(40))
        .append(",\"seq\":")
        .append(seq)
        .append(",\"note\":\"");
    int note = Math.max(0, payloadBytes - 2 - sb.length());
    sb.append(LETTERS, random.nextInt(LETTERS.length - note + 1), note);
    return Bytes.utf8(sb.append("\"}").toString());
  }

  /** Random lower-case letters that notes are cut from. */
  private static final char[] LETTERS = letters(2 * Submission.MAX_PAYLOAD);

  private static char[] letters(int n) {
    SplittableRandom random = new SplittableRandom(42);
    char[] out = new char[n];
    for (int i = 0; i < n; i++) {
      out[i] = (char) ('a' + random.nextInt(26));
    }
    return out;
  }

  /** The size of the signing input of a record of this benchmark (payload, object id, fields). */
  int signingInputBytes() {
    SplittableRandom random = new SplittableRandom(3);
    Submission s =
        Submission.of(
            "sensor-0", "application/json", payload(random, 1_000_000), 1_700_000_000_000L, random);
    Record r =
        new Record(
            new TxId(Hash.ZERO),
            Key.of(new byte[Key.SIZE]),
            s,
            1_700_000_000_000L,
            1,
            Hash.ZERO,
            NodeId.of(new byte[NodeId.SIZE]),
            Signature.of(new byte[Signature.SIZE]));
    return r.signingInput().length;
  }

  /** CPU time used by this process so far (all threads, native ones included), or -1. */
  static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    return -1;
  }

  /**
   * The warm-up before each measured phase, the same for the ingest and the limits: half the
   * measured time, at most 5 s (long enough for the JIT compiler to have done its work, which
   * otherwise takes CPU from the first phase measured).
   */
  static long warmupMillis(double seconds) {
    return (long) Math.min(5000, seconds * 500);
  }

  /** A limit: operations per second, and process CPU time per operation in microseconds. */
  public record Limit(double perSecond, double cpuMicrosPerOp) {}

  /** An open node with its miner running, for {@link #ingest}. */
  public static final class BenchNode implements AutoCloseable {
    public final LocalNode node;
    final ExecutorScheduler scheduler;
    final VirtualMiner miner;

    BenchNode(LocalNode node, ExecutorScheduler scheduler, VirtualMiner miner) {
      this.node = node;
      this.scheduler = scheduler;
      this.miner = miner;
    }

    /** Waits until the miner has a valid block, so that records can go in. */
    public void awaitValidBlock() throws InterruptedException {
      java.util.concurrent.CountDownLatch mined = new java.util.concurrent.CountDownLatch(1);
      node.ledger.addListener(
          new io.flowchain.core.ledger.LedgerListener() {
            @Override
            public void onBlockMined(io.flowchain.core.ledger.BlockHeader header) {
              mined.countDown();
            }
          });
      if (node.ledger.validBlock().isEmpty()
          && !mined.await(5, java.util.concurrent.TimeUnit.MINUTES)) {
        throw new IllegalStateException("the miner found no block in 5 minutes");
      }
    }

    @Override
    public void close() {
      miner.close();
      scheduler.close();
      node.close();
    }
  }

  /**
   * Opens (or creates, on the bench network) a node on {@code dir} and starts its miner at the
   * bench difficulty (or the easiest of the branch's table, if it lacks that one).
   */
  public BenchNode openNode(Path dir) throws IOException {
    ExecutorScheduler scheduler = new ExecutorScheduler("flowchain-miner");
    DataDir data = new DataDir(dir);
    LocalNode node =
        LocalNode.open(
            data,
            null,
            data.hasStore() ? null : PARAMS, // an existing branch keeps its network
            BranchVerifier.Scope.HEADERS_AND_UNSEALED,
            false,
            storeOptions,
            scheduler.clock());
    List<Difficulty> table = node.params.difficultyTable();
    Difficulty difficulty =
        node.params.allowsDifficulty(DIFFICULTY) ? DIFFICULTY : table.get(table.size() - 1);
    VirtualMiner miner =
        new VirtualMiner(
            node.ledger,
            scheduler,
            () -> difficulty,
            VirtualMiner.DEFAULT_TICK_MILLIS,
            VirtualMiner.DEFAULT_ATTEMPTS_PER_TICK);
    miner.start();
    return new BenchNode(node, scheduler, miner);
  }

  /** The ingest and its two limits, measured in the same slices of time. */
  public record Comparison(Run ingest, Limit sign, Limit store) {
    /** The ingest rate as a fraction of the lower limit. */
    public double fractionOfLimit() {
      return ingest.recordsPerSecond() / Math.min(sign.perSecond(), store.perSecond());
    }
  }

  /**
   * Measures the ingest into {@code ledger} at full speed and its two limits (bare signing, bare
   * store writes into a new store in {@code storeDir}) in alternating slices of at most 2 s, for
   * {@code seconds} of measured time each, after a warm-up of each: the three see the same share of
   * whatever else runs on the machine, which would bias a comparison of phases run one after the
   * other.
   */
  public Comparison compare(Ledger ledger, Path storeDir, double seconds)
      throws InterruptedException {
    try (RocksDbStore limitStore = RocksDbStore.open(storeDir, storeOptions)) {
      IngestLoad ingest = new IngestLoad(this, threads, ledger, Long.MAX_VALUE, 0, null);
      Phase sign = LimitLoads.sign(this, threads);
      Phase store = LimitLoads.store(this, threads, limitStore);
      List<Phase> phases = List.of(ingest.phase, sign, store);
      try {
        for (Phase p : phases) {
          p.slice(warmupMillis(seconds), false);
        }
        long totalMillis = (long) (seconds * 1000);
        int slices = (int) Math.max(1, Math.ceil(totalMillis / 2000.0));
        long commits0 = commitCount(ledger);
        long commits = 0;
        for (int i = 0; i < slices; i++) {
          long millis = totalMillis / slices;
          long c0 = commitCount(ledger);
          ingest.phase.slice(millis, true);
          commits += commitCount(ledger) - c0;
          sign.slice(millis, true);
          store.slice(millis, true);
        }
        Run run =
            new Run(
                ingest.phase.ops(),
                ingest.phase.seconds(),
                ingest.phase.perSecond(),
                ingest.latencyMicros,
                ingest.acknowledgedTotal.sum(),
                ingest.phase.cpuMicrosPerOp(),
                commits0 < 0 ? -1 : commits);
        return new Comparison(
            run,
            new Limit(sign.perSecond(), sign.cpuMicrosPerOp()),
            new Limit(store.perSecond(), store.cpuMicrosPerOp()));
      } finally {
        for (Phase p : phases) {
          p.stop();
        }
      }
    }
  }

  /**
   * Records readings through the ledger from {@code threads} threads for {@code seconds} (after a
   * warm-up) or until {@code maxRecords} are acknowledged (no warm-up). {@code rate} > 0 paces the
   * submissions (records/s over all threads) and measures latency from each record's scheduled
   * time; otherwise each thread keeps up to {@value #IN_FLIGHT_PER_THREAD} records in flight.
   */
  public Run ingest(Ledger ledger, double seconds, long maxRecords, double rate, LongConsumer ack)
      throws InterruptedException {
    IngestLoad load = new IngestLoad(this, threads, ledger, maxRecords, rate, ack);
    try {
      if (maxRecords == Long.MAX_VALUE) {
        load.phase.slice(warmupMillis(seconds), false);
      }
      long commits0 = commitCount(ledger);
      load.phase.slice((long) (seconds * 1000), true);
      long commits1 = commitCount(ledger);
      return new Run(
          load.phase.ops(),
          load.phase.seconds(),
          load.phase.perSecond(),
          load.latencyMicros,
          load.acknowledgedTotal.sum(),
          load.phase.cpuMicrosPerOp(),
          commits0 < 0 ? -1 : commits1 - commits0);
    } finally {
      load.phase.stop();
    }
  }

  private static long commitCount(Ledger ledger) {
    return ledger.store() instanceof RocksDbStore rocks ? rocks.stats().batches() : -1;
  }
}
