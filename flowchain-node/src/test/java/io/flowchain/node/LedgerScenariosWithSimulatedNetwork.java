package io.flowchain.node;

import io.flowchain.node.scenario.LedgerNetwork;
import io.flowchain.node.scenario.LedgerScenarios;

/** The data-path scenarios on the simulated network, in virtual time. */
class LedgerScenariosWithSimulatedNetwork extends LedgerScenarios {
  private static long seed = 1000;

  @Override
  protected LedgerNetwork newNetwork() {
    return new SimulatedLedgerNetwork(seed++);
  }
}
