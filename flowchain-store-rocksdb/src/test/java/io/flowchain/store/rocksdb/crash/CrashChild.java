package io.flowchain.store.rocksdb.crash;

import io.flowchain.core.ledger.Ledger;
import io.flowchain.core.ledger.NoValidBlockException;
import io.flowchain.core.ledger.Submission;
import io.flowchain.core.ledger.ValidBlockPolicy;
import io.flowchain.core.mining.VirtualMiner;
import io.flowchain.core.port.ExecutorScheduler;
import io.flowchain.core.types.Bytes;
import io.flowchain.store.rocksdb.RocksDbStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The process the crash test kills: a node over a RocksDB store in real time, mining and recording
 * a stream of readings from two threads. It prints {@code ACK <txID>} for each record only after
 * the record's future completed (the record is durable), and stops by itself after {@code
 * maxRecords} records or {@code maxSeconds} seconds, without a clean shutdown.
 *
 * <p>Arguments: data dir, max records, max seconds.
 */
public final class CrashChild {
  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long maxRecords = Long.parseLong(args[1]);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[2]));
    PrintStream out = System.out;
    RocksDbStore store = RocksDbStore.open(dir);
    Ledger ledger =
        Ledger.open(
            CrashScenario.PARAMS,
            CrashScenario.keys(),
            store,
            io.flowchain.core.port.SystemClock.INSTANCE,
            ValidBlockPolicy.mru());
    ExecutorScheduler scheduler = new ExecutorScheduler("miner");
    VirtualMiner miner = new VirtualMiner(ledger, scheduler, () -> CrashScenario.DIFFICULTY, 10, 8);
    miner.start();
    // memtables written out every 50 ms: the logs they covered become obsolete and are reused, so
    // the kill falls while the writer appends to a reused log (RocksDbHandles.RECYCLED_LOG_FILES)
    ExecutorScheduler flushes = new ExecutorScheduler("flusher");
    flushes.scheduleAtFixedRate(50, 50, store::flushMemtables);
    out.println("STARTED");
    out.flush();
    Semaphore inFlight = new Semaphore(256);
    Thread[] producers = new Thread[2];
    long perThread = maxRecords / producers.length;
    for (int t = 0; t < producers.length; t++) {
      SplittableRandom random = new SplittableRandom(System.nanoTime() + t);
      String objectId = "sensor-" + t;
      producers[t] =
          new Thread(
              () -> {
                for (long i = 0; i < perThread && System.nanoTime() < deadline; ) {
                  Submission s =
                      Submission.of(
                          objectId,
                          "application/json",
                          Bytes.utf8("{\"temperature\":" + (20 + i % 10) + ",\"seq\":" + i + "}"),
                          System.currentTimeMillis(),
                          random);
                  inFlight.acquireUninterruptibly();
                  try {
                    ledger
                        .record(s)
                        .whenComplete(
                            (r, e) -> {
                              if (e == null) {
                                synchronized (out) {
                                  out.println("ACK " + r.txId().toHex());
                                  out.flush();
                                }
                              }
                              inFlight.release();
                            });
                    i++;
                  } catch (NoValidBlockException e) {
                    inFlight.release(); // between blocks: try again
                    Thread.onSpinWait();
                  }
                }
              });
      producers[t].start();
    }
    for (Thread p : producers) {
      p.join();
    }
    inFlight.acquireUninterruptibly(256);
    out.println("DONE");
    out.flush();
    // no ledger.close(): the parent should have killed us long before this
    Runtime.getRuntime().halt(0);
  }
}
