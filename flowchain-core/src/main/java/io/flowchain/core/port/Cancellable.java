package io.flowchain.core.port;

/** A handle to a scheduled task. */
@FunctionalInterface
public interface Cancellable {
  /** Cancels the task; a task already running finishes. Idempotent. */
  void cancel();
}
