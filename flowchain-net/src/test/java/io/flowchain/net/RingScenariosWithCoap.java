package io.flowchain.net;

import io.flowchain.dht.scenario.RingNetwork;
import io.flowchain.dht.scenario.RingScenarios;

/** The shared ring scenarios over CoAP on loopback, every session authenticated. */
class RingScenariosWithCoap extends RingScenarios {
  @Override
  protected RingNetwork newNetwork() {
    return new SocketRingNetwork(
        (index, credentials, trust, scheduler, ports) -> {
          CoapTransport t =
              new CoapTransport(
                  credentials, trust, scheduler, "127.0.0.1", ports[0], NetConfig.defaults());
          t.start();
          ports[0] = t.port();
          return t;
        });
  }
}
