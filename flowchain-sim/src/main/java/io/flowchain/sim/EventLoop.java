package io.flowchain.sim;

import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/**
 * The simulator's virtual clock and event queue. Events run in order of due time; events due at the
 * same millisecond run in the order they were scheduled, so a run is a pure function of its inputs
 * and seed. Single-threaded.
 */
public final class EventLoop {
  /** A scheduled event; cancel it to skip it. */
  public static final class Event {
    final long due;
    final long seq;
    final Runnable action;
    boolean cancelled;

    Event(long due, long seq, Runnable action) {
      this.due = due;
      this.seq = seq;
      this.action = action;
    }

    public void cancel() {
      cancelled = true;
    }

    public long due() {
      return due;
    }
  }

  private final PriorityQueue<Event> queue =
      new PriorityQueue<>(
          1 << 16,
          (a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
  private long now;
  private long seq;
  private long processed;

  /** Virtual milliseconds since the start of the simulation. */
  public long now() {
    return now;
  }

  /** Events run so far (cancelled ones not counted). */
  public long eventsProcessed() {
    return processed;
  }

  public int pending() {
    return queue.size();
  }

  /** Runs {@code action} {@code delayMillis} from now (0 = after the events already due now). */
  public Event schedule(long delayMillis, Runnable action) {
    if (delayMillis < 0) {
      throw new IllegalArgumentException("delay must not be negative: " + delayMillis);
    }
    Event e = new Event(now + delayMillis, seq++, action);
    queue.add(e);
    return e;
  }

  /** Runs every event due up to {@code time} and leaves the clock at {@code time}. */
  public void runUntil(long time) {
    runUntil(time, () -> false);
  }

  /**
   * Runs events due up to {@code time}, checking {@code done} after each one; stops early (clock at
   * the last event) as soon as it holds. Returns whether it held.
   */
  public boolean runUntil(long time, BooleanSupplier done) {
    if (done.getAsBoolean()) {
      return true;
    }
    while (!queue.isEmpty() && queue.peek().due <= time) {
      Event e = queue.poll();
      now = e.due;
      if (e.cancelled) {
        continue;
      }
      processed++;
      e.action.run();
      if (done.getAsBoolean()) {
        return true;
      }
    }
    now = Math.max(now, time);
    return false;
  }

  /** Runs for {@code millis} of virtual time. */
  public void runFor(long millis) {
    runUntil(now + millis);
  }
}
