package io.flowchain.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowchain.sim.experiment.ExperimentPlan;
import io.flowchain.sim.experiment.ExperimentResult;
import io.flowchain.sim.experiment.ExperimentRunner;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flowchain sim}: the Chord paper's experiments on the deterministic simulator. */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs the Chord paper's experiments on the deterministic simulator, with the real DHT code"
          + " on every simulated node, and prints one table per experiment.",
      "Experiments: path-length (mean hops versus ring size, 8 nodes up to --path-nodes),"
          + " failure (a fraction p of the nodes crash at once; lookups before and after"
          + " stabilization), churn (joins and crashes as Poisson processes), replication (keys"
          + " with r copies survive simultaneous crashes).",
      "Same options and seed give the same results."
    })
final class SimCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--experiment",
      paramLabel = "NAME",
      split = ",",
      description =
          "Experiment(s) to run: path-length, failure, churn, replication (comma-separated;"
              + " default: all).")
  List<String> experiments = new ArrayList<>();

  @Option(
      names = "--nodes",
      paramLabel = "N",
      defaultValue = "1000",
      description = "Ring size for failure, churn and replication (default: ${DEFAULT-VALUE}).")
  int nodes;

  @Option(
      names = "--path-nodes",
      paramLabel = "N",
      defaultValue = "4096",
      description =
          "Largest ring of the path-length series, which runs 8, 16, 32, ... up to N"
              + " (default: ${DEFAULT-VALUE}; 16384 for the paper's range).")
  int pathNodes;

  @Option(
      names = "--lookups",
      paramLabel = "L",
      defaultValue = "1000",
      description =
          "Lookups per table row; for replication, the number of keys stored"
              + " (default: ${DEFAULT-VALUE}).")
  int lookups;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "1",
      description = "Seed of every run (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--fail",
      paramLabel = "P",
      split = ",",
      description =
          "Fractions of nodes that crash at once, for failure and replication"
              + " (default: 0.1,0.2,0.3,0.4,0.5).")
  List<Double> fail = new ArrayList<>(List.of(0.1, 0.2, 0.3, 0.4, 0.5));

  @Option(
      names = "--churn",
      paramLabel = "R",
      split = ",",
      description =
          "Churn rates: joins per second and crashes per second, each; the stabilization period"
              + " is 1 s (default: 0.5,1,2,4).")
  List<Double> churn = new ArrayList<>(List.of(0.5, 1.0, 2.0, 4.0));

  @Option(
      names = "--churn-seconds",
      paramLabel = "T",
      defaultValue = "30",
      description = "Simulated seconds of churn per rate (default: ${DEFAULT-VALUE}).")
  int churnSeconds;

  @Option(
      names = "--replicas",
      paramLabel = "R",
      defaultValue = "3",
      description = "Copies of each key, its successor's included (default: ${DEFAULT-VALUE}).")
  int replicas;

  @Option(names = "--json", description = "One JSON object per line per table row, no tables.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Set<String> names =
        experiments.isEmpty() ? new LinkedHashSet<>(ExperimentPlan.NAMES) : Set.copyOf(experiments);
    ExperimentPlan plan =
        new ExperimentPlan(
            names, nodes, pathNodes, lookups, seed, fail, churn, churnSeconds, replicas);
    PrintWriter out = spec.commandLine().getOut();
    Consumer<String> steps = Progress.steps(json);
    Consumer<String> progress = line -> steps.accept("running " + line + " ...");
    if (json) {
      ObjectMapper mapper = new ObjectMapper();
      ExperimentRunner.run(
          plan,
          row -> {
            try {
              out.println(mapper.writeValueAsString(row.toMap()));
              out.flush();
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
              throw new IllegalStateException("cannot write JSON", e);
            }
          },
          progress);
      return 0;
    }
    List<ExperimentResult> rows = new ArrayList<>();
    ExperimentRunner.run(plan, rows::add, progress);
    SimTables.print(rows, out);
    out.flush();
    return 0;
  }
}
