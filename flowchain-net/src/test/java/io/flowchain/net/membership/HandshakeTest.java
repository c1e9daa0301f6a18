package io.flowchain.net.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.ledger.Genesis;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.port.SystemClock;
import io.flowchain.dht.Peer;
import io.flowchain.net.wire.Hello;
import io.flowchain.net.wire.Proof;
import io.flowchain.net.wire.Refusal;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The handshake alone, both sides in memory. */
class HandshakeTest {
  private final SplittableRandom random = new SplittableRandom(3);
  private final NodeKeyPair admin = NodeKeyPair.generate(random);
  private final NetworkParams params = NetworkParams.of("hs-net", 1L, List.of(admin.publicKey()));
  private final NetworkTrust trust = NetworkTrust.of(params, SystemClock.INSTANCE);

  private NodeCredentials member() {
    NodeKeyPair k = NodeKeyPair.generate(random);
    long now = System.currentTimeMillis();
    return new NodeCredentials(
        k,
        MembershipCertificate.issue(
            admin, Genesis.of(params).hash(), k.publicKey(), now - 1_000, now + 60_000, List.of()));
  }

  private static byte[] channel(int b) {
    byte[] c = new byte[Handshake.CHANNEL_SIZE];
    Arrays.fill(c, (byte) b);
    return c;
  }

  @Test
  void bothSidesAuthenticateEachOther() {
    NodeCredentials a = member();
    NodeCredentials b = member();
    Handshake dialler = new Handshake(a, trust, "wss://a:1", b.nodeId(), channel(7));
    Handshake listener = new Handshake(b, trust, "wss://b:2", null, channel(7));
    Hello ha = dialler.hello();
    Hello hb = listener.hello();
    Proof pa = dialler.acceptHello(hb);
    Proof pb = listener.acceptHello(ha);
    assertThat(listener.acceptProof(pa)).isEqualTo(new Peer(a.nodeId(), "wss://a:1"));
    assertThat(dialler.acceptProof(pb)).isEqualTo(new Peer(b.nodeId(), "wss://b:2"));
  }

  /** A relay that terminates TLS itself (another certificate, another channel) cannot pass. */
  @Test
  void aHandshakeRelayedThroughAnotherTlsChannelFailsOnBothSides() {
    NodeCredentials a = member();
    NodeCredentials b = member();
    Handshake dialler = new Handshake(a, trust, "wss://a:1", b.nodeId(), channel(0x66));
    Handshake listener = new Handshake(b, trust, "wss://b:2", null, channel(0x77));
    Proof pa = dialler.acceptHello(listener.hello());
    Proof pb = listener.acceptHello(dialler.hello());
    assertThatThrownBy(() -> listener.acceptProof(pa))
        .isInstanceOf(MembershipException.class)
        .satisfies(
            e -> assertThat(((MembershipException) e).code()).isEqualTo(Refusal.UNAUTHENTICATED));
    assertThatThrownBy(() -> dialler.acceptProof(pb)).isInstanceOf(MembershipException.class);
  }

  @Test
  void theDiallerRefusesANodeItDidNotAddress() {
    NodeCredentials a = member();
    NodeCredentials b = member();
    NodeCredentials c = member();
    Handshake dialler = new Handshake(a, trust, "ws://a:1", c.nodeId());
    Handshake listener = new Handshake(b, trust, "ws://b:2", null);
    assertThatThrownBy(() -> dialler.acceptHello(listener.hello()))
        .isInstanceOf(MembershipException.class)
        .satisfies(e -> assertThat(((MembershipException) e).code()).isEqualTo(Refusal.WRONG_NODE));
  }

  @Test
  void aProofForAnotherVerifierIsRefused() {
    // a member m relays b's proof, made for m, to c: c refuses it
    NodeCredentials b = member();
    NodeCredentials m = member();
    NodeCredentials c = member();
    Handshake bToM = new Handshake(b, trust, "ws://b:1", m.nodeId());
    Handshake mSide = new Handshake(m, trust, "ws://m:1", null);
    Proof forM = bToM.acceptHello(mSide.hello());
    Handshake cSide = new Handshake(c, trust, "ws://c:1", null);
    cSide.acceptHello(bToM.hello());
    assertThatThrownBy(() -> cSide.acceptProof(forM)).isInstanceOf(MembershipException.class);
  }

  @Test
  void aReflectedChallengeAndOwnCertificateAreRefused() {
    NodeCredentials a = member();
    Handshake h = new Handshake(a, trust, "ws://a:1", null);
    assertThatThrownBy(() -> h.acceptHello(h.hello()))
        .isInstanceOf(MembershipException.class)
        .satisfies(
            e ->
                assertThat(((MembershipException) e).code()).isEqualTo(Refusal.PROTOCOL_VIOLATION));
  }
}
