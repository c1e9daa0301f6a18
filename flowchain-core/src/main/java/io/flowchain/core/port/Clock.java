package io.flowchain.core.port;

/**
 * The source of time for all pure logic. Production code uses {@link SystemClock}; tests and the
 * simulator use {@link ManualScheduler}, whose virtual clock only moves when told to.
 *
 * <p>Implementations must be thread-safe and must never go backwards.
 */
@FunctionalInterface
public interface Clock {
  /** Milliseconds since the Unix epoch (UTC). */
  long nowMillis();
}
