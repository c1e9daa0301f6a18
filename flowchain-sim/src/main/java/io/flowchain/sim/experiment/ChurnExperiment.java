package io.flowchain.sim.experiment;

import io.flowchain.sim.RingOracle;
import io.flowchain.sim.SimConfig;
import io.flowchain.sim.SimNode;
import io.flowchain.sim.Simulation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Continuous churn (Chord paper, "lookups during stabilization"): nodes join and crash as two
 * Poisson processes of {@code rate} events per second each while lookups are issued at a steady
 * pace; a lookup fails when it returns a node that was not the key's successor when it started nor
 * when it ended, or no answer.
 */
public final class ChurnExperiment {
  private static final long SLICE_MILLIS = 10;

  private ChurnExperiment() {}

  public static ExperimentResult run(
      SimConfig config, int nodes, int lookups, double rate, long durationMillis) {
    if (!(rate >= 0)) {
      throw new IllegalArgumentException("churn rate must not be negative: " + rate);
    }
    long wallStart = System.nanoTime();
    Simulation sim = new Simulation(config);
    RingSetup.converged(sim, nodes, 120_000);
    long start = sim.nowMillis();
    long timeoutsBefore = RingSetup.hopTimeouts(sim);
    List<SimNode> down = new ArrayList<>();
    LookupBatch batch = new LookupBatch(sim);
    double perSliceEvents = rate * SLICE_MILLIS / 1000.0;
    double perSliceLookups = (double) lookups * SLICE_MILLIS / durationMillis;
    double lookupCredit = 0;
    int joins = 0;
    int failures = 0;
    while (sim.nowMillis() - start < durationMillis) {
      List<SimNode> members = sim.members();
      if (sim.random().nextDouble() < perSliceEvents && members.size() > 2) {
        SimNode victim = members.get(sim.random().nextInt(members.size()));
        sim.kill(victim);
        down.add(victim);
        failures++;
        members = sim.members();
      }
      if (sim.random().nextDouble() < perSliceEvents) {
        SimNode via = members.get(sim.random().nextInt(members.size()));
        if (!down.isEmpty() && sim.random().nextBoolean()) {
          sim.restart(down.remove(sim.random().nextInt(down.size())), via);
        } else {
          sim.join(sim.addNode(), via);
        }
        joins++;
      }
      lookupCredit += perSliceLookups;
      if (lookupCredit >= 1) {
        RingOracle now = sim.oracle();
        while (lookupCredit >= 1) {
          batch.issueOne(members, now);
          lookupCredit -= 1;
        }
      }
      sim.runFor(SLICE_MILLIS);
    }
    batch.await();
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("churnRatePerSecond", rate);
    extra.put("joins", joins);
    extra.put("failures", failures);
    extra.put("wrong", batch.wrong());
    extra.put("unanswered", batch.unanswered());
    extra.put(
        "failedFraction",
        ExperimentResult.round(
            batch.issued() == 0 ? 0 : (double) batch.failed() / batch.issued(), 5));
    extra.put("membersAtEnd", sim.members().size());
    extra.put("events", sim.loop().eventsProcessed());
    return new ExperimentResult(
        "churn",
        nodes,
        batch.issued(),
        batch.meanHops(),
        batch.percentileHops(0.99),
        batch.failed(),
        RingSetup.hopTimeouts(sim) - timeoutsBefore,
        0,
        sim.nowMillis() / 1000.0,
        (System.nanoTime() - wallStart) / 1e9,
        extra);
  }
}
