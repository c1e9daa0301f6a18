package io.flowchain.bench;

import io.flowchain.core.ledger.Ledger;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.Submission;
import io.flowchain.core.port.ManualScheduler;
import io.flowchain.core.types.Bytes;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * {@link Ledger#record}: data key, txID, signing input, Ed25519 signature, and indexing in an
 * {@link io.flowchain.core.store.InMemoryStore}. Every call records a new reading into the one open
 * block; the ledger and its store start empty again at each iteration so the store's size stays
 * bounded.
 *
 * <p>Each call also builds its {@link Submission} (salt and validation); {@link #newSubmission}
 * measures that part alone.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LedgerRecordBenchmark {

  /** The ledger, shared by the benchmark's threads. */
  @State(Scope.Benchmark)
  public static class LedgerState {
    ManualScheduler clock;
    Ledger ledger;

    @Setup(Level.Iteration)
    public void open() {
      clock = new ManualScheduler(BenchNetwork.START);
      ledger = BenchNetwork.openLedger(BenchNetwork.easyNetwork(), clock);
      BenchNetwork.mineEasyBlock(ledger, clock.nowMillis());
    }
  }

  /** Each thread's own readings and salts. */
  @State(Scope.Thread)
  public static class Source {
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final int READINGS = 64;

    private final SplittableRandom random = new SplittableRandom(THREADS.incrementAndGet());
    private final Bytes[] payloads = new Bytes[READINGS];
    private int next;

    @Setup
    public void prepare() {
      for (int i = 0; i < READINGS; i++) {
        payloads[i] = BenchNetwork.reading(i);
      }
    }

    Submission next() {
      int i = next++;
      return Submission.of(
          BenchNetwork.sensorId(i & 15),
          "application/json",
          payloads[i & (READINGS - 1)],
          BenchNetwork.START + i,
          random);
    }
  }

  /** Building a submission alone: the part of {@link #record} that is not the ledger's. */
  @Benchmark
  public Submission newSubmission(Source source) {
    return source.next();
  }

  @Benchmark
  public Record record(LedgerState state, Source source) {
    return state.ledger.record(source.next()).join();
  }

  /** Two threads recording into the same ledger: signing happens outside the ledger's lock. */
  @Benchmark
  @Threads(2)
  public Record recordTwoThreads(LedgerState state, Source source) {
    return state.ledger.record(source.next()).join();
  }
}
