package io.flowchain.it;

import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.node.scenario.CollectScenarios;
import io.flowchain.node.scenario.LedgerNetwork;

/**
 * The inventory's collection scenarios of {@code flowchain-node} over real WebSocket connections on
 * loopback: branches collected page by page from authenticated members.
 */
class CollectScenariosWithWebSocket extends CollectScenarios {
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
