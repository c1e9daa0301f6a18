package io.flowchain.dht;

/**
 * Counters kept by one node. Read them on the node's thread (or after the node stopped); they are
 * not synchronized.
 */
public final class ChordStats {
  long messagesSent;
  long messagesReceived;
  long lookupsStarted;
  long lookupsTimedOut;
  long hopTimeouts;
  long successorFailures;
  long predecessorFailures;

  public long messagesSent() {
    return messagesSent;
  }

  public long messagesReceived() {
    return messagesReceived;
  }

  public long lookupsStarted() {
    return lookupsStarted;
  }

  /** Lookups started here that got no answer within the lookup timeout. */
  public long lookupsTimedOut() {
    return lookupsTimedOut;
  }

  /** Forwarded hops (lookups, routed messages, finger repairs) that went unacknowledged. */
  public long hopTimeouts() {
    return hopTimeouts;
  }

  /** Successors declared dead by TTL expiry. */
  public long successorFailures() {
    return successorFailures;
  }

  /** Predecessors declared dead by TTL expiry. */
  public long predecessorFailures() {
    return predecessorFailures;
  }
}
