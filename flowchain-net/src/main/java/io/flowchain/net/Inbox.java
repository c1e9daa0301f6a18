package io.flowchain.net;

import io.flowchain.core.port.Scheduler;
import io.flowchain.dht.Peer;
import io.flowchain.dht.Transport.Receiver;
import io.flowchain.dht.message.ChordMessage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands authenticated incoming messages to the node's scheduler, so that the node runs them one at
 * a time on its own thread, in the order they arrived. Messages that arrive while the node is busy
 * wait in a queue that one task on the scheduler drains, up to {@link #BURST} messages or {@link
 * #BURST_NANOS} per task, so a burst costs a few tasks rather than one per message. At most {@code
 * capacity} messages wait at once; beyond that they are dropped and counted (Chord tolerates loss;
 * memory stays bounded).
 */
final class Inbox {
  /**
   * The most messages one task runs before it lets the node's other tasks (timers) go first; it
   * stops sooner once it has run for {@link #BURST_NANOS} (hand-off batches are heavy).
   */
  static final int BURST = 64;

  static final long BURST_NANOS = 2_000_000;

  private record Delivery(Peer from, ChordMessage message) {}

  private final Scheduler scheduler;
  private final int capacity;
  private final TransportStats stats;
  private final AtomicInteger pending = new AtomicInteger();
  private final ConcurrentLinkedQueue<Delivery> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
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
    if (receiver == null || pending.incrementAndGet() > capacity) {
      if (receiver != null) {
        pending.decrementAndGet();
      }
      stats.droppedInbound.incrementAndGet();
      return false;
    }
    stats.received.incrementAndGet();
    queue.add(new Delivery(from, message));
    scheduleDrain();
    return true;
  }

  private void scheduleDrain() {
    if (drainScheduled.compareAndSet(false, true)) {
      try {
        scheduler.schedule(0, this::drain);
      } catch (RuntimeException e) {
        // the scheduler is shut down: the node is gone
        int lost = 0;
        while (queue.poll() != null) {
          lost++;
        }
        pending.addAndGet(-lost);
        stats.droppedInbound.addAndGet(lost);
      }
    }
  }

  private void drain() {
    drainScheduled.set(false);
    Receiver r = receiver;
    long until = System.nanoTime() + BURST_NANOS;
    try {
      for (int n = 0; n < BURST && (n == 0 || System.nanoTime() - until < 0); n++) {
        Delivery d = queue.poll();
        if (d == null) {
          break;
        }
        try {
          r.receive(d.from(), d.message());
        } finally {
          pending.decrementAndGet();
        }
      }
    } finally {
      if (!queue.isEmpty()) {
        scheduleDrain();
      }
    }
  }

  /** Messages handed over but not yet run. */
  int pending() {
    return pending.get();
  }
}
