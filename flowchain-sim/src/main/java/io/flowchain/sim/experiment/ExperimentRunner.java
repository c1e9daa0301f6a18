package io.flowchain.sim.experiment;

import io.flowchain.sim.SimConfig;
import java.util.function.Consumer;

/** Runs the experiments of a plan in order, handing each row over as soon as it is measured. */
public final class ExperimentRunner {
  private ExperimentRunner() {}

  /**
   * Runs {@code plan}. {@code rows} receives each result; {@code progress} receives a short line
   * before each run.
   */
  public static void run(
      ExperimentPlan plan, Consumer<ExperimentResult> rows, Consumer<String> progress) {
    SimConfig base = SimConfig.defaults(plan.seed());
    if (plan.includes("path-length")) {
      for (int n = 8; n <= plan.pathMaxNodes(); n *= 2) {
        progress.accept("path-length: " + n + " nodes");
        rows.accept(PathLengthExperiment.run(base, n, plan.lookups()));
      }
    }
    if (plan.includes("failure")) {
      for (double p : plan.failFractions()) {
        progress.accept("failure: p = " + p + ", " + plan.nodes() + " nodes");
        rows.accept(FailureExperiment.run(base, plan.nodes(), plan.lookups(), p));
      }
    }
    if (plan.includes("churn")) {
      for (double rate : plan.churnRates()) {
        progress.accept("churn: " + rate + " joins and failures/s, " + plan.nodes() + " nodes");
        rows.accept(
            ChurnExperiment.run(
                base, plan.nodes(), plan.lookups(), rate, plan.churnSeconds() * 1000L));
      }
    }
    if (plan.includes("replication")) {
      SimConfig replicated = base.withReplicas(plan.replicas());
      for (double p : plan.failFractions()) {
        progress.accept("replication: r = " + plan.replicas() + ", p = " + p);
        rows.accept(ReplicationExperiment.run(replicated, plan.nodes(), plan.lookups(), p));
      }
    }
  }
}
