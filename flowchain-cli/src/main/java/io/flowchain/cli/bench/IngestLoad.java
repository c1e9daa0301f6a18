package io.flowchain.cli.bench;

import io.flowchain.core.ledger.Ledger;
import io.flowchain.core.ledger.NoValidBlockException;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.Submission;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * The ingest load: producer threads that submit readings to a {@link Ledger}, each keeping up to
 * {@value IngestBenchmark#IN_FLIGHT_PER_THREAD} records in flight, or paced at a rate (records/s
 * over all threads, latency then measured from each record's scheduled time). A {@link Phase}: what
 * it counts is records acknowledged (durable).
 */
final class IngestLoad {
  final Phase phase = new Phase();
  final ConcurrentHistogram latencyMicros = new ConcurrentHistogram(3_600_000_000L, 3);
  final LongAdder acknowledgedTotal = new LongAdder();

  private final IngestBenchmark bench;
  private final Ledger ledger;
  private final long maxRecords;
  private final double intervalNanos;
  private final LongConsumer ack;
  private final int threads;
  private final AtomicLong submitted = new AtomicLong();
  private final Semaphore[] windows;
  private final SplittableRandom[] randoms;
  private final String[] objectIds;
  private final long[] sent;
  private final long start = System.nanoTime();

  IngestLoad(
      IngestBenchmark bench,
      int threads,
      Ledger ledger,
      long maxRecords,
      double rate,
      LongConsumer ack) {
    this.bench = bench;
    this.ledger = ledger;
    this.maxRecords = maxRecords;
    this.intervalNanos = rate > 0 ? 1e9 * threads / rate : 0;
    this.ack = ack;
    this.threads = threads;
    this.windows = new Semaphore[threads];
    this.randoms = new SplittableRandom[threads];
    this.objectIds = new String[threads];
    this.sent = new long[threads];
    for (int t = 0; t < threads; t++) {
      windows[t] = new Semaphore(IngestBenchmark.IN_FLIGHT_PER_THREAD);
      randoms[t] = new SplittableRandom(System.nanoTime() ^ (31L * t));
      objectIds[t] = "sensor-" + t;
    }
    phase.attach(new GatedWorkers("ingest", threads, this::step, this::drain));
  }

  private boolean step(int t) {
    if (submitted.get() >= maxRecords) {
      return false;
    }
    long scheduled = System.nanoTime();
    if (intervalNanos > 0) {
      scheduled = start + (long) ((sent[t] + (double) t / threads) * intervalNanos);
      long wait = scheduled - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
        return true;
      }
    }
    SplittableRandom random = randoms[t];
    Submission s =
        Submission.of(
            objectIds[t],
            "application/json",
            bench.payload(random, sent[t]),
            System.currentTimeMillis(),
            random);
    if (submitted.incrementAndGet() > maxRecords) {
      return false; // another thread took the last one
    }
    Semaphore window = windows[t];
    window.acquireUninterruptibly();
    boolean measured = phase.counting();
    CompletableFuture<Record> f;
    try {
      f = ledger.record(s);
    } catch (NoValidBlockException e) {
      submitted.decrementAndGet();
      window.release();
      Thread.onSpinWait(); // between an invalid block and the next: wait
      return true;
    }
    sent[t]++;
    long sentAt = scheduled;
    f.whenComplete(
        (r, e) -> {
          if (e == null) {
            acknowledgedTotal.increment();
            phase.done.increment();
            if (measured) {
              latencyMicros.recordValue(Math.max(0, (System.nanoTime() - sentAt) / 1000));
            }
            if (ack != null) {
              ack.accept(1);
            }
          }
          window.release();
        });
    return true;
  }

  private void drain() {
    for (Semaphore w : windows) {
      w.acquireUninterruptibly(IngestBenchmark.IN_FLIGHT_PER_THREAD);
      w.release(IngestBenchmark.IN_FLIGHT_PER_THREAD);
    }
  }
}
