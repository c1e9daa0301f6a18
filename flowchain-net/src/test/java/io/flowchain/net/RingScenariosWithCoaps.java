package io.flowchain.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowchain.dht.scenario.RingNetwork;
import io.flowchain.dht.scenario.RingScenarios;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * The shared ring scenarios over CoAP with DTLS ({@code coaps://}): each machine's endpoint speaks
 * DTLS only, with a self-signed certificate made at start, and every membership handshake is bound
 * to the DTLS session it runs on.
 */
class RingScenariosWithCoaps extends RingScenarios {
  private final List<CoapTransport> transports = Collections.synchronizedList(new ArrayList<>());

  @Override
  protected RingNetwork newNetwork() {
    return new SocketRingNetwork(
        (index, credentials, trust, scheduler, ports) -> {
          CoapTransport t =
              new CoapTransport(
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
  void everyMemberWasReachedOverDtls() {
    assertThat(transports).isNotEmpty();
    for (CoapTransport t : transports) {
      assertThat(t.localPeer().address()).startsWith("coaps://");
      assertThat(t.stats().notDtls()).isZero();
    }
    assertThat(transports.stream().mapToLong(t -> t.stats().received()).sum()).isPositive();
    assertThat(transports.stream().mapToLong(t -> t.stats().handshakes()).sum()).isPositive();
  }
}
