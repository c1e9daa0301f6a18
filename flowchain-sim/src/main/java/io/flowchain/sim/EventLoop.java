package io.flowchain.sim;

import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/**
 * The simulator's virtual clock and event queue. Events run in order of due time; events due at the
 * same millisecond run in the order they were scheduled, so a run is a pure function of its inputs
 * and seed. Single-threaded.
 *
 * <p>The queue is a calendar: one FIFO bucket per millisecond for the next {@value #WINDOW} ms
 * (insert and remove in constant time, whatever the number of pending events), and a heap for
 * events further away, moved into their bucket as the clock approaches them.
 */
public final class EventLoop {
  static final int WINDOW = 1 << 14;

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

  @SuppressWarnings("unchecked")
  private final ArrayDeque<Event>[] buckets = new ArrayDeque[WINDOW];

  private final PriorityQueue<Event> far =
      new PriorityQueue<>(
          (a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
  private long now;
  private long seq;
  private long processed;
  private int pending;

  /** Virtual milliseconds since the start of the simulation. */
  public long now() {
    return now;
  }

  /** Events run so far (cancelled ones not counted). */
  public long eventsProcessed() {
    return processed;
  }

  /** Events waiting, cancelled ones included. */
  public int pending() {
    return pending;
  }

  /** Runs {@code action} {@code delayMillis} from now (0 = after the events already due now). */
  public Event schedule(long delayMillis, Runnable action) {
    if (delayMillis < 0) {
      throw new IllegalArgumentException("delay must not be negative: " + delayMillis);
    }
    Event e = new Event(now + delayMillis, seq++, action);
    pending++;
    if (delayMillis < WINDOW) {
      bucket(e.due).addLast(e);
    } else {
      far.add(e);
    }
    return e;
  }

  private ArrayDeque<Event> bucket(long due) {
    int i = (int) (due & (WINDOW - 1));
    ArrayDeque<Event> b = buckets[i];
    if (b == null) {
      b = new ArrayDeque<>();
      buckets[i] = b;
    }
    return b;
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
    while (now <= time) {
      pullNear();
      ArrayDeque<Event> b = buckets[(int) (now & (WINDOW - 1))];
      while (b != null && !b.isEmpty()) {
        Event e = b.pollFirst();
        pending--;
        if (e.cancelled) {
          continue;
        }
        processed++;
        e.action.run();
        if (done.getAsBoolean()) {
          return true;
        }
      }
      if (now == time) {
        break;
      }
      now = pending == 0 ? time : now + 1;
    }
    return false;
  }

  /** Moves the far events that now fall inside the window into their buckets. */
  private void pullNear() {
    while (!far.isEmpty() && far.peek().due < now + WINDOW) {
      Event e = far.poll();
      bucket(e.due).addLast(e);
    }
  }

  /** Runs for {@code millis} of virtual time. */
  public void runFor(long millis) {
    runUntil(now + millis);
  }
}
