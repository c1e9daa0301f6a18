package io.flowchain.sim;

import io.flowchain.dht.Peer;
import io.flowchain.dht.Ring;
import java.util.List;

/** Whole-ring consistency checks against the {@link RingOracle}. */
public final class RingChecks {
  private RingChecks() {}

  /** The fraction of all members' finger entries that point at the true successor of start. */
  public static double fingerAccuracy(Simulation sim) {
    RingOracle truth = sim.oracle();
    long right = 0;
    long total = 0;
    for (SimNode n : sim.members()) {
      Peer previousAnswer = null;
      int previousLast = -1;
      for (int i = 0; i < 160; i++) {
        Peer expected;
        if (i <= previousLast) {
          expected = previousAnswer;
        } else {
          expected = truth.successor(Ring.fingerStart(n.peer().id(), i));
          previousAnswer = expected;
          previousLast =
              expected.equals(n.peer()) ? 159 : Ring.log2Distance(n.peer().id(), expected.id());
        }
        total++;
        if (n.chord().finger(i).map(expected::equals).orElse(false)) {
          right++;
        }
      }
    }
    return total == 0 ? 1.0 : (double) right / total;
  }

  /** Whether every member's successor list equals the true next r members. */
  public static boolean successorListsCorrect(Simulation sim) {
    RingOracle truth = sim.oracle();
    int r = sim.config().chord().successorListSize();
    for (SimNode n : sim.members()) {
      List<Peer> expected = truth.successorsOf(n.peer(), r);
      if (!n.chord().successorList().equals(expected)) {
        return false;
      }
    }
    return true;
  }

  /** Whether every member's predecessor is its true predecessor. */
  public static boolean predecessorsCorrect(Simulation sim) {
    RingOracle truth = sim.oracle();
    for (SimNode n : sim.members()) {
      Peer expected = truth.predecessorOf(n.peer());
      Peer actual = n.chord().predecessor().orElse(null);
      if (expected.equals(n.peer()) ? actual != null : !expected.equals(actual)) {
        return false;
      }
    }
    return true;
  }
}
