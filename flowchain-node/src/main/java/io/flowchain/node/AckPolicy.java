package io.flowchain.node;

/**
 * When the recorder N' acknowledges a submission (sends the {@code Receipt}). Every policy waits
 * for the record to be durable in N's branch first; they differ in how many replicas must confirm
 * their copy as durable too. With r copies in all (the recorder and its next r - 1 successors):
 *
 * <ul>
 *   <li>{@link #RECORDER}: none. The receipt follows the recorder's own commit, once the copies are
 *       handed to the transport. Lowest latency; an acknowledged record is lost only if the
 *       recorder's disk is lost before a replica received it.
 *   <li>{@link #MAJORITY}: floor(r / 2) replicas, so a majority of the r copies is durable.
 *   <li>{@link #ALL}: all r - 1 replicas.
 * </ul>
 *
 * When the ring has fewer members than r, the recorder waits for as many replicas as it has. If the
 * replicas do not confirm within the node's replica-ack timeout, the recorder answers with {@code
 * Failure(REPLICATION_TIMEOUT)}: the record stays in its branch, and a resubmission of the same
 * submission returns it (and tries the replicas again).
 */
public enum AckPolicy {
  RECORDER,
  MAJORITY,
  ALL;

  /** How many replica confirmations this policy needs with {@code r} copies in all. */
  public int replicaAcksNeeded(int r) {
    return switch (this) {
      case RECORDER -> 0;
      case MAJORITY -> r / 2;
      case ALL -> r - 1;
    };
  }
}
