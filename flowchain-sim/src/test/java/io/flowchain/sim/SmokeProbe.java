package io.flowchain.sim;

import io.flowchain.core.types.Key;
import java.util.List;

public class SmokeProbe {
  public static void main(String[] args) {
    int n = Integer.parseInt(args[0]);
    boolean joins = args.length > 1 && args[1].equals("join");
    Simulation sim = new Simulation(SimConfig.defaults(42));
    long t0 = System.nanoTime();
    List<SimNode> nodes = sim.addNodes(n);
    System.out.printf("ids %.2fs%n", (System.nanoTime() - t0) / 1e9);
    t0 = System.nanoTime();
    if (joins) {
      sim.create(nodes.get(0));
      for (int i = 1; i < n; i++) {
        sim.join(nodes.get(i), nodes.get(0));
        sim.runFor(200);
      }
    } else {
      sim.bootstrapRing(nodes);
    }
    for (int s = 0; s < 40; s++) {
      sim.runFor(1000);
      System.out.printf(
          "t=%ds members=%d succOk=%s fingers=%.4f events=%d wall=%.2fs%n",
          sim.nowMillis() / 1000,
          sim.members().size(),
          sim.successorsCorrect(),
          sim.fingerAccuracy(),
          sim.loop().eventsProcessed(),
          (System.nanoTime() - t0) / 1e9);
    }
    RingOracle truth = sim.oracle();
    int[] ok = new int[3];
    for (int i = 0; i < 1000; i++) {
      SimNode from = nodes.get(sim.random().nextInt(n));
      Key k = Key.of(randomBytes(sim));
      sim.lookup(
          from,
          k,
          r -> {
            ok[r.succeeded() && r.successor().equals(truth.successor(k)) ? 0 : 1]++;
            ok[2] += r.hops();
          });
    }
    sim.runFor(10000);
    System.out.printf("lookups ok=%d bad=%d mean hops=%.3f%n", ok[0], ok[1], ok[2] / 1000.0);
  }

  static byte[] randomBytes(Simulation sim) {
    byte[] b = new byte[20];
    sim.random().nextBytes(b);
    return b;
  }
}
