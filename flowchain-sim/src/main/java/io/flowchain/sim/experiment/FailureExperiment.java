package io.flowchain.sim.experiment;

import io.flowchain.sim.RingChecks;
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
 * Simultaneous failures (Chord paper, "simultaneous node failures"): in a stable ring, a fraction p
 * of the nodes crash at the same instant. Lookups are issued at once, without waiting for repair,
 * and again after the ring has stabilized. Also measures how long the survivors take to declare
 * their dead successors (TTL detection) and to repair every successor pointer.
 */
public final class FailureExperiment {
  private FailureExperiment() {}

  public static ExperimentResult run(SimConfig config, int nodes, int lookups, double fraction) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("failure fraction must be in (0, 1): " + fraction);
    }
    long wallStart = System.nanoTime();
    Simulation sim = new Simulation(config);
    RingSetup.converged(sim, nodes, 120_000);

    List<SimNode> members = new ArrayList<>(sim.members());
    int victims = (int) Math.round(fraction * members.size());
    Set<Integer> dead = new HashSet<>();
    while (dead.size() < victims) {
      dead.add(members.get(sim.random().nextInt(members.size())).index());
    }
    long failAt = sim.nowMillis();
    int detectionsBefore = sim.successorFailures().size();
    long timeoutsBefore = RingSetup.hopTimeouts(sim);
    for (SimNode n : members) {
      if (dead.contains(n.index())) {
        sim.kill(n);
      }
    }
    // how many survivors lost their successor: each must detect it
    Set<Integer> mustDetect = new HashSet<>();
    for (SimNode n : sim.members()) {
      if (!sim.nodeOf(n.chord().successor()).isUp()) {
        mustDetect.add(n.index());
      }
    }

    LookupBatch before = new LookupBatch(sim);
    before.issue(lookups);
    long repairMillis = -1;
    long deadline = failAt + 120_000;
    while (sim.nowMillis() < deadline) {
      sim.runFor(100);
      if (repairMillis < 0 && sim.successorsCorrect()) {
        repairMillis = sim.nowMillis() - failAt;
      }
      if (repairMillis >= 0 && before.issued() > 0 && sim.nowMillis() - failAt >= 6_000) {
        break;
      }
    }
    before.await();
    List<long[]> detections = sim.successorFailures();
    // first declaration by each survivor whose successor died
    Set<Integer> detected = new HashSet<>();
    long maxDetection = 0;
    long sumDetection = 0;
    for (int i = detectionsBefore; i < detections.size(); i++) {
      int detector = (int) detections.get(i)[1];
      if (mustDetect.contains(detector) && detected.add(detector)) {
        long d = detections.get(i)[0] - failAt;
        maxDetection = Math.max(maxDetection, d);
        sumDetection += d;
      }
    }
    int count = detected.size();
    int declared = detections.size() - detectionsBefore;
    // stabilized: every successor right; give fingers a few more rounds, then look up again
    sim.runFor(5_000);
    LookupBatch after = new LookupBatch(sim);
    after.issue(lookups);
    after.await();

    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("failFraction", fraction);
    extra.put("killed", victims);
    extra.put("failedBeforeStabilization", before.failed());
    extra.put("wrongBeforeStabilization", before.wrong());
    extra.put("unansweredBeforeStabilization", before.unanswered());
    extra.put("meanPathLengthBefore", ExperimentResult.round(before.meanHops(), 3));
    extra.put("successorsToDetect", mustDetect.size());
    extra.put("successorsDetected", count);
    extra.put("successorFailuresDeclared", declared);
    extra.put(
        "meanDetectionSeconds",
        count == 0 ? 0 : ExperimentResult.round(sumDetection / 1000.0 / count, 3));
    extra.put("maxDetectionSeconds", maxDetection / 1000.0);
    extra.put("repairSeconds", repairMillis < 0 ? null : repairMillis / 1000.0);
    extra.put("successorListsCorrect", RingChecks.successorListsCorrect(sim));
    extra.put("events", sim.loop().eventsProcessed());
    double wall = (System.nanoTime() - wallStart) / 1e9;
    return new ExperimentResult(
        "failure",
        nodes,
        before.issued() + after.issued(),
        after.meanHops(),
        after.percentileHops(0.99),
        after.failed(),
        RingSetup.hopTimeouts(sim) - timeoutsBefore,
        0,
        sim.nowMillis() / 1000.0,
        wall,
        extra);
  }
}
