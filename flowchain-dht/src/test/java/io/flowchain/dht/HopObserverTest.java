package io.flowchain.dht;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowchain.core.types.Key;
import io.flowchain.core.types.NodeId;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HopObserverTest {
  /** What one node's observer saw. */
  private static final class Seen implements ChordStats.HopObserver {
    final List<Integer> routed = new ArrayList<>();
    final List<Integer> lookups = new ArrayList<>();

    @Override
    public void onRouted(int hops) {
      routed.add(hops);
    }

    @Override
    public void onLookup(int hops) {
      lookups.add(hops);
    }
  }

  @Test
  void theEndOfARouteAndTheOriginOfALookupSeeTheirHopCounts() {
    LoopbackNetwork net = new LoopbackNetwork(11);
    List<ChordNode> nodes = new ArrayList<>();
    for (long v : new long[] {100, 200, 300, 400}) {
      nodes.add(net.newNode(NodeId.of(BigInteger.valueOf(v)), ChordConfig.defaults()));
    }
    nodes.get(0).create();
    for (int i = 1; i < nodes.size(); i++) {
      nodes.get(i).join(nodes.get(0).self());
      net.scheduler.advance(2_000);
    }
    net.scheduler.advance(20_000);
    List<Seen> seen = new ArrayList<>();
    for (ChordNode n : nodes) {
      Seen s = new Seen();
      n.stats().observeHops(s);
      seen.add(s);
    }

    // key 350 belongs to node 400; node 100 is two ring positions before its predecessor
    nodes.get(0).route(Key.of(BigInteger.valueOf(350)), new byte[] {1});
    List<LookupResult> results = new ArrayList<>();
    nodes.get(0).lookup(Key.of(BigInteger.valueOf(350)), results::add);
    net.scheduler.advance(1_000);
    for (ChordNode n : nodes) {
      n.stats().observeHops(null); // background lookups (finger repairs) stop being seen
    }

    assertThat(seen.get(0).routed).isEmpty();
    assertThat(seen.get(1).routed).isEmpty();
    assertThat(seen.get(3).routed).isEmpty();
    // node 300 hands the message to 400, its successor: the route's hops end there
    assertThat(seen.get(2).routed).singleElement().satisfies(h -> assertThat(h).isBetween(1, 3));
    assertThat(results)
        .singleElement()
        .extracting(LookupResult::successor)
        .isEqualTo(nodes.get(3).self());
    assertThat(seen.get(0).lookups).contains(results.get(0).hops());
  }

  @Test
  void aLoneNodeRoutesToItselfInNoHops() {
    LoopbackNetwork net = new LoopbackNetwork(12);
    ChordNode a = net.newNode(NodeId.of(BigInteger.valueOf(5)), ChordConfig.defaults());
    a.create();
    Seen s = new Seen();
    a.stats().observeHops(s);
    a.route(Key.of(BigInteger.valueOf(99)), new byte[] {1});
    assertThat(s.routed).containsExactly(0);
  }
}
