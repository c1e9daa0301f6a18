package io.flowchain.sim;

import io.flowchain.dht.Peer;
import io.flowchain.dht.Transport;
import io.flowchain.dht.message.ChordMessage;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The simulated network: in-memory {@link Transport}s whose messages arrive after a delay drawn
 * from a {@link LatencyModel}, may be lost with a fixed probability, and are dropped between
 * partitions or to nodes that are down. Single-threaded, on the {@link EventLoop}.
 */
public final class SimNetwork {
  private final EventLoop loop;
  private final RandomGenerator random;
  private final Map<String, Endpoint> endpoints = new HashMap<>();
  private LatencyModel latency;
  private double lossRate;
  private Map<String, Integer> partitionOf;
  private Trace trace;
  private long sent;
  private long delivered;
  private long dropped;

  public SimNetwork(EventLoop loop, RandomGenerator random, LatencyModel latency) {
    this.loop = loop;
    this.random = random;
    this.latency = latency;
  }

  public void setLatency(LatencyModel latency) {
    this.latency = latency;
  }

  /** Each message is lost with probability {@code rate}. */
  public void setLossRate(double rate) {
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("loss rate must be in [0, 1): " + rate);
    }
    this.lossRate = rate;
  }

  public void setTrace(Trace trace) {
    this.trace = trace;
  }

  /**
   * Splits the network: messages flow only between addresses in the same group; addresses in no
   * group form one more group together.
   */
  public void partition(java.util.List<Set<String>> groups) {
    Map<String, Integer> map = new HashMap<>();
    for (int g = 0; g < groups.size(); g++) {
      for (String address : groups.get(g)) {
        map.put(address, g + 1);
      }
    }
    partitionOf = map;
    record("partition", "-", null, groups.size() + " groups");
  }

  /** Removes every partition. */
  public void heal() {
    partitionOf = null;
    record("heal", "-", null, null);
  }

  /** The transport of a node at {@code peer}'s address, up from now on. */
  public Transport attach(Peer peer) {
    Endpoint e = new Endpoint(peer);
    endpoints.put(peer.address(), e);
    record("up", peer.address(), null, peer.id().toHex());
    return e;
  }

  /** Takes the node at {@code address} down: messages to it are dropped, its sends go nowhere. */
  public void detach(String address) {
    Endpoint e = endpoints.remove(address);
    if (e != null) {
      e.up = false;
      record("down", address, null, null);
    }
  }

  public long messagesSent() {
    return sent;
  }

  public long messagesDelivered() {
    return delivered;
  }

  public long messagesDropped() {
    return dropped;
  }

  private void send(Endpoint from, Peer to, ChordMessage message) {
    if (!from.up) {
      return;
    }
    sent++;
    if (lossRate > 0 && random.nextDouble() < lossRate) {
      dropped++;
      record("lost", from.peer.address(), to.address(), message.type().name());
      return;
    }
    if (partitionOf != null && !samePartition(from.peer.address(), to.address())) {
      dropped++;
      record("cut", from.peer.address(), to.address(), message.type().name());
      return;
    }
    long delay = latency.sample(from.peer, to, random);
    Peer sender = from.peer;
    loop.schedule(delay, () -> deliver(sender, to, message));
  }

  private void deliver(Peer from, Peer to, ChordMessage message) {
    Endpoint target = endpoints.get(to.address());
    if (target == null || !target.up || target.receiver == null) {
      dropped++;
      record("dead", from.address(), to.address(), message.type().name());
      return;
    }
    if (partitionOf != null && !samePartition(from.address(), to.address())) {
      dropped++;
      record("cut", from.address(), to.address(), message.type().name());
      return;
    }
    delivered++;
    if (trace != null) {
      record("recv", from.address(), to.address(), message.type() + " " + message.requestId());
    }
    target.receiver.receive(from, message);
  }

  private boolean samePartition(String a, String b) {
    return partitionOf.getOrDefault(a, 0).equals(partitionOf.getOrDefault(b, 0));
  }

  void record(String event, String from, String to, String detail) {
    if (trace != null) {
      trace.record(loop.now(), event, from, to, detail);
    }
  }

  private final class Endpoint implements Transport {
    private final Peer peer;
    private Receiver receiver;
    private boolean up = true;

    Endpoint(Peer peer) {
      this.peer = peer;
    }

    @Override
    public Peer localPeer() {
      return peer;
    }

    @Override
    public void send(Peer to, ChordMessage message) {
      SimNetwork.this.send(this, to, message);
    }

    @Override
    public void setReceiver(Receiver receiver) {
      this.receiver = receiver;
    }
  }
}
