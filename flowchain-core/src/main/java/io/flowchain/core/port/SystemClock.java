package io.flowchain.core.port;

/** The wall clock, made monotonic: it never returns a value smaller than one it returned before. */
public final class SystemClock implements Clock {
  public static final SystemClock INSTANCE = new SystemClock();

  private long last;

  private SystemClock() {}

  @Override
  public synchronized long nowMillis() {
    last = Math.max(last, System.currentTimeMillis());
    return last;
  }
}
