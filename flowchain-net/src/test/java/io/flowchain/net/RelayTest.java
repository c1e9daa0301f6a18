package io.flowchain.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowchain.core.port.ExecutorScheduler;
import io.flowchain.dht.Peer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A man in the middle that relays frames between two members. Over TLS it must terminate TLS with
 * its own certificate, and the channel binding makes both proofs fail: nothing gets through. The
 * control shows why TLS is needed: over plain WebSocket the relayed handshake succeeds.
 */
class RelayTest {
  private final Members members = new Members();

  private long relayedMessages(boolean tls) throws Exception {
    AtomicLong received = new AtomicLong();
    try (ExecutorScheduler sa = new ExecutorScheduler("a");
        ExecutorScheduler sb = new ExecutorScheduler("b");
        WebSocketTransport a = members.webSocket(sa, tls ? "a" : null);
        WebSocketTransport b = members.webSocket(sb, tls ? "b" : null)) {
      a.start();
      b.start();
      b.setReceiver((from, m) -> received.incrementAndGet());
      try (Relay relay = new Relay(b.address(), tls ? TlsIdentity.selfSigned("mallory") : null)) {
        // a believes b is at the relay's address
        Peer bViaRelay = new Peer(b.localPeer().id(), relay.address(tls ? "wss" : "ws"));
        if (tls) {
          // a tries for a while: every attempt is refused, nothing reaches b
          Sends.until(
              sa,
              a,
              bViaRelay,
              Duration.ofSeconds(10),
              () -> a.stats().refused() + b.stats().refused() >= 2);
          assertThat(a.stats().handshakes()).isZero();
          assertThat(b.stats().handshakes()).isZero();
        } else {
          Sends.until(sa, a, bViaRelay, Duration.ofSeconds(10), () -> received.get() > 0);
        }
      }
    }
    return received.get();
  }

  @Test
  void overTlsTheRelayedHandshakeFailsAndNothingGetsThrough() throws Exception {
    assertThat(relayedMessages(true)).isZero();
  }

  @Test
  void overPlainWebSocketARelayPasses() throws Exception {
    assertThat(relayedMessages(false)).isPositive();
  }
}
