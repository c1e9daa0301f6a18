package io.flowchain.dht;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowchain.core.types.Key;
import io.flowchain.core.types.NodeId;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Rings built by joins through random members, checked after stabilization against a brute-force
 * sorted ring: every lookup returns the true successor and every finger converges.
 */
class ChordConvergencePropertyTest {
  private static final int R = 4;

  private static LoopbackNetwork ring(List<BigInteger> ids, long seed) {
    LoopbackNetwork net = new LoopbackNetwork(seed);
    ChordConfig config = ChordConfig.defaults().withSuccessorListSize(R);
    Set<BigInteger> seen = new HashSet<>();
    for (BigInteger v : ids) {
      if (seen.add(v)) {
        net.newNode(NodeId.of(v), config);
      }
    }
    net.nodes.get(0).create();
    for (int i = 1; i < net.nodes.size(); i++) {
      ChordNode via = net.nodes.get((int) ((seed + i * 7L) % i));
      net.nodes.get(i).join(via.self());
      net.scheduler.advance(300);
    }
    // finger repair needs about one period per distinct finger; 160 periods is a wide margin
    net.scheduler.advance(160_000);
    return net;
  }

  @Property(tries = 12)
  void afterStabilizationEveryLookupReturnsTheTrueSuccessor(
      @ForAll @Size(min = 2, max = 24) List<@IntRange(min = 0, max = 1 << 30) Integer> raw,
      @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 0) Integer> keys,
      @ForAll @IntRange(max = 1000) int seed) {
    List<BigInteger> ids = new ArrayList<>();
    for (int v : raw) {
      // spread the ids over the whole ring, wrap-around included
      ids.add(BigInteger.valueOf(v).shiftLeft(129).add(BigInteger.valueOf(v)).mod(Ring.SIZE));
    }
    LoopbackNetwork net = ring(ids, seed);
    List<ChordNode> live = net.live();
    assertThat(live).hasSize(new HashSet<>(ids).size());
    for (ChordNode n : live) {
      assertThat(n.successor())
          .isEqualTo(
              net.trueSuccessor(n.self().id().toBigInteger().add(BigInteger.ONE).mod(Ring.SIZE)));
    }
    List<LookupResult> results = new ArrayList<>();
    List<BigInteger> asked = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      BigInteger k = BigInteger.valueOf(keys.get(i)).shiftLeft(128).mod(Ring.SIZE);
      asked.add(k);
      live.get(i % live.size()).lookup(Key.of(k), results::add);
    }
    net.scheduler.advance(2_000);
    assertThat(results).hasSize(keys.size());
    for (LookupResult r : results) {
      assertThat(r.succeeded()).isTrue();
      assertThat(r.successor()).isEqualTo(net.trueSuccessor(r.target().toBigInteger()));
    }
  }

  @Property(tries = 8)
  void fingerTablesConverge(
      @ForAll @Size(min = 2, max = 20) List<@IntRange(min = 0, max = 1 << 30) Integer> raw,
      @ForAll @IntRange(max = 1000) int seed) {
    List<BigInteger> ids = new ArrayList<>();
    for (int v : raw) {
      ids.add(
          BigInteger.valueOf(v)
              .multiply(BigInteger.valueOf(0x9e3779b97f4a7c15L))
              .shiftLeft(90)
              .mod(Ring.SIZE));
    }
    LoopbackNetwork net = ring(ids, seed);
    for (ChordNode n : net.live()) {
      for (int i = 0; i < 160; i++) {
        Peer expected = net.trueSuccessor(Ring.fingerStart(n.self().id(), i).toBigInteger());
        assertThat(n.finger(i)).as("finger %d of %s", i, n.self()).contains(expected);
      }
      assertThat(n.successorList())
          .hasSize(Math.min(R, net.live().size() - 1))
          .doesNotContain(n.self());
    }
  }
}
