package io.flowchain.net;

import io.flowchain.dht.Peer;
import io.flowchain.dht.message.ChordMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * A node with several bindings (e.g. WebSocket and CoAP): it is known by the address of its primary
 * binding (the first), receives on all of them, and sends each message through the binding whose
 * scheme the destination's address names. This is how a ring mixes WebSocket and CoAP members: a
 * node can only send to the schemes it has a binding for; messages to other schemes are dropped and
 * counted by the primary binding.
 */
public final class MultiTransport implements NodeTransport {
  private final List<AbstractTransport> bindings;

  /** {@code primary} gives the node its address; {@code others} add ways to reach peers. */
  public MultiTransport(AbstractTransport primary, AbstractTransport... others) {
    List<AbstractTransport> all = new ArrayList<>();
    all.add(primary);
    all.addAll(List.of(others));
    for (AbstractTransport b : all) {
      if (!b.credentials.nodeId().equals(primary.credentials.nodeId())) {
        throw new IllegalArgumentException("every binding of a node must have the node's identity");
      }
    }
    this.bindings = List.copyOf(all);
  }

  /** Starts every binding and makes all of them advertise the primary binding's address. */
  @Override
  public void start() throws Exception {
    for (AbstractTransport b : bindings) {
      b.start();
    }
    String primary = bindings.get(0).address();
    for (AbstractTransport b : bindings) {
      b.advertise(primary);
    }
  }

  public List<AbstractTransport> bindings() {
    return bindings;
  }

  @Override
  public Peer localPeer() {
    return bindings.get(0).localPeer();
  }

  @Override
  public void send(Peer to, ChordMessage message) {
    for (AbstractTransport b : bindings) {
      if (b.reaches(to.address())) {
        b.send(to, message);
        return;
      }
    }
    bindings.get(0).stats.droppedUnreachable.incrementAndGet();
  }

  @Override
  public void setReceiver(Receiver receiver) {
    for (AbstractTransport b : bindings) {
      b.setReceiver(receiver);
    }
  }

  @Override
  public boolean idle() {
    for (AbstractTransport b : bindings) {
      if (!b.idle()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    for (AbstractTransport b : bindings) {
      b.close();
    }
  }
}
