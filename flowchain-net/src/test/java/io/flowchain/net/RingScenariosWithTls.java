package io.flowchain.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowchain.dht.scenario.RingNetwork;
import io.flowchain.dht.scenario.RingScenarios;
import org.junit.jupiter.api.AfterEach;

/**
 * The shared ring scenarios over WebSocket with TLS ({@code wss://}): each machine listens with a
 * self-signed certificate made at start, and every handshake is bound to the certificate.
 */
class RingScenariosWithTls extends RingScenarios {
  private final java.util.List<WebSocketTransport> transports =
      java.util.Collections.synchronizedList(new java.util.ArrayList<>());

  @Override
  protected RingNetwork newNetwork() {
    return new SocketRingNetwork(
        (index, credentials, trust, scheduler, ports) -> {
          WebSocketTransport t =
              new WebSocketTransport(
                  credentials,
                  trust,
                  scheduler,
                  "127.0.0.1",
                  ports[0],
                  NetConfig.defaults(),
                  TlsIdentity.selfSigned("node-" + index));
          t.start();
          ports[0] = t.port();
          transports.add(t);
          return t;
        });
  }

  @AfterEach
  void everyMemberWasReachedOverTls() {
    assertThat(transports).isNotEmpty();
    for (WebSocketTransport t : transports) {
      assertThat(t.localPeer().address()).startsWith("wss://");
    }
    assertThat(transports.stream().mapToLong(t -> t.stats().received()).sum()).isPositive();
  }
}
