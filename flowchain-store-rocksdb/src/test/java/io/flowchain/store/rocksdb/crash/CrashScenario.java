package io.flowchain.store.rocksdb.crash;

import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.types.Difficulty;
import java.util.List;
import java.util.SplittableRandom;

/** What the crash test's parent and child agree on: the network and the node's key. */
final class CrashScenario {
  static final Difficulty DIFFICULTY = Difficulty.leadingZeroBits(6);
  static final NetworkParams PARAMS =
      new NetworkParams("crash-net", 1_700_000_000_000L, List.of(DIFFICULTY), List.of());
  static final long KEY_SEED = 42;

  private CrashScenario() {}

  static NodeKeyPair keys() {
    return NodeKeyPair.generate(new SplittableRandom(KEY_SEED));
  }
}
