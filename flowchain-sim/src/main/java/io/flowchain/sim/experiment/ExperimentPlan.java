package io.flowchain.sim.experiment;

import java.util.List;
import java.util.Set;

/**
 * What {@code flowchain sim} runs.
 *
 * @param experiments names to run, from {@link #NAMES}
 * @param nodes ring size for failure, churn and replication
 * @param pathMaxNodes largest ring of the path-length series (powers of two from 8)
 * @param lookups lookups per row (keys stored, for replication)
 * @param seed seed of every run
 * @param failFractions fractions p that fail at once (failure, replication)
 * @param churnRates joins and failures per second, each (churn)
 * @param churnSeconds simulated seconds of churn per rate
 * @param replicas copies of each key (replication)
 */
public record ExperimentPlan(
    Set<String> experiments,
    int nodes,
    int pathMaxNodes,
    int lookups,
    long seed,
    List<Double> failFractions,
    List<Double> churnRates,
    int churnSeconds,
    int replicas) {
  public static final List<String> NAMES =
      List.of("path-length", "failure", "churn", "replication");

  public ExperimentPlan {
    for (String e : experiments) {
      if (!NAMES.contains(e)) {
        throw new IllegalArgumentException(
            "unknown experiment '" + e + "'; choose from " + String.join(", ", NAMES));
      }
    }
    if (nodes < 2) {
      throw new IllegalArgumentException("need at least 2 nodes: " + nodes);
    }
    if (pathMaxNodes < 8) {
      throw new IllegalArgumentException("path-length needs at least 8 nodes: " + pathMaxNodes);
    }
    if (lookups < 1) {
      throw new IllegalArgumentException("need at least one lookup: " + lookups);
    }
    for (double p : failFractions) {
      if (!(p > 0 && p < 1)) {
        throw new IllegalArgumentException("failure fractions must be in (0, 1): " + p);
      }
    }
    for (double r : churnRates) {
      if (!(r >= 0 && r <= 1000)) {
        throw new IllegalArgumentException("churn rates must be in [0, 1000] per second: " + r);
      }
    }
    if (churnSeconds < 1) {
      throw new IllegalArgumentException("churn needs at least one second: " + churnSeconds);
    }
    if (replicas < 1 || replicas > 32) {
      throw new IllegalArgumentException("replicas must be in [1, 32]: " + replicas);
    }
    experiments = Set.copyOf(experiments);
    failFractions = List.copyOf(failFractions);
    churnRates = List.copyOf(churnRates);
  }

  public boolean includes(String name) {
    return experiments.contains(name);
  }
}
