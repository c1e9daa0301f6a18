package io.flowchain.it;

import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.node.scenario.ApprovalScenarios;
import io.flowchain.node.scenario.LedgerNetwork;

/**
 * The approval scenarios of {@code flowchain-node} over real WebSocket connections on loopback:
 * five authenticated nodes, an endpoint approving through one of them.
 */
class ApprovalScenariosWithWebSocket extends ApprovalScenarios {
  private SocketLedgerNetwork network;

  @Override
  protected LedgerNetwork newNetwork(long seed) {
    network = new SocketLedgerNetwork(seed, SocketLedgerNetwork.Binding.WEBSOCKET);
    return network;
  }

  @Override
  protected NodeKeyPair administrator() {
    return network.administrator();
  }
}
