package io.flowchain.core.mining;

import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.Ledger;
import io.flowchain.core.port.Cancellable;
import io.flowchain.core.port.Scheduler;
import io.flowchain.core.types.Difficulty;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The virtual miner (paper §3.2): on every scheduler tick it makes a fixed number of hash attempts
 * at the next block of its ledger, so a node's block rate depends on its difficulty, not on its
 * hardware. The difficulty of each block is drawn once, when mining of that block starts.
 *
 * <p>{@link #tick()} is non-blocking and may be called directly (tests, simulator); {@link
 * #start()} schedules it on the injected {@link Scheduler}. Thread-safe.
 */
public final class VirtualMiner implements AutoCloseable {
  /** The seed's tick: 50 ms. */
  public static final long DEFAULT_TICK_MILLIS = 50;

  /** Hash attempts per tick by default (1,280 per second at the default tick). */
  public static final int DEFAULT_ATTEMPTS_PER_TICK = 64;

  private final Ledger ledger;
  private final Scheduler scheduler;
  private final Supplier<Difficulty> difficulty;
  private final long tickMillis;
  private final int attemptsPerTick;
  private final AtomicLong attempts = new AtomicLong();
  private final AtomicLong blocks = new AtomicLong();
  private Difficulty target;
  private long nextNonce;
  private Cancellable task;

  /**
   * @param difficulty picks the target of each new block (for example {@code
   *     DifficultyControl::next})
   */
  public VirtualMiner(
      Ledger ledger,
      Scheduler scheduler,
      Supplier<Difficulty> difficulty,
      long tickMillis,
      int attemptsPerTick) {
    if (tickMillis < 1) {
      throw new IllegalArgumentException("mining tick must be at least 1 ms: " + tickMillis);
    }
    if (attemptsPerTick < 1 || attemptsPerTick > 1_000_000) {
      throw new IllegalArgumentException(
          "attempts per tick must be 1..1000000: " + attemptsPerTick);
    }
    this.ledger = ledger;
    this.scheduler = scheduler;
    this.difficulty = difficulty;
    this.tickMillis = tickMillis;
    this.attemptsPerTick = attemptsPerTick;
  }

  /** Starts ticking on the scheduler. */
  public synchronized void start() {
    if (task == null) {
      task = scheduler.scheduleAtFixedRate(0, tickMillis, this::tick);
    }
  }

  /** One tick: up to {@code attemptsPerTick} attempts. Returns the block if one was mined. */
  public synchronized Optional<BlockHeader> tick() {
    if (target == null) {
      target = difficulty.get();
      nextNonce = 0;
    }
    Optional<BlockHeader> mined =
        ledger.tryMine(scheduler.clock().nowMillis(), target, nextNonce, attemptsPerTick);
    if (mined.isPresent()) {
      attempts.addAndGet(mined.get().nonce() - nextNonce + 1);
      blocks.incrementAndGet();
      target = null;
    } else {
      attempts.addAndGet(attemptsPerTick);
      nextNonce += attemptsPerTick;
    }
    return mined;
  }

  /** Hash attempts made so far. */
  public long attempts() {
    return attempts.get();
  }

  /** Blocks mined so far. */
  public long blocksMined() {
    return blocks.get();
  }

  public long tickMillis() {
    return tickMillis;
  }

  public int attemptsPerTick() {
    return attemptsPerTick;
  }

  /** Stops ticking. */
  @Override
  public synchronized void close() {
    if (task != null) {
      task.cancel();
      task = null;
    }
  }
}
