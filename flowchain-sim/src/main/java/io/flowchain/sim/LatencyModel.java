package io.flowchain.sim;

import io.flowchain.dht.Peer;
import java.util.random.RandomGenerator;

/** One-way message delay between two simulated nodes, in virtual milliseconds. */
@FunctionalInterface
public interface LatencyModel {
  /** The delay of one message from {@code from} to {@code to}; at least 0. */
  long sample(Peer from, Peer to, RandomGenerator random);

  /** The same delay for every message. */
  static LatencyModel fixed(long millis) {
    if (millis < 0) {
      throw new IllegalArgumentException("latency must not be negative: " + millis);
    }
    return (from, to, random) -> millis;
  }

  /** A delay drawn uniformly from {@code [min, max]} for every message. */
  static LatencyModel uniform(long min, long max) {
    if (min < 0 || max < min) {
      throw new IllegalArgumentException("need 0 <= min <= max, got " + min + ", " + max);
    }
    return (from, to, random) -> min + random.nextLong(max - min + 1);
  }

  /**
   * Each link has its own base delay in {@code [min, max]}, fixed for the whole run (derived from
   * the two addresses and {@code salt}), plus a uniform jitter in {@code [0, jitter]} per message.
   */
  static LatencyModel perLink(long min, long max, long jitter, long salt) {
    if (min < 0 || max < min || jitter < 0) {
      throw new IllegalArgumentException(
          "need 0 <= min <= max and jitter >= 0, got " + min + ", " + max + ", " + jitter);
    }
    long span = max - min + 1;
    return (from, to, random) -> {
      long h = salt;
      h = mix(h ^ from.address().hashCode());
      h = mix(h ^ to.address().hashCode());
      long base = min + Math.floorMod(h, span);
      return base + (jitter == 0 ? 0 : random.nextLong(jitter + 1));
    };
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
