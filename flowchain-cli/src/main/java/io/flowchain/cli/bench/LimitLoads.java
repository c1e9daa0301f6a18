package io.flowchain.cli.bench;

import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.crypto.Signature;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.Submission;
import io.flowchain.core.types.Hash;
import io.flowchain.core.types.Key;
import io.flowchain.core.types.NodeId;
import io.flowchain.core.types.TxId;
import io.flowchain.store.rocksdb.RocksDbStore;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The two limits of the ingest path as {@link Phase}s, with the same number of threads as the
 * ingest: bare Ed25519 signing of messages of exactly the size the ingest signs, and bare
 * group-committed store writes of records built like the ingest's (same payloads and object ids;
 * random hashes and a dummy signature, nothing hashed or signed).
 */
final class LimitLoads {
  private LimitLoads() {}

  /** Signs record-sized messages on {@code threads} threads; counts signatures. */
  static Phase sign(IngestBenchmark bench, int threads) {
    Phase phase = new Phase();
    NodeKeyPair keys = NodeKeyPair.generate(new SplittableRandom(1));
    int size = bench.signingInputBytes();
    byte[][] messages = new byte[threads][size];
    long[] n = new long[threads];
    for (int t = 0; t < threads; t++) {
      new SplittableRandom(t).nextBytes(messages[t]);
    }
    phase.attach(
        new GatedWorkers(
            "sign-limit",
            threads,
            t -> {
              messages[t][0] = (byte) n[t]++;
              keys.sign(messages[t]);
              phase.done.increment();
              return true;
            },
            () -> {}));
    return phase;
  }

  /**
   * Puts records into {@code store} from {@code threads} threads, each keeping up to {@value
   * IngestBenchmark#IN_FLIGHT_PER_THREAD} in flight; counts records acknowledged (synced).
   */
  static Phase store(IngestBenchmark bench, int threads, RocksDbStore store) {
    Phase phase = new Phase();
    AtomicLong seq = new AtomicLong();
    NodeId recorder = NodeId.of(new byte[NodeId.SIZE]);
    Signature signature = Signature.of(new byte[Signature.SIZE]);
    Semaphore[] windows = new Semaphore[threads];
    SplittableRandom[] randoms = new SplittableRandom[threads];
    String[] objectIds = new String[threads];
    for (int t = 0; t < threads; t++) {
      windows[t] = new Semaphore(IngestBenchmark.IN_FLIGHT_PER_THREAD);
      randoms[t] = new SplittableRandom(100 + t);
      objectIds[t] = "sensor-" + t;
    }
    GatedWorkers.Step step =
        t -> {
          SplittableRandom random = randoms[t];
          long i = seq.incrementAndGet();
          byte[] h = new byte[Hash.SIZE];
          random.nextBytes(h);
          byte[] k = new byte[Key.SIZE];
          random.nextBytes(k);
          Submission s =
              Submission.of(
                  objectIds[t],
                  "application/json",
                  bench.payload(random, i),
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
                  signature);
          Semaphore window = windows[t];
          window.acquireUninterruptibly();
          store
              .putRecord(r)
              .whenComplete(
                  (v, e) -> {
                    if (e == null) {
                      phase.done.increment();
                    }
                    window.release();
                  });
          return true;
        };
    phase.attach(
        new GatedWorkers(
            "store-limit",
            threads,
            step,
            () -> {
              for (Semaphore w : windows) {
                w.acquireUninterruptibly(IngestBenchmark.IN_FLIGHT_PER_THREAD);
                w.release(IngestBenchmark.IN_FLIGHT_PER_THREAD);
              }
            }));
    return phase;
  }
}
