package io.flowchain.core.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.ledger.Ledger;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.ledger.ValidBlockPolicy;
import io.flowchain.core.port.ManualScheduler;
import io.flowchain.core.store.InMemoryStore;
import io.flowchain.core.types.Difficulty;
import io.flowchain.core.verify.BranchSource;
import io.flowchain.core.verify.BranchVerifier;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The miner under a manual clock: fixed attempts per tick, block rate set by difficulty. */
class VirtualMinerTest {
  private static final List<Difficulty> TABLE =
      List.of(Difficulty.leadingZeroBits(8), Difficulty.leadingZeroBits(6));

  private record Run(ManualScheduler scheduler, Ledger ledger, VirtualMiner miner) {}

  private static Run run(Difficulty d, int attemptsPerTick) {
    ManualScheduler s = new ManualScheduler(1_000_000);
    NetworkParams params = new NetworkParams("miner-test", 0, TABLE, List.of());
    Ledger ledger =
        Ledger.open(
            params,
            NodeKeyPair.generate(new SplittableRandom(5)),
            new InMemoryStore(),
            s,
            ValidBlockPolicy.mru());
    return new Run(s, ledger, new VirtualMiner(ledger, s, () -> d, 50, attemptsPerTick));
  }

  @Test
  void ticksOnTheSchedulerWithAFixedNumberOfAttempts() {
    Run r = run(Difficulty.leadingZeroBits(8), 16);
    r.miner().start();
    r.scheduler().advance(999); // ticks at 0, 50, ..., 950: 20 ticks
    long blocks = r.miner().blocksMined();
    // attempts are counted up to the hit in a tick that mines a block
    assertThat(r.miner().attempts()).isBetween(20L * 16 - blocks * 15, 20L * 16);
    r.miner().close();
    long attempts = r.miner().attempts();
    r.scheduler().advance(10_000);
    assertThat(r.miner().attempts()).isEqualTo(attempts);
  }

  @Test
  void blockRateFollowsDifficultyNotHardware() {
    long ticks = 40_000;
    Run hard = run(Difficulty.leadingZeroBits(8), 4);
    Run easy = run(Difficulty.leadingZeroBits(6), 4);
    hard.miner().start();
    easy.miner().start();
    hard.scheduler().advance(ticks * 50 - 1);
    easy.scheduler().advance(ticks * 50 - 1);
    double hardRate = hard.miner().blocksMined() / (double) ticks;
    double easyRate = easy.miner().blocksMined() / (double) ticks;
    // expected: 4 attempts per tick at 2^-8 and 2^-6 per attempt: ~1/64 and ~1/16 blocks per tick
    assertThat(hardRate).isBetween(1 / 64.0 * 0.8, 1 / 64.0 * 1.2);
    assertThat(easyRate / hardRate).isBetween(3.2, 4.8);
    assertThat(
            new BranchVerifier(hard.ledger().params())
                .verify(BranchSource.of(hard.ledger().store()))
                .ok())
        .isTrue();
  }

  @Test
  void eachBlockKeepsOneDifficultyDrawnWhenItsMiningStarts() {
    int[] draws = {0};
    Run r = run(Difficulty.leadingZeroBits(8), 1);
    VirtualMiner miner =
        new VirtualMiner(
            r.ledger(),
            r.scheduler(),
            () -> {
              draws[0]++;
              return TABLE.get(0);
            },
            50,
            1);
    for (int i = 0; i < 2000; i++) {
      miner.tick();
    }
    assertThat(draws[0]).isEqualTo(miner.blocksMined() + 1);
  }

  @Test
  void badSettingsAreRefused() {
    Run r = run(Difficulty.leadingZeroBits(8), 1);
    assertThatThrownBy(() -> new VirtualMiner(r.ledger(), r.scheduler(), () -> null, 0, 1))
        .hasMessageContaining("tick");
    assertThatThrownBy(() -> new VirtualMiner(r.ledger(), r.scheduler(), () -> null, 50, 0))
        .hasMessageContaining("attempts per tick");
  }
}
