package io.flowchain.sim.experiment;

import io.flowchain.core.types.Key;
import io.flowchain.sim.RingOracle;
import io.flowchain.sim.SimConfig;
import io.flowchain.sim.SimNode;
import io.flowchain.sim.Simulation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Key survival with replication (Chord paper, successor-list replication): keys are stored through
 * the ring, each on its successor and the next r - 1 nodes; a fraction p of the nodes then crash at
 * once. A key is lost when no live node holds a copy (expected about K·p^r); after repair, a key is
 * available when its new successor holds it.
 */
public final class ReplicationExperiment {
  private ReplicationExperiment() {}

  public static ExperimentResult run(SimConfig config, int nodes, int keys, double fraction) {
    long wallStart = System.nanoTime();
    Simulation sim = new Simulation(config);
    RingSetup.converged(sim, nodes, 120_000);
    List<SimNode> members = new ArrayList<>(sim.members());
    List<Key> stored = new ArrayList<>();
    for (int i = 0; i < keys; i++) {
      byte[] b = new byte[20];
      sim.random().nextBytes(b);
      Key k = Key.of(b);
      stored.add(k);
      members.get(sim.random().nextInt(members.size())).store().put(k);
    }
    sim.runFor(5_000);
    long copies = 0;
    for (Key k : stored) {
      for (SimNode n : members) {
        if (n.store().holds(k)) {
          copies++;
        }
      }
    }
    Set<Integer> dead = new HashSet<>();
    int victims = (int) Math.round(fraction * members.size());
    while (dead.size() < victims) {
      dead.add(members.get(sim.random().nextInt(members.size())).index());
    }
    for (SimNode n : members) {
      if (dead.contains(n.index())) {
        sim.kill(n);
      }
    }
    List<SimNode> alive = sim.members();
    long lost = 0;
    for (Key k : stored) {
      boolean held = false;
      for (SimNode n : alive) {
        if (n.store().holds(k)) {
          held = true;
          break;
        }
      }
      if (!held) {
        lost++;
      }
    }
    long killedAt = sim.nowMillis();
    sim.runUntil(60_000, sim::successorsCorrect);
    long repairMillis = sim.nowMillis() - killedAt;
    sim.runFor(10_000);
    RingOracle truth = sim.oracle();
    long unavailable = 0;
    for (Key k : stored) {
      if (!sim.nodeOf(truth.successor(k)).store().holds(k)) {
        unavailable++;
      }
    }
    int r = config.replicas();
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("replicas", r);
    extra.put("failFraction", fraction);
    extra.put("keys", keys);
    extra.put("copiesPerKey", ExperimentResult.round((double) copies / keys, 3));
    extra.put("expectedLostKeys", ExperimentResult.round(keys * Math.pow(fraction, r), 2));
    extra.put("unavailableAfterRepair", unavailable);
    extra.put("repairSeconds", repairMillis / 1000.0);
    extra.put("events", sim.loop().eventsProcessed());
    return new ExperimentResult(
        "replication",
        nodes,
        0,
        0,
        0,
        0,
        RingSetup.hopTimeouts(sim),
        lost,
        sim.nowMillis() / 1000.0,
        (System.nanoTime() - wallStart) / 1e9,
        extra);
  }
}
