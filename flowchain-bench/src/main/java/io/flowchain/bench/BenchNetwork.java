package io.flowchain.bench;

import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.ledger.Ledger;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.ledger.Submission;
import io.flowchain.core.ledger.ValidBlockPolicy;
import io.flowchain.core.port.ManualScheduler;
import io.flowchain.core.store.InMemoryStore;
import io.flowchain.core.types.Bytes;
import io.flowchain.core.types.Difficulty;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Shared set-up for the benchmarks: one-node networks in virtual time, a fixed key and typical
 * sensor readings. Nothing here is measured.
 */
final class BenchNetwork {
  /** Virtual start time of every benchmark ledger. */
  static final long START = 1_700_000_000_000L;

  /** A target no hash is expected to meet (2^-64 per attempt): every mining tick misses. */
  static final Difficulty NEVER_HITS = Difficulty.leadingZeroBits(64);

  private BenchNetwork() {}

  /** A network whose only difficulty is met by every hash: every mining attempt finds a block. */
  static NetworkParams easyNetwork() {
    return new NetworkParams("bench-net", START - 1000, List.of(Difficulty.EASIEST), List.of());
  }

  /** A network whose only difficulty is {@link #NEVER_HITS}. */
  static NetworkParams hardNetwork() {
    return new NetworkParams("bench-net", START - 1000, List.of(NEVER_HITS), List.of());
  }

  /** The node key of every benchmark ledger (seeded, so runs are repeatable). */
  static NodeKeyPair keys() {
    return NodeKeyPair.generate(new SplittableRandom(42));
  }

  /** A fresh MRU ledger on an empty {@link InMemoryStore}, at the virtual time of {@code clock}. */
  static Ledger openLedger(NetworkParams params, ManualScheduler clock) {
    return Ledger.open(params, keys(), new InMemoryStore(), clock, ValidBlockPolicy.mru());
  }

  /**
   * Mines the next block of a ledger on {@link #easyNetwork()} (one attempt always hits), so the
   * ledger has a valid block to record into.
   */
  static void mineEasyBlock(Ledger ledger, long timestamp) {
    ledger.tryMine(timestamp, Difficulty.EASIEST, 0, 1).orElseThrow();
  }

  /** The object id of sensor {@code i}. */
  static String sensorId(int i) {
    return String.format(Locale.ROOT, "greenhouse-%02d.temp", i);
  }

  /**
   * A typical sensor reading: a JSON object of about 100 bytes (temperature, humidity, battery,
   * time).
   */
  static Bytes reading(int i) {
    double temperature = 18 + (i % 97) * 0.11;
    double humidity = 40 + (i % 53) * 0.7;
    String json =
        String.format(
            Locale.ROOT,
            "{\"device\":\"%s\",\"temperature\":%.2f,\"humidity\":%.1f,\"battery\":%d,\"ts\":%d}",
            sensorId(i % 16),
            temperature,
            humidity,
            3300 + i % 900,
            START + i);
    return Bytes.utf8(json);
  }

  /** A submission of reading {@code i} with a fresh salt. */
  static Submission submission(int i, long timestamp, RandomGenerator random) {
    return Submission.of(sensorId(i % 16), "application/json", reading(i), timestamp, random);
  }
}
