package io.flowchain.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventLoopTest {
  @Test
  void runsInTimeOrderAndFifoWithinAMillisecond() {
    EventLoop loop = new EventLoop();
    List<String> order = new ArrayList<>();
    loop.schedule(5, () -> order.add("b1"));
    loop.schedule(1, () -> order.add("a"));
    loop.schedule(5, () -> order.add("b2"));
    loop.schedule(EventLoop.WINDOW + 100L, () -> order.add("far"));
    loop.schedule(5, () -> loop.schedule(0, () -> order.add("b3")));
    loop.runUntil(EventLoop.WINDOW + 200L);
    assertThat(order).containsExactly("a", "b1", "b2", "b3", "far");
    assertThat(loop.now()).isEqualTo(EventLoop.WINDOW + 200L);
  }

  @Test
  void farEventsKeepTheirOrderWithNearOnesDueTheSameMillisecond() {
    EventLoop loop = new EventLoop();
    List<String> order = new ArrayList<>();
    long due = 3L * EventLoop.WINDOW;
    loop.schedule(due, () -> order.add("scheduled first"));
    loop.runUntil(due - 10);
    loop.schedule(10, () -> order.add("scheduled later"));
    loop.runUntil(due);
    assertThat(order).containsExactly("scheduled first", "scheduled later");
  }

  @Test
  void cancelledEventsDoNotRun() {
    EventLoop loop = new EventLoop();
    List<String> order = new ArrayList<>();
    EventLoop.Event e = loop.schedule(3, () -> order.add("x"));
    loop.schedule(4, () -> order.add("y"));
    e.cancel();
    loop.runFor(10);
    assertThat(order).containsExactly("y");
    assertThat(loop.eventsProcessed()).isEqualTo(1);
  }
}
