package io.flowchain.sim.experiment;

import io.flowchain.sim.SimConfig;
import io.flowchain.sim.Simulation;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Path length versus ring size (Chord paper, "path length"): a stable ring of N nodes, whose
 * fingers the nodes built themselves, answers random lookups; the mean should stay near ½·log2 N.
 */
public final class PathLengthExperiment {
  private PathLengthExperiment() {}

  public static ExperimentResult run(SimConfig config, int nodes, int lookups) {
    long wallStart = System.nanoTime();
    Simulation sim = new Simulation(config);
    long convergeMillis = RingSetup.converged(sim, nodes, 120_000);
    double fingerAccuracy = sim.fingerAccuracy();
    long start = sim.nowMillis();
    long timeoutsBefore = RingSetup.hopTimeouts(sim);
    long eventsBefore = sim.loop().eventsProcessed();
    LookupBatch batch = new LookupBatch(sim);
    batch.issue(lookups);
    batch.await();
    double log2n = Math.log(nodes) / Math.log(2);
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("halfLog2N", ExperimentResult.round(log2n / 2, 3));
    extra.put("convergeSeconds", convergeMillis / 1000.0);
    extra.put("fingerAccuracy", ExperimentResult.round(fingerAccuracy, 5));
    extra.put("events", sim.loop().eventsProcessed());
    double wall = (System.nanoTime() - wallStart) / 1e9;
    extra.put("eventsPerSecond", Math.round(sim.loop().eventsProcessed() / wall));
    extra.put("lookupEvents", sim.loop().eventsProcessed() - eventsBefore);
    return new ExperimentResult(
        "path-length",
        nodes,
        batch.issued(),
        batch.meanHops(),
        batch.percentileHops(0.99),
        batch.failed(),
        RingSetup.hopTimeouts(sim) - timeoutsBefore,
        0,
        (sim.nowMillis() - start + convergeMillis) / 1000.0,
        wall,
        extra);
  }
}
