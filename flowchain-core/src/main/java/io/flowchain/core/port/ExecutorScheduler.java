package io.flowchain.core.port;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link Scheduler} on a single daemon thread and the system clock. Close it to stop. */
public final class ExecutorScheduler implements Scheduler, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorScheduler.class);

  private final ScheduledExecutorService executor;
  private final Clock clock;

  /** A scheduler whose thread is called {@code threadName}. */
  public ExecutorScheduler(String threadName) {
    this.clock = SystemClock.INSTANCE;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, threadName);
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public Cancellable schedule(long delayMillis, Runnable task) {
    ScheduledFuture<?> f =
        executor.schedule(guarded(task), Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
    return () -> f.cancel(false);
  }

  @Override
  public Cancellable scheduleAtFixedRate(
      long initialDelayMillis, long periodMillis, Runnable task) {
    // fixed delay between runs: no bursts of catch-up runs after a stall
    ScheduledFuture<?> f =
        executor.scheduleWithFixedDelay(
            guarded(task), Math.max(0, initialDelayMillis), periodMillis, TimeUnit.MILLISECONDS);
    return () -> f.cancel(false);
  }

  private static Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException | Error e) {
        LOG.warn("scheduled task failed", e);
      }
    };
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
