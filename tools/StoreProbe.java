import io.flowchain.core.crypto.Signature;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.Submission;
import io.flowchain.core.types.Bytes;
import io.flowchain.core.types.Hash;
import io.flowchain.core.types.Key;
import io.flowchain.core.types.NodeId;
import io.flowchain.core.types.TxId;
import io.flowchain.store.rocksdb.RocksDbStore;
import io.flowchain.store.rocksdb.StoreOptions;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * The RocksDB store alone, for tuning it: records built like those of `flowchain bench ingest`
 * (150-byte readings, random txIDs and data keys, a dummy signature) put from 2 threads with up to
 * 1,024 in flight each, paced at RATE records/s (1e9: as fast as they go), into a new store in a
 * temporary directory with at most BATCH records per group commit. After a warm-up of 5 s it
 * measures SECONDS and prints the CPU time of the writer thread and of the whole process (RocksDB's
 * background threads included) per record, the records per commit, and the latency to each
 * record's acknowledgement from its scheduled time (paced) or its submission (unpaced).
 *
 * <pre>
 * ./mvnw -B -q -pl flowchain-cli -am package -DskipTests
 * java -cp flowchain-cli/target/flowchain.jar tools/StoreProbe.java RATE SECONDS BATCH
 * java -cp flowchain-cli/target/flowchain.jar tools/StoreProbe.java 1e9 30 100
 * </pre>
 */
public class StoreProbe {
  static final int THREADS = 2;
  static volatile boolean stopped;
  static volatile boolean measuring;
  static final ConcurrentHistogram latencyMicros = new ConcurrentHistogram(3_600_000_000L, 3);

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: StoreProbe RATE SECONDS BATCH");
      System.exit(2);
    }
    double rate = Double.parseDouble(args[0]);
    int seconds = Integer.parseInt(args[1]);
    int batch = Integer.parseInt(args[2]);
    Path dir = Files.createTempDirectory("flowchain-store-probe-");
    try (RocksDbStore store =
        RocksDbStore.open(dir, StoreOptions.DEFAULTS.withMaxBatchRecords(batch))) {
      run(store, rate, seconds);
    } finally {
      try (var paths = Files.walk(dir)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  static void run(RocksDbStore store, double rate, int seconds) throws Exception {
    AtomicLong acknowledged = new AtomicLong();
    AtomicLong seq = new AtomicLong();
    long start = System.nanoTime();
    double intervalNanos = rate >= 1e9 ? 0 : 1e9 * THREADS / rate; // 0: unpaced
    Thread[] producers = new Thread[THREADS];
    for (int t = 0; t < THREADS; t++) {
      int index = t;
      producers[t] =
          new Thread(
              () -> produce(store, index, start, intervalNanos, seq, acknowledged), "probe-" + t);
      producers[t].start();
    }
    Thread.sleep(5000);
    measuring = true;
    long w0 = writerCpuNanos();
    long n0 = acknowledged.get();
    long cpu0 = processCpuNanos();
    long b0 = store.stats().batches();
    long t0 = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    long w1 = writerCpuNanos();
    long n1 = acknowledged.get();
    long cpu1 = processCpuNanos();
    long b1 = store.stats().batches();
    long t1 = System.nanoTime();
    stopped = true;
    for (Thread p : producers) {
      p.join();
    }
    long n = n1 - n0;
    System.out.printf(
        "%.0f records/s; CPU per record: writer thread %.2f µs, process %.2f µs;"
            + " %.1f records per commit; latency p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
        n / ((t1 - t0) / 1e9),
        (w1 - w0) / 1000.0 / n,
        (cpu1 - cpu0) / 1000.0 / n,
        n / (double) (b1 - b0),
        latencyMicros.getValueAtPercentile(50) / 1000.0,
        latencyMicros.getValueAtPercentile(99) / 1000.0,
        latencyMicros.getMaxValue() / 1000.0);
  }

  static void produce(
      RocksDbStore store,
      int index,
      long start,
      double intervalNanos,
      AtomicLong seq,
      AtomicLong acknowledged) {
    SplittableRandom random = new SplittableRandom(index + 7);
    Semaphore window = new Semaphore(1024);
    NodeId recorder = NodeId.of(new byte[NodeId.SIZE]);
    Signature signature = Signature.of(new byte[Signature.SIZE]);
    String note = "x".repeat(90);
    boolean paced = intervalNanos > 0;
    long sent = 0;
    while (!stopped) {
      long now = System.nanoTime();
      long scheduled =
          paced ? start + (long) ((sent + (double) index / THREADS) * intervalNanos) : now;
      long wait = scheduled - now;
      if (wait > 0) {
        LockSupport.parkNanos(wait);
        continue;
      }
      long i = seq.incrementAndGet();
      byte[] txId = new byte[Hash.SIZE];
      random.nextBytes(txId);
      byte[] dataKey = new byte[Key.SIZE];
      random.nextBytes(dataKey);
      String json =
          "{\"temperature\":" + random.nextInt(100) + ",\"seq\":" + i + ",\"note\":\"" + note + "\"}";
      Submission s =
          Submission.of(
              "sensor-" + index,
              "application/json",
              Bytes.utf8(json),
              System.currentTimeMillis(),
              random);
      Record r =
          new Record(
              new TxId(Hash.of(txId)),
              Key.of(dataKey),
              s,
              System.currentTimeMillis(),
              1 + i / 10_000,
              Hash.ZERO,
              recorder,
              signature);
      window.acquireUninterruptibly();
      store
          .putRecord(r)
          .whenComplete(
              (v, e) -> {
                acknowledged.incrementAndGet();
                if (measuring) {
                  latencyMicros.recordValue(Math.max(0, (System.nanoTime() - scheduled) / 1000));
                }
                window.release();
              });
      sent++;
    }
    window.acquireUninterruptibly(1024);
  }

  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  static long writerCpuNanos() {
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals("flowchain-store-writer")) {
        return ManagementFactory.getThreadMXBean().getThreadCpuTime(t.getId());
      }
    }
    return -1;
  }
}
