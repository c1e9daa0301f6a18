package io.flowchain.sim;

import io.flowchain.dht.scenario.RingNetwork;
import io.flowchain.dht.scenario.RingScenarios;

/** The shared ring scenarios on the deterministic simulator (latency 10-100 ms, no loss). */
class RingScenariosWithSimulatedNetwork extends RingScenarios {
  @Override
  protected RingNetwork newNetwork() {
    return new SimulatedRingNetwork(SimConfig.defaults(2024));
  }
}
