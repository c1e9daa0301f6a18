package io.flowchain.wot.broker;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One {@link TokenBucket} per connection (a key the caller chooses: a TCP connection, a UDP peer
 * address). Buckets unused for a minute are dropped when the map grows past a bound, so a client
 * cannot make it grow without limit. Thread-safe.
 */
public final class RateLimits {
  private static final long IDLE_NANOS = 60_000_000_000L;
  private static final int SWEEP_ABOVE = 4096;

  private final double ratePerSecond;
  private final int burst;
  private final LongSupplier nanoClock;
  private final Map<Object, TokenBucket> buckets = new ConcurrentHashMap<>();

  public RateLimits(double ratePerSecond, int burst, LongSupplier nanoClock) {
    this.ratePerSecond = ratePerSecond;
    this.burst = burst;
    this.nanoClock = nanoClock;
  }

  /** Whether connection {@code key} may make one more request now. */
  public boolean tryAcquire(Object key) {
    if (buckets.size() > SWEEP_ABOVE) {
      long now = nanoClock.getAsLong();
      buckets.values().removeIf(b -> now - b.lastUsed() > IDLE_NANOS);
    }
    return buckets
        .computeIfAbsent(key, k -> new TokenBucket(ratePerSecond, burst, nanoClock))
        .tryAcquire();
  }

  /** Forgets connection {@code key} (it closed). */
  public void forget(Object key) {
    buckets.remove(key);
  }

  /** A bucket of its own for one connection (a WebSocket session). */
  public TokenBucket newBucket() {
    return new TokenBucket(ratePerSecond, burst, nanoClock);
  }
}
