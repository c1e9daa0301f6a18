package io.flowchain.net.membership;

import io.flowchain.core.crypto.NodePublicKey;
import io.flowchain.core.ledger.Genesis;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.port.Clock;
import io.flowchain.core.types.Hash;
import io.flowchain.net.wire.Refusal;
import java.util.List;
import java.util.Set;

/**
 * What a node accepts as a member: certificates for this network's genesis, issued by one of its
 * administrators, whose signature verifies and whose validity window contains the local time (with
 * {@code skewMillis} of tolerance for clocks that disagree). Thread-safe.
 */
public final class NetworkTrust {
  /** The default clock tolerance: one minute. */
  public static final long DEFAULT_SKEW_MILLIS = 60_000;

  private final Hash genesisHash;
  private final Set<NodePublicKey> administrators;
  private final Clock clock;
  private final long skewMillis;

  public NetworkTrust(
      Hash genesisHash, List<NodePublicKey> administrators, Clock clock, long skewMillis) {
    if (genesisHash == null || administrators == null || clock == null) {
      throw new IllegalArgumentException("genesis hash, administrators and clock are required");
    }
    if (administrators.isEmpty()) {
      throw new IllegalArgumentException(
          "a permissioned network needs at least one administrator key");
    }
    if (skewMillis < 0) {
      throw new IllegalArgumentException("clock skew must not be negative: " + skewMillis);
    }
    this.genesisHash = genesisHash;
    this.administrators = Set.copyOf(administrators);
    this.clock = clock;
    this.skewMillis = skewMillis;
  }

  /** The trust of the network defined by {@code params}, on {@code clock}. */
  public static NetworkTrust of(NetworkParams params, Clock clock) {
    return new NetworkTrust(
        Genesis.of(params).hash(), params.administrators(), clock, DEFAULT_SKEW_MILLIS);
  }

  public Hash genesisHash() {
    return genesisHash;
  }

  public Clock clock() {
    return clock;
  }

  /**
   * Checks {@code cert}; throws {@link MembershipException} (code 403) saying what is wrong with
   * it.
   */
  public void check(MembershipCertificate cert) {
    if (!cert.genesisHash().equals(genesisHash)) {
      throw refused(
          "certificate of node "
              + cert.nodeId()
              + " is for another network (genesis "
              + cert.genesisHash()
              + ", this network is "
              + genesisHash
              + ")");
    }
    if (!administrators.contains(cert.issuer())) {
      throw refused(
          "certificate of node "
              + cert.nodeId()
              + " is issued by "
              + cert.issuer()
              + ", which is not an administrator of this network");
    }
    if (!cert.signatureValid()) {
      throw refused(
          "certificate of node " + cert.nodeId() + " has a signature that does not verify");
    }
    long now = clock.nowMillis();
    if (now + skewMillis < cert.notBefore()) {
      throw refused(
          "certificate of node " + cert.nodeId() + " is not valid before " + cert.notBefore());
    }
    if (now - skewMillis > cert.notAfter()) {
      throw refused("certificate of node " + cert.nodeId() + " expired at " + cert.notAfter());
    }
  }

  private static MembershipException refused(String why) {
    return new MembershipException(Refusal.CERTIFICATE_REFUSED, why);
  }
}
