package io.flowchain.dht;

import io.flowchain.core.port.ManualScheduler;
import io.flowchain.core.types.NodeId;
import io.flowchain.dht.message.ChordMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A minimal in-memory network for this module's own tests: every message arrives after a fixed
 * delay on one {@link ManualScheduler}. The simulator module has the full-featured one.
 */
final class LoopbackNetwork {
  static final long LATENCY = 5;

  final ManualScheduler scheduler = new ManualScheduler(0);
  private final Map<String, Transport.Receiver> receivers = new HashMap<>();
  private final SplittableRandom random;
  final List<ChordNode> nodes = new ArrayList<>();

  LoopbackNetwork(long seed) {
    this.random = new SplittableRandom(seed);
  }

  ChordNode newNode(NodeId id, ChordConfig config) {
    Peer peer = new Peer(id, "loop-" + nodes.size());
    Transport t =
        new Transport() {
          @Override
          public Peer localPeer() {
            return peer;
          }

          @Override
          public void send(Peer to, ChordMessage message) {
            scheduler.schedule(
                LATENCY,
                () -> {
                  Transport.Receiver r = receivers.get(to.address());
                  if (r != null) {
                    r.receive(peer, message);
                  }
                });
          }

          @Override
          public void setReceiver(Receiver receiver) {
            receivers.put(peer.address(), receiver);
          }
        };
    ChordNode node = new ChordNode(t, scheduler, random.split(), config, new ChordListener() {});
    nodes.add(node);
    return node;
  }

  void kill(ChordNode node) {
    node.stop();
    receivers.remove(node.self().address());
  }

  List<ChordNode> live() {
    List<ChordNode> out = new ArrayList<>();
    for (ChordNode n : nodes) {
      if (n.isActive()) {
        out.add(n);
      }
    }
    return out;
  }

  /** Brute force: the live nodes sorted by id. */
  TreeMap<java.math.BigInteger, Peer> sortedRing() {
    TreeMap<java.math.BigInteger, Peer> ring = new TreeMap<>();
    for (ChordNode n : live()) {
      ring.put(n.self().id().toBigInteger(), n.self());
    }
    return ring;
  }

  /** Brute force successor of a point. */
  Peer trueSuccessor(java.math.BigInteger point) {
    TreeMap<java.math.BigInteger, Peer> ring = sortedRing();
    Map.Entry<java.math.BigInteger, Peer> e = ring.ceilingEntry(point);
    return e != null ? e.getValue() : ring.firstEntry().getValue();
  }
}
