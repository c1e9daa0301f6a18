package io.flowchain.sim;

import io.flowchain.sim.experiment.ExperimentPlan;
import io.flowchain.sim.experiment.ExperimentRunner;
import java.util.List;
import java.util.Set;

public class ExpProbe {
  public static void main(String[] args) {
    ExperimentPlan plan =
        new ExperimentPlan(
            Set.of(args[0]),
            Integer.parseInt(args[1]),
            Integer.parseInt(args[2]),
            Integer.parseInt(args[3]),
            1,
            List.of(0.1, 0.2, 0.3, 0.4, 0.5),
            List.of(0.5, 1.0, 2.0, 4.0),
            30,
            3);
    long t = System.nanoTime();
    ExperimentRunner.run(plan, r -> System.out.println(r.toMap()), p -> System.err.println(p));
    System.err.printf("total %.1fs%n", (System.nanoTime() - t) / 1e9);
  }
}
