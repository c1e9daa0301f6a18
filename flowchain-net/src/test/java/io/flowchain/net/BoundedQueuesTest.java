package io.flowchain.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowchain.core.port.ExecutorScheduler;
import io.flowchain.dht.Peer;
import io.flowchain.dht.message.CheckTtl;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Memory stays bounded whatever a peer does: messages to a peer that accepts the TCP connection but
 * never answers the handshake fill the per-peer queue up to its capacity, the rest are dropped and
 * counted, and when the handshake times out the queue is dropped too.
 */
class BoundedQueuesTest {
  private final Members members = new Members();

  @Test
  void aPeerThatNeverAnswersCostsAtMostTheQueueCapacity() throws Exception {
    NetConfig config =
        NetConfig.defaults().withSendQueueCapacity(100).withHandshakeTimeoutMillis(1_000);
    List<Socket> accepted = java.util.Collections.synchronizedList(new ArrayList<>());
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        ExecutorScheduler s = new ExecutorScheduler("a");
        WebSocketTransport a =
            new WebSocketTransport(members.newMember(), members.trust, s, "127.0.0.1", 0, config)) {
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    accepted.add(silent.accept()); // and never read or write
                  }
                } catch (java.io.IOException closed) {
                  // the test is over
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      a.start();
      Peer silentPeer =
          new Peer(members.newKey().nodeId(), "ws://127.0.0.1:" + silent.getLocalPort());
      CompletableFuture<Void> sent = new CompletableFuture<>();
      s.schedule(
          0,
          () -> {
            for (int i = 0; i < 250; i++) {
              a.send(silentPeer, new CheckTtl(i));
            }
            sent.complete(null);
          });
      sent.get(5, TimeUnit.SECONDS);
      assertThat(a.stats().droppedQueueFull.get()).isEqualTo(150);
      assertThat(a.idle()).isFalse();
      // the handshake times out: the 100 queued messages are dropped as unreachable
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> a.stats().droppedUnreachable.get() == 100 && a.idle());
      assertThat(a.stats().sent()).isZero();
      assertThat(a.stats().dropped()).isEqualTo(250);
    } finally {
      synchronized (accepted) {
        for (Socket sock : accepted) {
          sock.close();
        }
      }
    }
  }
}
