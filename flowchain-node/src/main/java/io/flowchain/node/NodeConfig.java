package io.flowchain.node;

import java.util.function.Consumer;

/**
 * The data path's parameters. All durations in milliseconds (of the node's scheduler clock).
 *
 * @param replicas r, the number of copies of each record: the recorder's and one on each of its
 *     next r - 1 successors (default 3; at most the Chord successor list size)
 * @param ackPolicy when the recorder acknowledges (default {@link AckPolicy#RECORDER})
 * @param requestTimeoutMillis how long one attempt of a request waits for its answer (default 5 s)
 * @param maxAttempts unanswered attempts of a submission or a read before it fails (default 4).
 *     Retryable answers (NOT_OWNER while the ring is changing, BUSY) are retried with a growing
 *     delay until the request's deadline: {@code (maxAttempts + 1) × requestTimeoutMillis} after it
 *     started
 * @param retryBackoffMillis delay before retrying after a retryable failure, times the attempt
 *     number up to 8 (default 250 ms)
 * @param noValidBlockWaitMillis how long a recorder without a valid block keeps trying before it
 *     answers {@code Failure(NO_VALID_BLOCK)} (default 2 s)
 * @param maxPendingRequests requests this node may have in flight as a client; beyond, a request
 *     fails at once with {@code BUSY} (back-pressure; default 1024)
 * @param maxRecordsInFlight submissions the recorder may be recording (not yet durable) at once;
 *     beyond, it answers {@code Failure(BUSY)} (default 1024)
 * @param replicaAckTimeoutMillis how long the recorder waits for the replica confirmations its
 *     policy needs, and how long a batch of copies waits for its acknowledgement before it is sent
 *     again (default 2 s)
 * @param replicationResends how many times an unacknowledged batch of copies is sent again (default
 *     3)
 * @param maxBatchRecords most records in one batch of copies (default 256)
 * @param maxBatchBytes most record bytes in one batch of copies or one query page (default 1 MiB)
 * @param walkParallelism peers asked at once by a ring walk (get by txID, query; default 8)
 * @param walkMaxPeers most peers a ring walk asks (default 256)
 * @param joinAfterFirstBlock join the ring only once the miner has found the first valid block, so
 *     that keys never move to a node that cannot record them (default true)
 */
