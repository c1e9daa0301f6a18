package io.flowchain.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowchain.core.port.ExecutorScheduler;
import io.flowchain.dht.Peer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Two nodes over {@code wss://}: messages flow, over an authenticated, TLS-bound connection. */
class TlsTransportTest {
  private final Members members = new Members();

  @Test
  void messagesFlowOverTls() throws Exception {
    AtomicLong received = new AtomicLong();
    try (ExecutorScheduler sa = new ExecutorScheduler("a");
        ExecutorScheduler sb = new ExecutorScheduler("b");
        WebSocketTransport a = members.webSocket(sa, "a");
        WebSocketTransport b = members.webSocket(sb, "b")) {
      a.start();
      b.start();
      b.setReceiver((from, m) -> received.incrementAndGet());
      Peer pb = b.localPeer();
      assertThat(pb.address()).startsWith("wss://127.0.0.1:");
      Sends.until(sa, a, pb, Duration.ofSeconds(10), () -> received.get() >= 3);
      assertThat(a.stats().handshakes()).isEqualTo(1);
      assertThat(b.stats().handshakes()).isEqualTo(1);
    }
  }
}
