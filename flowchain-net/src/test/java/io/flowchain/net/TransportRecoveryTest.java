package io.flowchain.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowchain.core.port.ExecutorScheduler;
import io.flowchain.dht.Peer;
import io.flowchain.dht.message.CheckTtl;
import io.flowchain.net.membership.NodeCredentials;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A peer that restarts (same identity, same port; over TLS with a new certificate) is reached
 * again: the WebSocket connection is reopened, the CoAP session (lost with the restart: 4.01) is
 * shaken hands anew.
 */
class TransportRecoveryTest {
  private final Members members = new Members();

  private AbstractTransport make(String binding, NodeCredentials c, ExecutorScheduler s, int port)
      throws Exception {
    AbstractTransport t =
        switch (binding) {
          case "ws" ->
              new WebSocketTransport(c, members.trust, s, "127.0.0.1", port, NetConfig.defaults());
          case "wss" ->
              new WebSocketTransport(
                  c,
                  members.trust,
                  s,
                  "127.0.0.1",
                  port,
                  NetConfig.defaults(),
                  TlsIdentity.selfSigned("n"));
          default ->
              new CoapTransport(c, members.trust, s, "127.0.0.1", port, NetConfig.defaults());
        };
    t.start();
    return t;
  }

  private static int port(AbstractTransport t) {
    return t instanceof WebSocketTransport w ? w.port() : ((CoapTransport) t).port();
  }

  /** Sends a message from a's thread until b has received {@code target} messages in all. */
  private static void sendUntil(
      ExecutorScheduler sa, AbstractTransport a, Peer to, AtomicLong received, long target) {
    Sends.until(sa, a, to, Duration.ofSeconds(15), () -> received.get() >= target);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ws", "wss", "coap"})
  void aRestartedPeerIsReachedAgain(String binding) throws Exception {
    NodeCredentials ca = members.newMember();
    NodeCredentials cb = members.newMember();
    AtomicLong received = new AtomicLong();
    try (ExecutorScheduler sa = new ExecutorScheduler("a");
        ExecutorScheduler sb = new ExecutorScheduler("b");
        AbstractTransport a = make(binding, ca, sa, 0)) {
      AbstractTransport b = make(binding, cb, sb, 0);
      b.setReceiver((from, m) -> received.incrementAndGet());
      Peer pb = b.localPeer();
      sendUntil(sa, a, pb, received, 1);
      long handshakes = a.stats().handshakes();
      int bPort = port(b);
      b.close();

      AbstractTransport b2 = make(binding, cb, sb, bPort);
      try {
        b2.setReceiver((from, m) -> received.incrementAndGet());
        assertThat(b2.localPeer()).isEqualTo(pb);
        long before = received.get();
        sendUntil(sa, a, pb, received, before + 3);
        assertThat(a.stats().handshakes()).isGreaterThan(handshakes);
        assertThat(b2.stats().handshakes()).isEqualTo(1);
      } finally {
        b2.close();
      }
    }
  }

  /** A message a node addresses to itself is delivered to it, as on the simulator. */
  @ParameterizedTest
  @ValueSource(strings = {"ws", "coap"})
  void aMessageToSelfIsDelivered(String binding) throws Exception {
    AtomicLong received = new AtomicLong();
    try (ExecutorScheduler sa = new ExecutorScheduler("a");
        AbstractTransport a = make(binding, members.newMember(), sa, 0)) {
      a.setReceiver((from, m) -> received.incrementAndGet());
      sa.schedule(0, () -> a.send(a.localPeer(), new CheckTtl(1)));
      Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> received.get() == 1);
      assertThat(a.stats().connectionsOpened()).isZero();
    }
  }
}
