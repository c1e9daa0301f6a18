package io.flowchain.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowchain.core.types.Key;
import io.flowchain.dht.LookupResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class SimulationTest {
  /** Joins, churn with loss, lookups: everything that draws randomness. */
  private static String traceOfARun(long seed) {
    Simulation sim = new Simulation(SimConfig.defaults(seed).withLossRate(0.02));
    sim.setTrace(Trace.hashing());
    List<SimNode> nodes = sim.addNodes(24);
    sim.create(nodes.get(0));
    for (int i = 1; i < nodes.size(); i++) {
      sim.join(nodes.get(i), nodes.get(sim.random().nextInt(i)));
      sim.runFor(250);
    }
    sim.runFor(10_000);
    sim.kill(nodes.get(5));
    sim.leave(nodes.get(9));
    for (int i = 0; i < 50; i++) {
      byte[] b = new byte[20];
      sim.random().nextBytes(b);
      sim.lookup(nodes.get(i % 4), Key.of(b), r -> {});
    }
    sim.restart(nodes.get(5), nodes.get(1));
    sim.runFor(15_000);
    return sim.trace().digestHex() + "/" + sim.trace().lines();
  }

  @Test
  void sameSeedGivesAnIdenticalTrace() {
    String first = traceOfARun(99);
    assertThat(traceOfARun(99)).isEqualTo(first);
    assertThat(traceOfARun(100)).isNotEqualTo(first);
  }

  private static Simulation convergedRing(long seed, int n) {
    Simulation sim = new Simulation(SimConfig.defaults(seed));
    sim.bootstrapRing(sim.addNodes(n));
    assertThat(sim.runUntil(60_000, () -> sim.fingerAccuracy() == 1.0)).isTrue();
    return sim;
  }

  @Test
  void failureIsDetectedWithinTheConfiguredTtl() {
    Simulation sim = convergedRing(3, 32);
    SimNode victim = sim.members().get(10);
    SimNode predecessor = sim.nodeOf(sim.oracle().predecessorOf(victim.peer()));
    long killedAt = sim.nowMillis();
    sim.kill(victim);
    long ttl = sim.config().chord().ttlMillis();
    long check = sim.config().chord().checkIntervalMillis();
    assertThat(
            sim.runUntil(
                ttl + check + 500, () -> predecessor.chord().stats().successorFailures() > 0))
        .isTrue();
    long detectedAt = sim.successorFailures().get(0)[0];
    // declared when its TTL runs out, at most TTL after the crash (it was last heard before it)
    assertThat(detectedAt - killedAt).isLessThanOrEqualTo(ttl);
    assertThat(predecessor.chord().successor())
        .isEqualTo(sim.oracle().successorOf(predecessor.peer()));
  }

  /**
   * Both neighbours drop a crashed node within TTL of the crash (plus a round trip), and neither
   * takes it back: the successor after it may still name it as its predecessor for a while, which
   * must not make the predecessor adopt it again.
   */
  @Test
  void bothNeighboursDropACrashedNodeOnceAndForAll() {
    for (long seed = 11; seed < 21; seed++) {
      Simulation sim = convergedRing(seed, 8);
      SimNode victim = sim.members().get(3);
      SimNode before = sim.nodeOf(sim.oracle().predecessorOf(victim.peer()));
      SimNode after = sim.nodeOf(sim.oracle().successorOf(victim.peer()));
      long killedAt = sim.nowMillis();
      sim.kill(victim);
      BooleanSupplier dropped =
          () ->
              !before.chord().successor().equals(victim.peer())
                  && !after.chord().predecessor().map(victim.peer()::equals).orElse(false);
      long ttl = sim.config().chord().ttlMillis();
      long check = sim.config().chord().checkIntervalMillis();
      // last heard at most one round trip (< 200 ms) before the crash, declared at its deadline
      assertThat(sim.runUntil(ttl + 200, dropped)).as("seed %d: dropped", seed).isTrue();
      long droppedAt = sim.nowMillis();
      while (sim.nowMillis() < droppedAt + 10_000) {
        sim.runFor(10);
        assertThat(dropped.getAsBoolean())
            .as("seed %d: taken back %d ms after the crash", seed, sim.nowMillis() - killedAt)
            .isTrue();
      }
    }
  }

  @Test
  void ringIsRepairedAfterTwentyPercentFailAtOnce() {
    Simulation sim = convergedRing(4, 300);
    List<SimNode> members = new ArrayList<>(sim.members());
    Set<Integer> dead = new HashSet<>();
    while (dead.size() < 60) {
      dead.add(sim.random().nextInt(members.size()));
    }
    for (int i : dead) {
      sim.kill(members.get(i));
    }
    assertThat(sim.successorsCorrect()).isFalse();
    assertThat(sim.runUntil(10_000, sim::successorsCorrect)).as("repaired within 10 s").isTrue();
    RingOracle truth = sim.oracle();
    List<LookupResult> results = new ArrayList<>();
    List<SimNode> alive = sim.members();
    for (int i = 0; i < 200; i++) {
      byte[] b = new byte[20];
      sim.random().nextBytes(b);
      sim.lookup(alive.get(i % alive.size()), Key.of(b), results::add);
    }
    sim.runFor(6_000);
    assertThat(results).hasSize(200);
    for (LookupResult r : results) {
      assertThat(r.successor()).isEqualTo(truth.successor(r.target()));
    }
  }

  @Test
  void partitionsHeal() {
    Simulation sim = convergedRing(5, 40);
    Set<String> half = new HashSet<>();
    for (SimNode n : sim.members()) {
      if (n.index() % 2 == 0) {
        half.add(n.peer().address());
      }
    }
    sim.network().partition(List.of(half));
    sim.runFor(20_000); // long enough for each side to declare the other dead
    assertThat(sim.successorsCorrect()).isFalse();
    sim.network().heal();
    assertThat(sim.runUntil(120_000, sim::successorsCorrect)).as("one ring again").isTrue();
    assertThat(sim.runUntil(10_000, () -> RingChecks.predecessorsCorrect(sim))).isTrue();
  }

  @Test
  void killedNodeRestartsWithTheSameIdentity() {
    Simulation sim = convergedRing(6, 20);
    SimNode n = sim.members().get(7);
    sim.kill(n);
    assertThat(sim.runUntil(10_000, sim::successorsCorrect)).isTrue();
    sim.restart(n, sim.members().get(0));
    assertThat(n.incarnation()).isEqualTo(2);
    assertThat(sim.runUntil(30_000, () -> n.isMember() && sim.successorsCorrect())).isTrue();
    assertThat(sim.runUntil(10_000, () -> RingChecks.successorListsCorrect(sim))).isTrue();
  }
}
