package io.flowchain.bench;

import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.Ledger;
import io.flowchain.core.mining.VirtualMiner;
import io.flowchain.core.port.ManualScheduler;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One {@link VirtualMiner#tick()} with the default {@value VirtualMiner#DEFAULT_ATTEMPTS_PER_TICK}
 * attempts at a difficulty no attempt meets, so every tick does its full work (header template,
 * then 64 nonce rewrites and SHA-256d) and mines nothing.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class MiningTickBenchmark {
  private VirtualMiner miner;

  @Setup
  public void setUp() {
    ManualScheduler scheduler = new ManualScheduler(BenchNetwork.START);
    Ledger ledger = BenchNetwork.openLedger(BenchNetwork.hardNetwork(), scheduler);
    miner =
        new VirtualMiner(
            ledger,
            scheduler,
            () -> BenchNetwork.NEVER_HITS,
            VirtualMiner.DEFAULT_TICK_MILLIS,
            VirtualMiner.DEFAULT_ATTEMPTS_PER_TICK);
    if (miner.tick().isPresent() || miner.attempts() != VirtualMiner.DEFAULT_ATTEMPTS_PER_TICK) {
      throw new IllegalStateException("the first tick should make 64 attempts and miss");
    }
  }

  @Benchmark
  public Optional<BlockHeader> tick() {
    return miner.tick();
  }
}
