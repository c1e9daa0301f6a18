package io.flowchain.dht;

/**
 * The protocol's parameters. All durations in milliseconds.
 *
 * @param successorListSize r, the length of the successor list (the ring survives r - 1
 *     simultaneous neighbour failures); also the replica set size the node reports
 * @param stabilizeIntervalMillis period of stabilization (NOTIFY_STABILIZE to the successor)
 * @param fixFingersIntervalMillis period of finger repair (one finger lookup per period)
 * @param checkIntervalMillis period of the CHECK_SUCCESSOR / CHECK_PREDECESSOR probes
 * @param ttlMillis a successor or predecessor not heard from for this long is declared dead
 * @param rpcTimeoutMillis how long a request (a lookup hop, a join step) waits for its answer
 * @param lookupTimeoutMillis how long the origin of a lookup waits for the answer
 * @param joinRetryMillis delay before a join whose request went unanswered is tried again
 * @param rejoinProbeIntervalMillis period of the probe of one recently failed peer, which merges
 *     rings that a partition split apart
 */
public record ChordConfig(
    int successorListSize,
    long stabilizeIntervalMillis,
    long fixFingersIntervalMillis,
    long checkIntervalMillis,
    long ttlMillis,
    long rpcTimeoutMillis,
    long lookupTimeoutMillis,
    long joinRetryMillis,
    long rejoinProbeIntervalMillis) {

  public ChordConfig {
    if (successorListSize < 1 || successorListSize > 64) {
      throw new IllegalArgumentException(
          "successor list size must be in [1, 64]: " + successorListSize);
    }
    positive(stabilizeIntervalMillis, "stabilize interval");
    positive(fixFingersIntervalMillis, "fix-fingers interval");
    positive(checkIntervalMillis, "check interval");
    positive(ttlMillis, "TTL");
    positive(rpcTimeoutMillis, "RPC timeout");
    positive(lookupTimeoutMillis, "lookup timeout");
    positive(joinRetryMillis, "join retry delay");
    positive(rejoinProbeIntervalMillis, "rejoin probe interval");
    if (ttlMillis <= checkIntervalMillis) {
      throw new IllegalArgumentException(
          "TTL (" + ttlMillis + " ms) must be longer than the check interval");
    }
  }

  /**
   * The defaults: r = 8, stabilize, fix fingers and check every second, TTL 1.5 s (a dead neighbour
   * is declared when its TTL runs out, 1.5 s after it was last heard from), RPC timeout 0.5 s,
   * lookup timeout 5 s.
   */
  public static ChordConfig defaults() {
    return new ChordConfig(8, 1_000, 1_000, 1_000, 1_500, 500, 5_000, 1_000, 5_000);
  }

  public ChordConfig withSuccessorListSize(int r) {
    return new ChordConfig(
        r,
        stabilizeIntervalMillis,
        fixFingersIntervalMillis,
        checkIntervalMillis,
        ttlMillis,
        rpcTimeoutMillis,
        lookupTimeoutMillis,
        joinRetryMillis,
        rejoinProbeIntervalMillis);
  }

  private static void positive(long value, String what) {
    if (value <= 0) {
      throw new IllegalArgumentException(what + " must be positive: " + value);
    }
  }
}
