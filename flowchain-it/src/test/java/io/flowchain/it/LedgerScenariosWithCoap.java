package io.flowchain.it;

import io.flowchain.node.scenario.LedgerNetwork;
import io.flowchain.node.scenario.LedgerScenarios;

/**
 * The data-path scenarios of {@code flowchain-node} over CoAP on loopback (confirmable requests,
 * block-wise transfer of large batches), every connection authenticated by the membership handshake
 * (see {@link SocketLedgerNetwork}).
 */
class LedgerScenariosWithCoap extends LedgerScenarios {
  @Override
  protected LedgerNetwork newNetwork(long seed) {
    return new SocketLedgerNetwork(seed, SocketLedgerNetwork.Binding.COAP);
  }
}
