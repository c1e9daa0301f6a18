package io.flowchain.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowchain.core.port.ManualScheduler;
import io.flowchain.dht.Peer;
import io.flowchain.dht.message.CheckTtl;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The node gets its messages in order, a burst in few tasks, and never more than the capacity. */
class InboxTest {
  private final Members members = new Members();
  private final Peer from = new Peer(members.newKey().nodeId(), "ws://127.0.0.1:1");
  private final ManualScheduler node = new ManualScheduler(0);
  private final TransportStats stats = new TransportStats();
  private final List<Long> received = new ArrayList<>();

  private Inbox inbox(int capacity) {
    Inbox inbox = new Inbox(node, capacity, stats);
    inbox.setReceiver((peer, m) -> received.add(m.requestId()));
    return inbox;
  }

  @Test
  void aBurstRunsInOrderInOneTaskPerBurstSize() {
    Inbox inbox = inbox(1_000);
    for (int i = 0; i < 200; i++) {
      assertThat(inbox.deliver(from, new CheckTtl(i))).isTrue();
    }
    assertThat(node.pending()).as("one task waits for the whole burst").isEqualTo(1);
    assertThat(inbox.pending()).isEqualTo(200);

    int tasks = node.runUntilIdle(0);

    // more only if a task ran out of time (a busy machine)
    assertThat(tasks).isGreaterThanOrEqualTo((200 + Inbox.BURST - 1) / Inbox.BURST);
    assertThat(received).hasSize(200).isSorted();
    assertThat(inbox.pending()).isZero();
  }

  @Test
  void messagesBeyondTheCapacityAreDroppedAndCounted() {
    Inbox inbox = inbox(10);
    for (int i = 0; i < 15; i++) {
      inbox.deliver(from, new CheckTtl(i));
    }
    node.runUntilIdle(0);
    assertThat(received).hasSize(10);
    assertThat(stats.droppedInbound.get()).isEqualTo(5);
    // room again once the node has run them
    assertThat(inbox.deliver(from, new CheckTtl(99))).isTrue();
    node.runUntilIdle(0);
    assertThat(received).hasSize(11).endsWith(99L);
  }

  @Test
  void aMessageThatFailsDoesNotStopTheOthers() {
    Inbox inbox = new Inbox(node, 100, stats);
    inbox.setReceiver(
        (peer, m) -> {
          long id = m.requestId();
          if (id == 3) {
            throw new IllegalStateException("node task failed");
          }
          received.add(id);
        });
    for (int i = 0; i < 6; i++) {
      inbox.deliver(from, new CheckTtl(i));
    }
    for (int n = 0; n < 10 && node.pending() > 0; n++) {
      try {
        node.runUntilIdle(0);
      } catch (IllegalStateException expected) {
        // the scheduler of a node logs and goes on
      }
    }
    assertThat(received).containsExactly(0L, 1L, 2L, 4L, 5L);
    assertThat(inbox.pending()).isZero();
  }
}
