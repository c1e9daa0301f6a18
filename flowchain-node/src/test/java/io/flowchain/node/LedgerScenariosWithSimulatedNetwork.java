package io.flowchain.node;

import io.flowchain.node.scenario.LedgerNetwork;
import io.flowchain.node.scenario.LedgerScenarios;

/** The data-path scenarios on the simulated network, in virtual time. */
class LedgerScenariosWithSimulatedNetwork extends LedgerScenarios {
  @Override
  protected LedgerNetwork newNetwork(long seed) {
    return new SimulatedLedgerNetwork(seed);
  }
}
