package io.flowchain.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowchain.core.port.ExecutorScheduler;
import io.flowchain.dht.message.ChordMessage;
import io.flowchain.dht.message.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Frames larger than one CoAP message go block-wise. Sent back to back, several large frames and
 * small ones between them all arrive, once each, and the link ends idle (a second block-wise
 * request to the same resource cancels the first in Californium, which used to lose the first and
 * leave its window slot taken for good).
 */
class CoapBlockwiseTest {
  private final Members members = new Members();

  @Test
  void largeFramesSentBackToBackAllArrive() throws Exception {
    List<Long> arrived = Collections.synchronizedList(new ArrayList<>());
    List<byte[]> payloads = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 12; i++) {
      byte[] b = new byte[i % 3 == 2 ? 10 : 2_000 + i * 5_000];
      random.nextBytes(b);
      payloads.add(b);
    }
    try (ExecutorScheduler sa = new ExecutorScheduler("a");
        ExecutorScheduler sb = new ExecutorScheduler("b");
        CoapTransport a =
            new CoapTransport(
                members.newMember(), members.trust, sa, "127.0.0.1", 0, NetConfig.defaults());
        CoapTransport b =
            new CoapTransport(
                members.newMember(), members.trust, sb, "127.0.0.1", 0, NetConfig.defaults())) {
      a.start();
      b.start();
      a.setReceiver((from, m) -> {});
      b.setReceiver(
          (from, m) -> {
            if (m instanceof Message msg
                && Arrays.equals(msg.payload(), payloads.get((int) msg.requestId()))) {
              arrived.add(msg.requestId());
            }
          });
      CompletableFuture<Void> sent = new CompletableFuture<>();
      sa.schedule(
          0,
          () -> {
            for (int i = 0; i < payloads.size(); i++) {
              ChordMessage m =
                  new Message(i, b.localPeer().id(), payloads.get(i), a.localPeer(), 0, true);
              a.send(b.localPeer(), m);
            }
            sent.complete(null);
          });
      sent.get(5, TimeUnit.SECONDS);
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> arrived.size() == payloads.size() && a.idle());
      List<Long> expected = new ArrayList<>();
      for (long i = 0; i < payloads.size(); i++) {
        expected.add(i);
      }
      assertThat(arrived).containsExactlyInAnyOrderElementsOf(expected); // CoAP keeps no order
      assertThat(a.stats().sent()).isEqualTo(payloads.size());
      assertThat(a.stats().dropped()).isZero();
    }
  }
}
