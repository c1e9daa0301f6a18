package io.flowchain.dht;

/**
 * Counters kept by one node. Read them on the node's thread (or after the node stopped); they are
 * not synchronized. A {@link HopObserver} set with {@link #observeHops} follows route lengths from
 * any thread's point of view: it is called on the node's thread.
 */
public final class ChordStats {
  /** Follows the length of the routes that end here. Called on the node's thread; never blocks. */
  public interface HopObserver {
    /**
     * A routed message (MESSAGE) reached the end of its route here: this node hands it to the key's
     * owner (itself when alone) after {@code hops} hops from its origin.
     */
    void onRouted(int hops);

    /** A lookup this node started was answered after {@code hops} hops. */
    void onLookup(int hops);
  }

  private static final HopObserver NONE =
      new HopObserver() {
        @Override
        public void onRouted(int hops) {}

        @Override
        public void onLookup(int hops) {}
      };

  private volatile HopObserver hopObserver = NONE;

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

  /** Follows route lengths from now on ({@code null} stops following). Thread-safe. */
  public void observeHops(HopObserver observer) {
    this.hopObserver = observer == null ? NONE : observer;
  }

  void routed(int hops) {
    hopObserver.onRouted(hops);
  }

  void lookedUp(int hops) {
    hopObserver.onLookup(hops);
  }
}
