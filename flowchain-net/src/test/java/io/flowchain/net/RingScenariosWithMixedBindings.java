package io.flowchain.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowchain.dht.scenario.RingNetwork;
import io.flowchain.dht.scenario.RingScenarios;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The shared ring scenarios on a ring that mixes the bindings: even machines are known by their
 * WebSocket address, odd ones by their CoAP address; each also has the other binding, so that it
 * can reach every member. Both kinds of frames carry Chord traffic.
 */
class RingScenariosWithMixedBindings extends RingScenarios {
  private final java.util.List<MultiTransport> transports =
      java.util.Collections.synchronizedList(new java.util.ArrayList<>());

  @Override
  protected RingNetwork newNetwork() {
    return new SocketRingNetwork(
        (index, credentials, trust, scheduler, ports) -> {
          WebSocketTransport ws =
              new WebSocketTransport(
                  credentials, trust, scheduler, "127.0.0.1", ports[0], NetConfig.defaults());
          CoapTransport coap =
              new CoapTransport(
                  credentials, trust, scheduler, "127.0.0.1", ports[1], NetConfig.defaults());
          MultiTransport t =
              index % 2 == 0 ? new MultiTransport(ws, coap) : new MultiTransport(coap, ws);
          t.start();
          ports[0] = ws.port();
          ports[1] = coap.port();
          transports.add(t);
          return t;
        });
  }

  @BeforeEach
  void clear() {
    transports.clear();
  }

  /** Both bindings carried Chord frames in every scenario. */
  @AfterEach
  void bothBindingsCarriedTraffic() {
    long ws = 0;
    long coap = 0;
    for (MultiTransport t : transports) {
      ws +=
          t.bindings().stream()
              .filter(b -> b instanceof WebSocketTransport)
              .mapToLong(b -> b.stats().received())
              .sum();
      coap +=
          t.bindings().stream()
              .filter(b -> b instanceof CoapTransport)
              .mapToLong(b -> b.stats().received())
              .sum();
    }
    assertThat(ws).as("Chord frames received over WebSocket").isPositive();
    assertThat(coap).as("Chord frames received over CoAP").isPositive();
  }
}
