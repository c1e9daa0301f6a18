package io.flowchain.sim.experiment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of an experiment's output: the fields every experiment reports, then its own.
 *
 * @param experiment the experiment's name
 * @param nodes ring size at the start
 * @param lookups lookups issued and checked
 * @param meanPathLength mean hops of the lookups that got an answer
 * @param p99PathLength 99th percentile of the hops
 * @param failedLookups lookups that returned a wrong successor or none (after stabilization, for
 *     the failure experiment)
 * @param timeouts hops (lookup, routed message, finger repair) that went unacknowledged
 * @param lostKeys keys of which no live copy remained
 * @param simulatedSeconds virtual time the row covers
 * @param wallSeconds real time it took
 * @param extra the experiment's own fields, in order
 */
public record ExperimentResult(
    String experiment,
    int nodes,
    long lookups,
    double meanPathLength,
    int p99PathLength,
    long failedLookups,
    long timeouts,
    long lostKeys,
    double simulatedSeconds,
    double wallSeconds,
    Map<String, Object> extra) {

  public ExperimentResult {
    extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
  }

  /** Every field by name, the common ones first. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("experiment", experiment);
    m.put("nodes", nodes);
    m.put("lookups", lookups);
    m.put("meanPathLength", round(meanPathLength, 3));
    m.put("p99PathLength", p99PathLength);
    m.put("failedLookups", failedLookups);
    m.put("timeouts", timeouts);
    m.put("lostKeys", lostKeys);
    m.put("simulatedSeconds", round(simulatedSeconds, 3));
    m.put("wallSeconds", round(wallSeconds, 3));
    m.putAll(extra);
    return m;
  }

  static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }
}
