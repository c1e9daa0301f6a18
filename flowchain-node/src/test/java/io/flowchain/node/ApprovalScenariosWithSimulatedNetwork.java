package io.flowchain.node;

import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.types.Difficulty;
import io.flowchain.node.scenario.ApprovalScenarios;
import io.flowchain.node.scenario.LedgerNetwork;
import java.util.List;
import java.util.SplittableRandom;

/** The approval scenarios on the simulated network, in virtual time. */
class ApprovalScenariosWithSimulatedNetwork extends ApprovalScenarios {
  private NodeKeyPair admin;

  @Override
  protected LedgerNetwork newNetwork(long seed) {
    admin = NodeKeyPair.generate(new SplittableRandom(seed ^ 0x5eed));
    NetworkParams params =
        new NetworkParams(
            "sim-net",
            SimulatedLedgerNetwork.EPOCH - 1_000,
            List.of(Difficulty.EASIEST),
            List.of(admin.publicKey()));
    return new SimulatedLedgerNetwork(seed, params);
  }

  @Override
  protected NodeKeyPair administrator() {
    return admin;
  }
}
