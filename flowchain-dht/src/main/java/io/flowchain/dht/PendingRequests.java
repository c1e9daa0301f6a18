package io.flowchain.dht;

import io.flowchain.core.port.Cancellable;
import io.flowchain.core.port.Scheduler;
import java.util.HashMap;
import java.util.Map;

/**
 * Requests waiting for an answer, by request id, each with a timeout. Not thread-safe: used on the
 * node's thread only.
 */
final class PendingRequests {
  /** What to do when a request is answered or times out. */
  interface Pending {
    /** The peer the request went to; only its answer settles the request. */
    Peer to();

    void onTimeout();
  }

  private record Entry(Pending pending, Cancellable timer) {}

  private final Scheduler scheduler;
  private final Map<Long, Entry> entries = new HashMap<>();

  PendingRequests(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  void add(long id, long timeoutMillis, Pending pending) {
    Cancellable timer =
        scheduler.schedule(
            timeoutMillis,
            () -> {
              Entry e = entries.remove(id);
              if (e != null) {
                e.pending.onTimeout();
              }
            });
    entries.put(id, new Entry(pending, timer));
  }

  /** Settles request {@code id} if {@code from} is the peer it went to; returns it, or null. */
  Pending settle(long id, Peer from) {
    Entry e = entries.get(id);
    if (e == null || !e.pending.to().equals(from)) {
      return null;
    }
    entries.remove(id);
    e.timer.cancel();
    return e.pending;
  }

  /** Drops every request without running its timeout. */
  void clear() {
    for (Entry e : entries.values()) {
      e.timer.cancel();
    }
    entries.clear();
  }

  int size() {
    return entries.size();
  }
}
