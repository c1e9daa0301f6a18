package io.flowchain.sim;

import io.flowchain.dht.ChordConfig;

/**
 * The inputs of a simulation besides its schedule of events.
 *
 * @param seed the single source of randomness: same seed, same run
 * @param chord the protocol parameters of every node
 * @param latency one-way message delays
 * @param lossRate probability that a message is lost
 * @param replicas copies of each key kept by the key store (owner included)
 */
public record SimConfig(
    long seed, ChordConfig chord, LatencyModel latency, double lossRate, int replicas) {
  public SimConfig {
    if (chord == null || latency == null) {
      throw new IllegalArgumentException("protocol parameters and latency model are required");
    }
    if (!(lossRate >= 0 && lossRate < 1)) {
      throw new IllegalArgumentException("loss rate must be in [0, 1): " + lossRate);
    }
    if (replicas < 1 || replicas > chord.successorListSize()) {
      throw new IllegalArgumentException(
          "replicas must be in [1, successor list size " + chord.successorListSize() + "]");
    }
  }

  /**
   * Default protocol parameters, per-link latency between 10 and 90 ms plus up to 10 ms of jitter,
   * no loss, 3 copies of each key.
   */
  public static SimConfig defaults(long seed) {
    return new SimConfig(
        seed, ChordConfig.defaults(), LatencyModel.perLink(10, 90, 10, seed), 0.0, 3);
  }

  public SimConfig withChord(ChordConfig c) {
    return new SimConfig(seed, c, latency, lossRate, Math.min(replicas, c.successorListSize()));
  }

  public SimConfig withLatency(LatencyModel l) {
    return new SimConfig(seed, chord, l, lossRate, replicas);
  }

  public SimConfig withLossRate(double rate) {
    return new SimConfig(seed, chord, latency, rate, replicas);
  }

  public SimConfig withReplicas(int r) {
    ChordConfig c = r > chord.successorListSize() ? chord.withSuccessorListSize(r) : chord;
    return new SimConfig(seed, c, latency, lossRate, r);
  }
}
