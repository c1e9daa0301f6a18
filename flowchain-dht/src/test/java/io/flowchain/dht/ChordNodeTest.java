package io.flowchain.dht;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowchain.core.types.Key;
import io.flowchain.core.types.NodeId;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChordNodeTest {
  private static NodeId id(long v) {
    return NodeId.of(BigInteger.valueOf(v));
  }

  @Test
  void aRingOfOneOwnsEveryKey() {
    LoopbackNetwork net = new LoopbackNetwork(1);
    ChordNode a = net.newNode(id(100), ChordConfig.defaults());
    a.create();
    List<LookupResult> results = new ArrayList<>();
    a.lookup(Key.of(BigInteger.valueOf(5)), results::add);
    a.lookup(Key.of(BigInteger.valueOf(500)), results::add);
    assertThat(results).extracting(LookupResult::successor).containsOnly(a.self());
    assertThat(results).extracting(LookupResult::hops).containsOnly(0);
    assertThat(a.ownedRange().contains(Key.of(BigInteger.ZERO))).isTrue();
  }

  @Test
  void twoNodesCloseTheRingIncludingTheWrap() {
    LoopbackNetwork net = new LoopbackNetwork(2);
    ChordNode a = net.newNode(id(10), ChordConfig.defaults());
    ChordNode b =
        net.newNode(NodeId.of(Ring.SIZE.subtract(BigInteger.TEN)), ChordConfig.defaults());
    a.create();
    b.join(a.self());
    net.scheduler.advance(5_000);
    assertThat(a.successor()).isEqualTo(b.self());
    assertThat(b.successor()).isEqualTo(a.self());
    assertThat(a.predecessor()).contains(b.self());
    assertThat(b.predecessor()).contains(a.self());
    // a key past the top of the ring belongs to a, the first node after zero
    List<LookupResult> results = new ArrayList<>();
    b.lookup(Key.of(Ring.SIZE.subtract(BigInteger.ONE)), results::add);
    net.scheduler.advance(1_000);
    assertThat(results).singleElement().extracting(LookupResult::successor).isEqualTo(a.self());
  }

  @Test
  void aDeadSuccessorIsDeclaredWithinTtlPlusCheckInterval() {
    LoopbackNetwork net = new LoopbackNetwork(3);
    ChordConfig config = ChordConfig.defaults();
    List<ChordNode> nodes = new ArrayList<>();
    for (long v : new long[] {100, 200, 300, 400}) {
      nodes.add(net.newNode(id(v), config));
    }
    nodes.get(0).create();
    for (int i = 1; i < nodes.size(); i++) {
      nodes.get(i).join(nodes.get(0).self());
      net.scheduler.advance(2_000);
    }
    net.scheduler.advance(10_000);
    assertThat(nodes.get(0).successor()).isEqualTo(nodes.get(1).self());
    long killedAt = net.scheduler.nowMillis();
    net.kill(nodes.get(1));
    long bound = config.ttlMillis() + config.checkIntervalMillis() + 2 * LoopbackNetwork.LATENCY;
    while (nodes.get(0).stats().successorFailures() == 0
        && net.scheduler.nowMillis() - killedAt <= bound) {
      net.scheduler.advance(10);
    }
    assertThat(nodes.get(0).stats().successorFailures()).isEqualTo(1);
    assertThat(net.scheduler.nowMillis() - killedAt).isLessThanOrEqualTo(bound);
    assertThat(nodes.get(0).successor()).isEqualTo(nodes.get(2).self());
  }

  @Test
  void lifeCycleIsChecked() {
    LoopbackNetwork net = new LoopbackNetwork(4);
    ChordNode a = net.newNode(id(1), ChordConfig.defaults());
    assertThatThrownBy(() -> a.join(a.self())).isInstanceOf(IllegalArgumentException.class);
    a.create();
    assertThatThrownBy(a::create).isInstanceOf(IllegalStateException.class);
    a.stop();
    assertThat(a.isStopped()).isTrue();
    assertThatThrownBy(() -> a.lookup(Key.of(BigInteger.ONE), r -> {}))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void configRejectsNonsense() {
    assertThatThrownBy(() -> ChordConfig.defaults().withSuccessorListSize(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ChordConfig(8, 1000, 1000, 1000, 500, 500, 5000, 1000, 5000))
        .hasMessageContaining("TTL");
    assertThat(ChordConfig.defaults().stabilizeIntervalMillis()).isEqualTo(1_000);
    assertThat(ChordConfig.defaults().checkIntervalMillis()).isEqualTo(1_000);
  }
}
