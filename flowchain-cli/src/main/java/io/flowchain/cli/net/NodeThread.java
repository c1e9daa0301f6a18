package io.flowchain.cli.net;

import io.flowchain.core.port.Cancellable;
import io.flowchain.core.port.Clock;
import io.flowchain.core.port.Scheduler;
import io.flowchain.core.port.SystemClock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's thread: a {@link Scheduler} on one daemon thread and the system clock that can also be
 * {@linkplain #halt() halted} the way a crash stops a process, with nothing of it running after.
 */
final class NodeThread implements Scheduler {
  private static final Logger LOG = LoggerFactory.getLogger(NodeThread.class);

  private final ScheduledExecutorService executor;

  NodeThread(String name) {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public Clock clock() {
    return SystemClock.INSTANCE;
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
    ScheduledFuture<?> f =
        executor.scheduleWithFixedDelay(
            guarded(task), Math.max(0, initialDelayMillis), periodMillis, TimeUnit.MILLISECONDS);
    return () -> f.cancel(false);
  }

  private Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (java.util.concurrent.RejectedExecutionException e) {
        if (!executor.isShutdown()) {
          LOG.warn("node task failed", e);
        } // else: halted while this task ran; what it wanted to schedule dies with the node
      } catch (RuntimeException | Error e) {
        LOG.warn("node task failed", e);
      }
    };
  }

  /** Runs nothing more and returns once the task that was running (if any) has ended. */
  void halt() {
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("a node task did not end within 30 s of the halt");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
