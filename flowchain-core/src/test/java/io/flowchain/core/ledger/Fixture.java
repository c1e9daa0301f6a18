package io.flowchain.core.ledger;

import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.mining.VirtualMiner;
import io.flowchain.core.port.ManualScheduler;
import io.flowchain.core.store.InMemoryStore;
import io.flowchain.core.store.LedgerStore;
import io.flowchain.core.types.Bytes;
import io.flowchain.core.types.Difficulty;
import java.util.List;
import java.util.SplittableRandom;

/** A one-node ledger in virtual time whose miner finds a block on every tick. */
public final class Fixture {
  public static final long START = 1_700_000_000_000L;

  public final ManualScheduler scheduler = new ManualScheduler(START);
  public final SplittableRandom random;
  public final NetworkParams params;
  public final NodeKeyPair keys;
  public final LedgerStore store;
  public Ledger ledger;
  public VirtualMiner miner;

  public Fixture(long seed, ValidBlockPolicy policy) {
    this(seed, policy, new InMemoryStore());
  }

  public Fixture(long seed, ValidBlockPolicy policy, LedgerStore store) {
    // one entry, met by every hash: every tick mines a block
    this(seed, policy, store, params(List.of()));
  }

  public Fixture(long seed, ValidBlockPolicy policy, LedgerStore store, NetworkParams params) {
    random = new SplittableRandom(seed);
    this.params = params;
    keys = NodeKeyPair.generate(new SplittableRandom(seed));
    this.store = store;
    reopen(policy);
  }

  /** Test network parameters whose one difficulty is met by every hash. */
  public static NetworkParams params(List<io.flowchain.core.crypto.NodePublicKey> admins) {
    return new NetworkParams("test-net", START - 1000, List.of(Difficulty.EASIEST), admins);
  }

  /** Opens a ledger on the same store (as after a restart). */
  public void reopen(ValidBlockPolicy policy) {
    ledger = Ledger.open(params, keys, store, scheduler, policy);
    miner = new VirtualMiner(ledger, scheduler, () -> Difficulty.EASIEST, 50, 1);
  }

  public Submission reading(String objectId, double value) {
    return Submission.of(
        objectId,
        "application/json",
        Bytes.utf8("{\"temperature\":" + value + "}"),
        scheduler.nowMillis(),
        random);
  }

  /** Records {@code n} readings of {@code objectId}, advancing time 1 ms between them. */
  public void record(String objectId, int n) {
    for (int i = 0; i < n; i++) {
      ledger.record(reading(objectId, i)).join();
      scheduler.advance(1);
    }
  }
}
