package io.flowchain.core.port;

import java.util.PriorityQueue;

/**
 * A deterministic scheduler and clock in virtual time, for tests and simulations. Time moves only
 * through {@link #advance(long)} or {@link #runUntilIdle(long)}; tasks due at the same instant run
 * in the order they were scheduled. Not thread-safe: drive it from one thread.
 */
public final class ManualScheduler implements Scheduler, Clock {
  private final PriorityQueue<Task> queue =
      new PriorityQueue<>(
          (a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
  private long now;
  private long seq;

  /** Starts the virtual clock at {@code startMillis}. */
  public ManualScheduler(long startMillis) {
    this.now = startMillis;
  }

  @Override
  public Clock clock() {
    return this;
  }

  @Override
  public long nowMillis() {
    return now;
  }

  @Override
  public Cancellable schedule(long delayMillis, Runnable task) {
    return enqueue(delayMillis, 0, task);
  }

  @Override
  public Cancellable scheduleAtFixedRate(
      long initialDelayMillis, long periodMillis, Runnable task) {
    if (periodMillis <= 0) {
      throw new IllegalArgumentException("period must be positive: " + periodMillis);
    }
    return enqueue(initialDelayMillis, periodMillis, task);
  }

  private Task enqueue(long delayMillis, long period, Runnable runnable) {
    if (delayMillis < 0) {
      throw new IllegalArgumentException("delay must not be negative: " + delayMillis);
    }
    Task task = new Task(now + delayMillis, seq++, period, runnable);
    queue.add(task);
    return task;
  }

  /** Moves the clock forward by {@code millis}, running every task that falls due on the way. */
  public void advance(long millis) {
    if (millis < 0) {
      throw new IllegalArgumentException("cannot go back in time: " + millis);
    }
    long target = now + millis;
    while (!queue.isEmpty() && queue.peek().due <= target) {
      runNext();
    }
    now = target;
  }

  /**
   * Runs tasks in time order until none is left or the clock would pass {@code limitMillis} from
   * now. Returns the number of tasks run.
   */
  public int runUntilIdle(long limitMillis) {
    long target = now + limitMillis;
    int ran = 0;
    while (!queue.isEmpty() && queue.peek().due <= target) {
      runNext();
      ran++;
    }
    return ran;
  }

  /** Number of tasks waiting (including periodic ones). */
  public int pending() {
    return queue.size();
  }

  private void runNext() {
    Task task = queue.poll();
    now = Math.max(now, task.due);
    if (task.cancelled) {
      return;
    }
    if (task.period > 0) {
      task.due = now + task.period;
      task.seq = seq++;
      queue.add(task);
    }
    task.runnable.run();
  }

  private static final class Task implements Cancellable {
    private long due;
    private long seq;
    private final long period;
    private final Runnable runnable;
    private boolean cancelled;

    Task(long due, long seq, long period, Runnable runnable) {
      this.due = due;
      this.seq = seq;
      this.period = period;
      this.runnable = runnable;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }
}