public record NodeConfig(
    int replicas,
    AckPolicy ackPolicy,
    long requestTimeoutMillis,
    int maxAttempts,
    long retryBackoffMillis,
    long noValidBlockWaitMillis,
    int maxPendingRequests,
    int maxRecordsInFlight,
    long replicaAckTimeoutMillis,
    int replicationResends,
    int maxBatchRecords,
    int maxBatchBytes,
    int walkParallelism,
    int walkMaxPeers,
    boolean joinAfterFirstBlock) {

  /**
   * A batch size whose messages fit a 256 KiB frame once base64-encoded inside a JSON frame (the
   * WebSocket binding's default limit): 160 KiB.
   */
  public static final int FRAME_SAFE_BATCH_BYTES = 160 * 1024;

  public NodeConfig {
    if (replicas < 1 || replicas > 64) {
      throw new IllegalArgumentException("replicas must be 1..64: " + replicas);
    }
    if (ackPolicy == null) {
      throw new IllegalArgumentException("ack policy missing");
    }
    positive(requestTimeoutMillis, "request timeout");
    positive(maxAttempts, "attempts");
    positive(retryBackoffMillis, "retry backoff");
    positive(noValidBlockWaitMillis, "no-valid-block wait");
    positive(maxPendingRequests, "pending requests");
    positive(maxRecordsInFlight, "records in flight");
    positive(replicaAckTimeoutMillis, "replica ack timeout");
    if (replicationResends < 0) {
      throw new IllegalArgumentException("replication resends must not be negative");
    }
    if (maxBatchRecords < 1 || maxBatchRecords > io.flowchain.node.message.Limits.MAX_RECORDS) {
      throw new IllegalArgumentException("batch records must be 1..4096: " + maxBatchRecords);
    }
    if (maxBatchBytes < 64 * 1024 + 1024 || maxBatchBytes > 8 << 20) {
      throw new IllegalArgumentException("batch bytes must be 65 KiB..8 MiB: " + maxBatchBytes);
    }
    positive(walkParallelism, "walk parallelism");
    positive(walkMaxPeers, "walk peers");
  }

  /** The defaults (see the parameters). */
  public static NodeConfig defaults() {
    return new NodeConfig(
        3,
        AckPolicy.RECORDER,
        5_000,
        4,
        250,
        2_000,
        1024,
        1024,
        2_000,
        3,
        256,
        1 << 20,
        8,
        256,
        true);
  }

  public NodeConfig withReplicas(int r) {
    return with(c -> c.replicas = r);
  }

  public NodeConfig withAckPolicy(AckPolicy policy) {
    return with(c -> c.ackPolicy = policy);
  }

  public NodeConfig withRequestTimeout(long millis, int attempts) {
    return with(
        c -> {
          c.requestTimeoutMillis = millis;
          c.maxAttempts = attempts;
        });
  }

  public NodeConfig withNoValidBlockWait(long millis) {
    return with(c -> c.noValidBlockWaitMillis = millis);
  }

  public NodeConfig withLimits(int pendingRequests, int recordsInFlight) {
    return with(
        c -> {
          c.maxPendingRequests = pendingRequests;
          c.maxRecordsInFlight = recordsInFlight;
        });
  }

  public NodeConfig withJoinAfterFirstBlock(boolean wait) {
    return with(c -> c.joinAfterFirstBlock = wait);
  }

  /**
   * Batches of copies and query pages of at most {@code records} records and about {@code bytes}
   * bytes. Over a transport with a frame limit (WebSocket: 256 KiB by default, base64 inside JSON),
   * keep {@code bytes} well below the limit; {@link #FRAME_SAFE_BATCH_BYTES} fits the default.
   */
  public NodeConfig withBatchLimits(int records, int bytes) {
    return with(
        c -> {
          c.maxBatchRecords = records;
          c.maxBatchBytes = bytes;
        });
  }

  /** This config with what {@code change} sets changed (and checked again). */
  private NodeConfig with(Consumer<Draft> change) {
    Draft d = new Draft(this);
    change.accept(d);
    return d.build();
  }

  /** The fields of a config being changed by a wither. */
  private static final class Draft {
    int replicas;
    AckPolicy ackPolicy;
    long requestTimeoutMillis;
    int maxAttempts;
    long retryBackoffMillis;
    long noValidBlockWaitMillis;
    int maxPendingRequests;
    int maxRecordsInFlight;
    long replicaAckTimeoutMillis;
    int replicationResends;
    int maxBatchRecords;
    int maxBatchBytes;
    int walkParallelism;
    int walkMaxPeers;
    boolean joinAfterFirstBlock;

    Draft(NodeConfig c) {
      replicas = c.replicas;
      ackPolicy = c.ackPolicy;
      requestTimeoutMillis = c.requestTimeoutMillis;
      maxAttempts = c.maxAttempts;
      retryBackoffMillis = c.retryBackoffMillis;
      noValidBlockWaitMillis = c.noValidBlockWaitMillis;
      maxPendingRequests = c.maxPendingRequests;
      maxRecordsInFlight = c.maxRecordsInFlight;
      replicaAckTimeoutMillis = c.replicaAckTimeoutMillis;
      replicationResends = c.replicationResends;
      maxBatchRecords = c.maxBatchRecords;
      maxBatchBytes = c.maxBatchBytes;
      walkParallelism = c.walkParallelism;
      walkMaxPeers = c.walkMaxPeers;
      joinAfterFirstBlock = c.joinAfterFirstBlock;
    }

    NodeConfig build() {
      return new NodeConfig(
          replicas,
          ackPolicy,
          requestTimeoutMillis,
          maxAttempts,
          retryBackoffMillis,
          noValidBlockWaitMillis,
          maxPendingRequests,
          maxRecordsInFlight,
          replicaAckTimeoutMillis,
          replicationResends,
          maxBatchRecords,
          maxBatchBytes,
          walkParallelism,
          walkMaxPeers,
          joinAfterFirstBlock);
    }
  }

  private static void positive(long v, String what) {
    if (v <= 0) {
      throw new IllegalArgumentException(what + " must be positive: " + v);
    }
  }
}
