package io.flowchain.net;

import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.ledger.Genesis;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.port.Scheduler;
import io.flowchain.core.port.SystemClock;
import io.flowchain.core.types.Hash;
import io.flowchain.net.membership.MembershipCertificate;
import io.flowchain.net.membership.NetworkTrust;
import io.flowchain.net.membership.NodeCredentials;
import java.util.List;
import java.util.SplittableRandom;

/** A test network: an administrator, the network it defines, and certificates for new nodes. */
final class Members {
  static final long DAY = 86_400_000L;

  final NodeKeyPair admin;
  final NetworkParams params;
  final Hash genesis;
  final NetworkTrust trust;
  private final SplittableRandom random;

  Members(String name, long seed) {
    this.random = new SplittableRandom(seed);
    this.admin = NodeKeyPair.generate(random);
    this.params = NetworkParams.of(name, 1_700_000_000_000L, List.of(admin.publicKey()));
    this.genesis = Genesis.of(params).hash();
    this.trust = NetworkTrust.of(params, SystemClock.INSTANCE);
  }

  Members() {
    this("test-net", 42);
  }

  NodeKeyPair newKey() {
    return NodeKeyPair.generate(random);
  }

  /** A member valid from a day ago to a day from now. */
  NodeCredentials credentials(NodeKeyPair keys) {
    long now = System.currentTimeMillis();
    return new NodeCredentials(
        keys,
        MembershipCertificate.issue(
            admin, genesis, keys.publicKey(), now - DAY, now + DAY, List.of()));
  }

  NodeCredentials newMember() {
    return credentials(newKey());
  }

  /**
   * A new member's WebSocket transport on a free port of 127.0.0.1, not started: over TLS with a
   * self-signed certificate named {@code tlsName}, or plain if that is null.
   */
  WebSocketTransport webSocket(Scheduler scheduler, String tlsName) {
    return new WebSocketTransport(
        newMember(), trust, scheduler, "127.0.0.1", 0, NetConfig.defaults(), tls(tlsName));
  }

  /** The same over CoAP: DTLS with a certificate named {@code tlsName}, or plain if null. */
  CoapTransport coap(Scheduler scheduler, String tlsName) {
    return new CoapTransport(
        newMember(), trust, scheduler, "127.0.0.1", 0, NetConfig.defaults(), tls(tlsName));
  }

  private static TlsIdentity tls(String name) {
    return name == null ? null : TlsIdentity.selfSigned(name);
  }
}
