package io.flowchain.sim;

import io.flowchain.core.port.Cancellable;
import io.flowchain.core.port.Clock;
import io.flowchain.core.port.Scheduler;

/**
 * One simulated node's {@link Scheduler} on the shared {@link EventLoop}. Halting it (the node
 * crashed) silences every task it scheduled. Single-threaded, like the loop.
 */
public final class NodeScheduler implements Scheduler {
  private final EventLoop loop;
  private final Clock clock;
  private boolean halted;

  /** A scheduler on {@code loop} whose clock reads {@code epochMillis} at virtual time 0. */
  public NodeScheduler(EventLoop loop, long epochMillis) {
    this.loop = loop;
    this.clock = () -> epochMillis + loop.now();
  }

  /** Silences every task scheduled here, now and later (the node crashed). */
  public void halt() {
    halted = true;
  }

  public boolean halted() {
    return halted;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public Cancellable schedule(long delayMillis, Runnable task) {
    EventLoop.Event e =
        loop.schedule(
            Math.max(0, delayMillis),
            () -> {
              if (!halted) {
                task.run();
              }
            });
    return e::cancel;
  }

  @Override
  public Cancellable scheduleAtFixedRate(
      long initialDelayMillis, long periodMillis, Runnable task) {
    if (periodMillis <= 0) {
      throw new IllegalArgumentException("period must be positive: " + periodMillis);
    }
    Periodic p = new Periodic(periodMillis, task);
    p.next = loop.schedule(Math.max(0, initialDelayMillis), p);
    return p;
  }

  private final class Periodic implements Runnable, Cancellable {
    private final long period;
    private final Runnable task;
    private EventLoop.Event next;
    private boolean cancelled;

    Periodic(long period, Runnable task) {
      this.period = period;
      this.task = task;
    }

    @Override
    public void run() {
      if (cancelled || halted) {
        return;
      }
      next = loop.schedule(period, this);
      task.run();
    }

    @Override
    public void cancel() {
      cancelled = true;
      if (next != null) {
        next.cancel();
      }
    }
  }
}
