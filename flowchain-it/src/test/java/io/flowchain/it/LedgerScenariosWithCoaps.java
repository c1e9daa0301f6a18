package io.flowchain.it;

import io.flowchain.node.scenario.LedgerNetwork;
import io.flowchain.node.scenario.LedgerScenarios;

/**
 * The data-path scenarios of {@code flowchain-node} over CoAP with DTLS ({@code coaps://}) on
 * loopback: every machine's endpoint speaks DTLS only, and every membership handshake is bound to
 * the DTLS session it runs on (see {@link SocketLedgerNetwork}).
 */
class LedgerScenariosWithCoaps extends LedgerScenarios {
  @Override
  protected LedgerNetwork newNetwork(long seed) {
    return new SocketLedgerNetwork(seed, SocketLedgerNetwork.Binding.COAPS);
  }
}
