package io.flowchain.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowchain.core.port.ExecutorScheduler;
import io.flowchain.dht.Peer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A man in the middle that relays CoAP requests between two members. Over DTLS it holds one DTLS
 * session with each side, the two sides sign different exported channel values, and the dialler
 * refuses the relayed proof: nothing gets through. The control: over plain CoAP the same relay
 * passes the handshake and the frames.
 */
class CoapRelayTest {
  private final Members members = new Members();

  private long relayedMessages(boolean dtls) throws Exception {
    AtomicLong received = new AtomicLong();
    try (ExecutorScheduler sa = new ExecutorScheduler("a");
        ExecutorScheduler sb = new ExecutorScheduler("b");
        CoapTransport a = members.coap(sa, dtls ? "a" : null);
        CoapTransport b = members.coap(sb, dtls ? "b" : null)) {
      a.start();
      b.start();
      b.setReceiver((from, m) -> received.incrementAndGet());
      try (CoapRelay relay =
          new CoapRelay(b.address(), dtls ? TlsIdentity.selfSigned("mallory") : null)) {
        // a believes b is at the relay's address
        Peer bViaRelay = new Peer(b.localPeer().id(), relay.address(a.scheme()));
        if (dtls) {
          // a tries again and again: the relay passes each hello, a refuses each relayed proof
          // two hellos relayed, and b's hello replies (with its proof) relayed back
          Sends.until(sa, a, bViaRelay, Duration.ofSeconds(20), () -> relay.answered.get() >= 2);
          assertThat(a.stats().handshakes()).isZero();
          assertThat(b.stats().handshakes()).isZero();
          assertThat(b.sessions()).isZero();
        } else {
          Sends.until(sa, a, bViaRelay, Duration.ofSeconds(20), () -> received.get() > 0);
        }
      }
    }
    return received.get();
  }

  @Test
  void overDtlsTheRelayedHandshakeFailsAndNothingGetsThrough() throws Exception {
    assertThat(relayedMessages(true)).isZero();
  }

  @Test
  void overPlainCoapTheSameRelayPasses() throws Exception {
    assertThat(relayedMessages(false)).isPositive();
  }
}
