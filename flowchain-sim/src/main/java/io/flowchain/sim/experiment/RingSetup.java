package io.flowchain.sim.experiment;

import io.flowchain.sim.SimNode;
import io.flowchain.sim.Simulation;
import java.util.List;

/** Builds the stable rings the experiments start from. */
final class RingSetup {
  private RingSetup() {}

  /**
   * Starts {@code n} nodes with their true neighbours and runs the protocol until every finger is
   * right (checked every two simulated seconds) or {@code maxMillis} pass. Returns the virtual
   * milliseconds it took.
   */
  static long converged(Simulation sim, int n, long maxMillis) {
    List<SimNode> nodes = sim.addNodes(n);
    sim.bootstrapRing(nodes);
    long start = sim.nowMillis();
    while (sim.nowMillis() - start < maxMillis) {
      sim.runFor(2_000);
      if (sim.successorsCorrect() && sim.fingerAccuracy() == 1.0) {
        break;
      }
    }
    return sim.nowMillis() - start;
  }

  /** The sum of every node's unacknowledged hops so far. */
  static long hopTimeouts(Simulation sim) {
    long sum = 0;
    for (SimNode n : sim.nodes()) {
      if (n.chord() != null) {
        sum += n.chord().stats().hopTimeouts();
      }
    }
    return sum;
  }
}
