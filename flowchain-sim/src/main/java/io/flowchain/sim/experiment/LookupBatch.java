package io.flowchain.sim.experiment;

import io.flowchain.core.types.Key;
import io.flowchain.dht.Peer;
import io.flowchain.sim.RingOracle;
import io.flowchain.sim.SimNode;
import io.flowchain.sim.Simulation;
import java.util.Arrays;
import java.util.List;

/**
 * Lookups of random keys from random members, each checked against the true ring: when it
 * completes, or (under churn) as it was when it started.
 */
final class LookupBatch {
  private final Simulation sim;
  private int issued;
  private int completed;
  private int wrong;
  private int unanswered;
  private int[] hops = new int[64];
  private int answered;

  LookupBatch(Simulation sim) {
    this.sim = sim;
  }

  /** Issues {@code count} lookups now, all at once. */
  void issue(int count) {
    List<SimNode> members = sim.members();
    RingOracle before = sim.oracle();
    for (int i = 0; i < count; i++) {
      issueOne(members, before);
    }
  }

  /** Issues one lookup now from a random member. */
  void issueOne(List<SimNode> members, RingOracle before) {
    SimNode from = members.get(sim.random().nextInt(members.size()));
    byte[] b = new byte[20];
    sim.random().nextBytes(b);
    Key key = Key.of(b);
    Peer expectedBefore = before.successor(key);
    issued++;
    sim.lookup(
        from,
        key,
        r -> {
          completed++;
          if (!r.succeeded()) {
            unanswered++;
            return;
          }
          if (answered == hops.length) {
            hops = Arrays.copyOf(hops, hops.length * 2);
          }
          hops[answered++] = r.hops();
          Peer now = sim.oracle().successor(key);
          if (!r.successor().equals(now) && !r.successor().equals(expectedBefore)) {
            wrong++;
          }
        });
  }

  /** Runs the simulation until every lookup issued has completed (at most the lookup timeout). */
  void await() {
    long limit = sim.config().chord().lookupTimeoutMillis() + 1_000;
    sim.runUntil(limit, () -> completed == issued);
  }

  int issued() {
    return issued;
  }

  /** Lookups that returned a wrong successor or none. */
  int failed() {
    return wrong + unanswered;
  }

  int wrong() {
    return wrong;
  }

  int unanswered() {
    return unanswered;
  }

  double meanHops() {
    long sum = 0;
    for (int i = 0; i < answered; i++) {
      sum += hops[i];
    }
    return answered == 0 ? 0 : (double) sum / answered;
  }

  int percentileHops(double p) {
    if (answered == 0) {
      return 0;
    }
    int[] sorted = Arrays.copyOf(hops, answered);
    Arrays.sort(sorted);
    int index = (int) Math.ceil(p * answered) - 1;
    return sorted[Math.max(0, Math.min(answered - 1, index))];
  }
}
