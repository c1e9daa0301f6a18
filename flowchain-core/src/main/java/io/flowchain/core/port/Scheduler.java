package io.flowchain.core.port;

/**
 * Runs tasks later. Pure logic (miner, Chord timers) schedules through this port so that the same
 * code runs on a thread pool ({@link ExecutorScheduler}) or in virtual time ({@link
 * ManualScheduler}).
 *
 * <p>Implementations are thread-safe. Tasks must not block; a task that throws is logged by the
 * implementation and, for periodic tasks, keeps its schedule.
 */
public interface Scheduler {
  /** The clock that this scheduler's delays are measured against. */
  Clock clock();

  /** Runs {@code task} once, {@code delayMillis} from now (0 = as soon as possible). */
  Cancellable schedule(long delayMillis, Runnable task);

  /**
   * Runs {@code task} every {@code periodMillis}, the first time after {@code initialDelayMillis}.
   * Runs never overlap; a late run does not cause a burst of catch-up runs.
   */
  Cancellable scheduleAtFixedRate(long initialDelayMillis, long periodMillis, Runnable task);
}
