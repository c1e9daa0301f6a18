package io.flowchain.net;

import io.flowchain.core.port.Scheduler;
import io.flowchain.dht.Peer;
import io.flowchain.dht.Transport.Receiver;
import io.flowchain.dht.message.ChordMessage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands authenticated incoming messages to the node's scheduler, one task per message, so that the
 * node runs them one at a time on its own thread. At most {@code capacity} messages wait at once;
 * beyond that they are dropped and counted (Chord tolerates loss; memory stays bounded).
 */
final class Inbox {
  private final Scheduler scheduler;
  private final int capacity;
  private final TransportStats stats;
  private final AtomicInteger pending = new AtomicInteger();
  private volatile Receiver receiver;

  Inbox(Scheduler scheduler, int capacity, TransportStats stats) {
    this.scheduler = scheduler;
    this.capacity = capacity;
    this.stats = stats;
  }

  void setReceiver(Receiver receiver) {
    this.receiver = receiver;
  }

  /** Queues {@code message} for the node; false if dropped. */
  boolean deliver(Peer from, ChordMessage message) {
    Receiver r = receiver;
    if (r == null || pending.incrementAndGet() > capacity) {
      if (r != null) {
        pending.decrementAndGet();
      }
      stats.droppedInbound.incrementAndGet();
      return false;
    }
    stats.received.incrementAndGet();
    try {
      scheduler.schedule(
          0,
          () -> {
            try {
              r.receive(from, message);
            } finally {
              pending.decrementAndGet();
            }
          });
    } catch (RuntimeException e) {
      // the scheduler is shut down: the node is gone
      pending.decrementAndGet();
      stats.droppedInbound.incrementAndGet();
      return false;
    }
    return true;
  }

  /** Messages handed over but not yet run. */
  int pending() {
    return pending.get();
  }
}
