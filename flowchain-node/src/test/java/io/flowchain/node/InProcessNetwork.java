package io.flowchain.node;

import io.flowchain.core.port.Scheduler;
import io.flowchain.dht.Peer;
import io.flowchain.dht.Transport;
import io.flowchain.dht.message.ChordMessage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Transports between nodes of one process that run on real threads: a message is handed to the
 * receiving node's scheduler, as a socket transport would hand it over after decoding. No sockets,
 * no loss; for tests of the SDK's threading and for the README example.
 */
final class InProcessNetwork {
  private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();

  /** A factory of the transport of the node at {@code address}. */
  TransportFactory at(String address) {
    return (keys, scheduler) -> {
      Endpoint e = new Endpoint(new Peer(keys.nodeId(), address), scheduler);
      if (endpoints.putIfAbsent(address, e) != null) {
        throw new IllegalStateException("address in use: " + address);
      }
      return e;
    };
  }

  private final class Endpoint implements Transport, AutoCloseable {
    private final Peer self;
    private final Scheduler scheduler;
    private volatile Receiver receiver;

    Endpoint(Peer self, Scheduler scheduler) {
      this.self = self;
      this.scheduler = scheduler;
    }

    @Override
    public Peer localPeer() {
      return self;
    }

    @Override
    public void send(Peer to, ChordMessage message) {
      Endpoint target = endpoints.get(to.address());
      if (target != null) {
        target.scheduler.schedule(
            0,
            () -> {
              Receiver r = target.receiver;
              if (r != null && endpoints.get(to.address()) == target) {
                r.receive(self, message);
              }
            });
      }
    }

    @Override
    public void setReceiver(Receiver receiver) {
      this.receiver = receiver;
    }

    @Override
    public void close() {
      endpoints.remove(self.address(), this);
    }
  }
}
