package io.flowchain.sim;

import io.flowchain.core.types.RingId;
import io.flowchain.dht.LookupResult;
import io.flowchain.dht.Peer;
import io.flowchain.dht.scenario.RingNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** {@link RingNetwork} on the simulator: waiting advances virtual time. */
final class SimulatedRingNetwork implements RingNetwork {
  final Simulation sim;

  SimulatedRingNetwork(SimConfig config) {
    this.sim = new Simulation(config);
  }

  private SimNode node(int i) {
    return sim.nodes().get(i);
  }

  @Override
  public int add() {
    return sim.addNode().index();
  }

  @Override
  public void create(int i) {
    sim.create(node(i));
  }

  @Override
  public void join(int i, int via) {
    sim.join(node(i), node(via));
  }

  @Override
  public void kill(int i) {
    sim.kill(node(i));
  }

  @Override
  public void restart(int i, int via) {
    sim.restart(node(i), node(via));
  }

  @Override
  public void leave(int i) {
    sim.leave(node(i));
  }

  @Override
  public void put(int i, RingId key) {
    node(i).store().put(io.flowchain.dht.Ring.asKey(key));
  }

  @Override
  public boolean holds(int i, RingId key) {
    return node(i).store() != null && node(i).store().holds(key);
  }

  @Override
  public Optional<LookupResult> lookup(int i, RingId key) {
    LookupResult[] out = new LookupResult[1];
    sim.lookup(node(i), key, r -> out[0] = r);
    sim.runUntil(sim.config().chord().lookupTimeoutMillis() + 1_000, () -> out[0] != null);
    return out[0] == null || !out[0].succeeded() ? Optional.empty() : Optional.of(out[0]);
  }

  @Override
  public Peer peer(int i) {
    return node(i).peer();
  }

  @Override
  public Peer successorOf(int i) {
    return node(i).chord().successor();
  }

  @Override
  public List<Integer> members() {
    List<Integer> out = new ArrayList<>();
    for (SimNode n : sim.members()) {
      out.add(n.index());
    }
    return out;
  }

  @Override
  public boolean await(long millis, BooleanSupplier condition) {
    return sim.runUntil(millis, condition);
  }

  @Override
  public void pass(long millis) {
    sim.runFor(millis);
  }
}
