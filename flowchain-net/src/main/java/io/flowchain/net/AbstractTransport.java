package io.flowchain.net;

import io.flowchain.core.port.Scheduler;
import io.flowchain.dht.Peer;
import io.flowchain.net.membership.NetworkTrust;
import io.flowchain.net.membership.NodeCredentials;
import io.flowchain.net.wire.WireCodec;

/**
 * What every socket binding shares: the node's credentials and the network's trust, the codec, the
 * counters, the inbox to the node's scheduler, and the address the node advertises (its own, or
 * that of the primary binding when a node has several; see {@link MultiTransport}).
 */
public abstract class AbstractTransport implements NodeTransport {
  protected final NodeCredentials credentials;
  protected final NetworkTrust trust;
  protected final NetConfig config;
  protected final WireCodec codec;
  protected final TransportStats stats = new TransportStats();
  final Inbox inbox;
  private volatile String advertised;

  protected AbstractTransport(
      NodeCredentials credentials, NetworkTrust trust, Scheduler scheduler, NetConfig config) {
    if (credentials == null || trust == null || scheduler == null || config == null) {
      throw new IllegalArgumentException("credentials, trust, scheduler and config are required");
    }
    trust.check(credentials.certificate());
    this.credentials = credentials;
    this.trust = trust;
    this.config = config;
    this.codec = new WireCodec(config.maxFrameBytes());
    this.inbox = new Inbox(scheduler, config.inboundCapacity(), stats);
  }

  /** This binding's own listening address, e.g. {@code ws://127.0.0.1:7001}; after start. */
  public abstract String address();

  /** Whether this binding can send to {@code address} (by its scheme). */
  public abstract boolean reaches(String address);

  /**
   * Makes the node known by {@code address} (the primary binding's address of a node with several
   * bindings). Set before the node sends anything.
   */
  public void advertise(String address) {
    Address.parse(address);
    this.advertised = address;
  }

  @Override
  public Peer localPeer() {
    String a = advertised != null ? advertised : address();
    return new Peer(credentials.nodeId(), a);
  }

  /**
   * Hands a message addressed to this node itself straight to its scheduler, as the simulator does;
   * true if {@code to} is this node.
   */
  protected boolean deliveredLocally(
      io.flowchain.dht.Peer to, io.flowchain.dht.message.ChordMessage m) {
    io.flowchain.dht.Peer self = localPeer();
    if (!to.equals(self)) {
      return false;
    }
    inbox.deliver(self, m);
    return true;
  }

  @Override
  public void setReceiver(Receiver receiver) {
    inbox.setReceiver(receiver);
  }

  public TransportStats stats() {
    return stats;
  }

  public NetConfig config() {
    return config;
  }
}
