package io.flowchain.cli.bench;

import io.flowchain.cli.node.DataDir;
import io.flowchain.cli.node.LocalNode;
import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.crypto.Signature;
import io.flowchain.core.ledger.Ledger;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.ledger.NoValidBlockException;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;
import org.HdrHistogram.ConcurrentHistogram;
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

  /** What one ingest run measured. */
  /**
   * What one ingest run measured: records acknowledged in the measured interval, over how many
   * seconds, the rate, the latency of those records, and every record acknowledged (warm-up and
   * drain included).
   */
  public record Run(
      long records,
      double seconds,
      double recordsPerSecond,
      Histogram latencyMicros,
      long acknowledgedTotal,
      double cpuMicrosPerRecord) {
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

  /** A sensor reading of about {@code payloadBytes} bytes of JSON. */
  Bytes payload(SplittableRandom random, long seq) {
    StringBuilder sb = new StringBuilder(payloadBytes);
    sb.append("{\"temperature\":")
        .append(18 + random.nextInt(100) / 10.0)
        .append(",\"humidity\":")
        .append(30 + random.nextInt(40))
        .append(",\"seq\":")
        .append(seq)
        .append(",\"note\":\"");
    while (sb.length() < payloadBytes - 2) {
      sb.append((char) ('a' + random.nextInt(26)));
    }
    return Bytes.utf8(sb.append("\"}").toString());
  }

  /** Bare Ed25519 signatures per second on {@code threads} threads, messages of record size. */
  public Limit signLimit(double seconds) throws InterruptedException {
    NodeKeyPair keys = NodeKeyPair.generate(new SplittableRandom(1));
    LongAdder signed = new LongAdder();
    AtomicBoolean stop = new AtomicBoolean();
    Thread[] ts = new Thread[threads];
    int size = payloadBytes + 190; // the record signing input around a payload
    for (int t = 0; t < threads; t++) {
      byte[] msg = new byte[size];
      new SplittableRandom(t).nextBytes(msg);
      ts[t] =
          new Thread(
              () -> {
                long n = 0;
                while (!stop.get()) {
                  msg[0] = (byte) n++;
                  keys.sign(msg);
                  signed.increment();
                }
              });
    }
    return timed(ts, stop, signed, seconds);
  }

  /**
   * Bare store writes per second: pre-built records of the same size (random hashes and a dummy
   * signature, nothing signed) put through {@link RocksDbStore#putRecord} from {@code threads}
   * threads, each acknowledged after its group commit was synced.
   */
  public Limit storeLimit(Path dir, double seconds) throws InterruptedException {
    try (RocksDbStore store = RocksDbStore.open(dir, storeOptions)) {
      LongAdder acked = new LongAdder();
      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong seq = new AtomicLong();
      NodeId recorder = NodeId.of(new byte[20]);
      Thread[] ts = new Thread[threads];
      for (int t = 0; t < threads; t++) {
        SplittableRandom random = new SplittableRandom(100 + t);
        Semaphore window = new Semaphore(IN_FLIGHT_PER_THREAD);
        String objectId = "sensor-" + t;
        ts[t] =
            new Thread(
                () -> {
                  byte[] sig = new byte[Signature.SIZE];
                  while (!stop.get()) {
                    long i = seq.incrementAndGet();
                    byte[] h = new byte[32];
                    random.nextBytes(h);
                    byte[] k = new byte[20];
                    random.nextBytes(k);
                    Submission s =
                        Submission.of(
                            objectId,
                            "application/json",
                            payload(random, i),
                            System.currentTimeMillis(),
                            random);
                    Record r =
                        new Record(
                            new TxId(Hash.of(h)),
                            Key.of(k),
                            s,
                            System.currentTimeMillis(),
                            1 + i / 10_000,
                            Hash.ZERO,
                            recorder,
                            Signature.of(sig));
                    window.acquireUninterruptibly();
                    store
                        .putRecord(r)
                        .whenComplete(
                            (v, e) -> {
                              if (e == null) {
                                acked.increment();
                              }
                              window.release();
                            });
                  }
                  window.acquireUninterruptibly(IN_FLIGHT_PER_THREAD);
                });
      }
      return timed(ts, stop, acked, seconds);
    }
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

  /** A limit: operations per second, and process CPU time per operation in microseconds. */
  public record Limit(double perSecond, double cpuMicrosPerOp) {}

  private static Limit timed(Thread[] ts, AtomicBoolean stop, LongAdder count, double seconds)
      throws InterruptedException {
    for (Thread t : ts) {
      t.start();
    }
    // a short warm-up, not counted
    Thread.sleep((long) Math.min(1000, seconds * 200));
    long c0 = count.sum();
    long t0 = System.nanoTime();
    long cpu0 = processCpuNanos();
    Thread.sleep((long) (seconds * 1000));
    long c1 = count.sum();
    long t1 = System.nanoTime();
    long cpu1 = processCpuNanos();
    stop.set(true);
    for (Thread t : ts) {
      t.join();
    }
    long n = c1 - c0;
    return new Limit(
        n / ((t1 - t0) / 1e9), n == 0 || cpu0 < 0 ? Double.NaN : (cpu1 - cpu0) / 1000.0 / n);
  }

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

  /**
   * Records readings through the ledger from {@code threads} threads for {@code seconds} (after a
   * short warm-up) or until {@code maxRecords} are acknowledged. {@code rate} > 0 paces the
   * submissions (records/s over all threads) and measures latency from each record's scheduled
   * time; otherwise each thread keeps up to {@value #IN_FLIGHT_PER_THREAD} records in flight.
   */
  public Run ingest(Ledger ledger, double seconds, long maxRecords, double rate, LongConsumer ack)
      throws InterruptedException {
    ConcurrentHistogram latency = new ConcurrentHistogram(3_600_000_000L, 3);
    LongAdder acked = new LongAdder();
    LongAdder ackedTotal = new LongAdder();
    AtomicLong counting = new AtomicLong(Long.MAX_VALUE); // start of the measured interval
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong submitted = new AtomicLong();
    Thread[] ts = new Thread[threads];
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      SplittableRandom random = new SplittableRandom(System.nanoTime() ^ (31L * t));
      Semaphore window = new Semaphore(IN_FLIGHT_PER_THREAD);
      String objectId = "sensor-" + t;
      double intervalNanos = rate > 0 ? 1e9 * threads / rate : 0;
      int index = t;
      ts[t] =
          new Thread(
              () -> {
                long i = 0;
                while (!stop.get() && submitted.get() < maxRecords) {
                  long scheduled = System.nanoTime();
                  if (intervalNanos > 0) {
                    scheduled = start + (long) ((i + (double) index / threads) * intervalNanos);
                    long wait = scheduled - System.nanoTime();
                    if (wait > 0) {
                      java.util.concurrent.locks.LockSupport.parkNanos(wait);
                      continue;
                    }
                  }
                  Submission s =
                      Submission.of(
                          objectId,
                          "application/json",
                          payload(random, i),
                          System.currentTimeMillis(),
                          random);
                  if (submitted.incrementAndGet() > maxRecords) {
                    break; // another thread took the last one
                  }
                  window.acquireUninterruptibly();
                  long sentAt = scheduled;
                  CompletableFuture<Record> f;
                  try {
                    f = ledger.record(s);
                  } catch (NoValidBlockException e) {
                    submitted.decrementAndGet();
                    window.release();
                    Thread.onSpinWait(); // between an invalid block and the next: wait
                    continue;
                  }
                  i++;
                  f.whenComplete(
                      (r, e) -> {
                        if (e == null) {
                          ackedTotal.increment();
                          long now = System.nanoTime();
                          if (sentAt >= counting.get()) {
                            latency.recordValue(Math.max(0, (now - sentAt) / 1000));
                            acked.increment();
                          }
                          if (ack != null) {
                            ack.accept(1);
                          }
                        }
                        window.release();
                      });
                }
                window.acquireUninterruptibly(IN_FLIGHT_PER_THREAD);
              });
    }
    for (Thread t : ts) {
      t.start();
    }
    long warmup = maxRecords < Long.MAX_VALUE ? 0 : (long) Math.min(2000, seconds * 200);
    Thread.sleep(warmup);
    long t0 = System.nanoTime();
    long cpu0 = processCpuNanos();
    counting.set(t0);
    long deadline = t0 + (long) (seconds * 1e9);
    while (System.nanoTime() < deadline && submitted.get() < maxRecords) {
      Thread.sleep(10);
    }
    long cpu1 = processCpuNanos();
    stop.set(true);
    long t1 = System.nanoTime();
    long inTime = acked.sum();
    for (Thread t : ts) {
      t.join(); // waits for every record in flight to be acknowledged
    }
    double secs = (t1 - t0) / 1e9;
    if (maxRecords < Long.MAX_VALUE) {
      secs = (System.nanoTime() - t0) / 1e9;
      inTime = acked.sum();
    }
    double cpuPerRecord = inTime == 0 || cpu0 < 0 ? Double.NaN : (cpu1 - cpu0) / 1000.0 / inTime;
    return new Run(acked.sum(), secs, inTime / secs, latency, ackedTotal.sum(), cpuPerRecord);
  }
}
