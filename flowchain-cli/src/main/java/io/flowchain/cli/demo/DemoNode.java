package io.flowchain.cli.demo;

import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.Ledger;
import io.flowchain.core.ledger.LedgerListener;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.ledger.ValidBlockPolicy;
import io.flowchain.core.mining.BatteryInput;
import io.flowchain.core.mining.DifficultyControl;
import io.flowchain.core.mining.DifficultyTable;
import io.flowchain.core.mining.FlowcoinBalanceInput;
import io.flowchain.core.mining.FreeHeapInput;
import io.flowchain.core.mining.Reliability;
import io.flowchain.core.mining.SystemResources;
import io.flowchain.core.mining.VirtualMiner;
import io.flowchain.core.port.Scheduler;
import io.flowchain.core.store.InMemoryStore;
import io.flowchain.core.types.NodeId;
import java.util.random.RandomGenerator;

/** One in-process node of the demo: keys, an in-memory branch, a miner. */
final class DemoNode implements LedgerListener {
  final NodeKeyPair keys;
  final Ledger ledger;
  final VirtualMiner miner;
  private long minedBlocks;

  DemoNode(
      NetworkParams params,
      Scheduler scheduler,
      RandomGenerator random,
      long tickMillis,
      int attemptsPerTick) {
    keys = NodeKeyPair.generate(random);
    ledger =
        Ledger.open(params, keys, new InMemoryStore(), scheduler.clock(), ValidBlockPolicy.mru());
    ledger.addListener(this);
    Reliability reliability =
        Reliability.builder()
            .add(new BatteryInput(() -> 1.0), 1) // mains-powered
            .add(new FreeHeapInput(SystemResources.freeHeapFraction(Runtime.getRuntime())), 1)
            .add(new FlowcoinBalanceInput(() -> 0), 1) // no approvals yet
            .build();
    DifficultyControl difficulty =
        new DifficultyControl(new DifficultyTable(params.difficultyTable()), reliability, random);
    miner = new VirtualMiner(ledger, scheduler, difficulty::next, tickMillis, attemptsPerTick);
  }

  NodeId id() {
    return keys.nodeId();
  }

  @Override
  public synchronized void onBlockMined(BlockHeader header) {
    minedBlocks++;
    notifyAll();
  }

  /** Waits until a block is mined after {@code seen} blocks, up to {@code timeoutMillis}. */
  synchronized boolean awaitBlockAfter(long seen, long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    while (minedBlocks <= seen) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }

  synchronized long minedBlocks() {
    return minedBlocks;
  }

  /** True once every block holding records is sealed by a later block. */
  boolean allRecordsSealed() {
    return ledger.openBlocks().stream().allMatch(b -> b.records() == 0);
  }
}
