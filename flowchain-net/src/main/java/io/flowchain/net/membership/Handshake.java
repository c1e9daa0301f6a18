package io.flowchain.net.membership;

import io.flowchain.core.codec.CanonicalWriter;
import io.flowchain.core.types.Hash;
import io.flowchain.core.types.NodeId;
import io.flowchain.dht.Peer;
import io.flowchain.net.wire.Hello;
import io.flowchain.net.wire.Proof;
import io.flowchain.net.wire.Refusal;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * One side of the mutual challenge-response that opens every connection (docs/protocol.md §12).
 * Each side sends a {@link Hello} (its certificate and a fresh random challenge), checks the other
 * side's certificate, and answers the other side's challenge with a {@link Proof}: an Ed25519
 * signature over the network's genesis hash, both node ids, both challenges and its own address,
 * under a domain-separation tag. A side is authenticated once its proof verifies; only then does
 * the other side act on its Chord frames.
 *
 * <p>Not thread-safe: one instance per connection (or CoAP session), driven by one thread at a
 * time.
 */
public final class Handshake {
  static final String TAG = "flowchain/handshake/v1";

  /** Size of the channel binding value. */
  public static final int CHANNEL_SIZE = 32;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final NodeCredentials self;
  private final NetworkTrust trust;
  private final String selfAddress;
  private final NodeId expectedPeer;
  private byte[] channel;
  private final byte[] nonce = new byte[Hello.NONCE_SIZE];
  private Hello peerHello;
  private Peer peer;

  /**
   * A handshake of {@code self}, reached at {@code selfAddress}, checking the other side against
   * {@code trust}. {@code expectedPeer} is the node this side meant to reach (the dialling side),
   * or null (the listening side accepts any member).
   */
  public Handshake(
      NodeCredentials self, NetworkTrust trust, String selfAddress, NodeId expectedPeer) {
    this(self, trust, selfAddress, expectedPeer, new byte[CHANNEL_SIZE]);
  }

  /**
   * As above, over a channel identified by {@code channel}: the SHA-256 of the TLS server
   * certificate of the connection (as presented by the listening side, as seen by the dialling
   * side), a value exported from the DTLS session over CoAP with DTLS, or 32 zero bytes without
   * either. Both sides sign it, so a handshake relayed through a different TLS channel fails.
   */
  public Handshake(
      NodeCredentials self,
      NetworkTrust trust,
      String selfAddress,
      NodeId expectedPeer,
      byte[] channel) {
    if (channel == null || channel.length != CHANNEL_SIZE) {
      throw new IllegalArgumentException("channel binding must be " + CHANNEL_SIZE + " bytes");
    }
    this.self = self;
    this.trust = trust;
    this.selfAddress = selfAddress;
    this.expectedPeer = expectedPeer;
    this.channel = channel.clone();
    RANDOM.nextBytes(nonce);
  }

  /**
   * Sets the channel binding once it is known: over CoAP with DTLS the dialler's hello opens the
   * DTLS session whose value it binds. Only before the other side's hello was accepted (the proofs
   * sign it).
   */
  public void bindChannel(byte[] channel) {
    if (channel == null || channel.length != CHANNEL_SIZE) {
      throw new IllegalArgumentException("channel binding must be " + CHANNEL_SIZE + " bytes");
    }
    if (peerHello != null) {
      throw new IllegalStateException("the channel is bound before the other side's hello");
    }
    this.channel = channel.clone();
  }

  /** This side's hello, with its fresh challenge. */
  public Hello hello() {
    return new Hello(self.certificate(), nonce, selfAddress);
  }

  /**
   * Takes the other side's hello: checks its certificate and returns this side's proof, the answer
   * to its challenge. Throws {@link MembershipException} when the hello is refused.
   */
  public Proof acceptHello(Hello hello) {
    if (peerHello != null) {
      throw new MembershipException(Refusal.PROTOCOL_VIOLATION, "a second hello on one connection");
    }
    MembershipCertificate cert = hello.certificate();
    trust.check(cert);
    if (expectedPeer != null && !cert.nodeId().equals(expectedPeer)) {
      throw new MembershipException(
          Refusal.WRONG_NODE,
          "reached node " + cert.nodeId() + " at this address, expected node " + expectedPeer);
    }
    if (cert.nodeId().equals(self.nodeId())) {
      throw new MembershipException(
          Refusal.PROTOCOL_VIOLATION, "the other side presents this node's own certificate");
    }
    if (Arrays.equals(hello.nonce(), nonce)) {
      throw new MembershipException(Refusal.PROTOCOL_VIOLATION, "the challenge was reflected");
    }
    peerHello = hello;
    byte[] input =
        transcript(
            trust.genesisHash(),
            channel,
            self.nodeId(),
            cert.nodeId(),
            hello.nonce(),
            nonce,
            selfAddress);
    return new Proof(self.keys().sign(input));
  }

  /**
   * Takes the other side's proof; returns the authenticated peer (its node id and address). Throws
   * {@link MembershipException} when the proof is out of order or does not verify.
   */
  public Peer acceptProof(Proof proof) {
    if (peerHello == null) {
      throw new MembershipException(Refusal.PROTOCOL_VIOLATION, "a proof before the hello");
    }
    if (peer != null) {
      throw new MembershipException(Refusal.PROTOCOL_VIOLATION, "a second proof on one connection");
    }
    MembershipCertificate cert = peerHello.certificate();
    byte[] input =
        transcript(
            trust.genesisHash(),
            channel,
            cert.nodeId(),
            self.nodeId(),
            nonce,
            peerHello.nonce(),
            peerHello.address());
    if (!cert.nodeKey().verify(input, proof.signature())) {
      throw new MembershipException(
          Refusal.UNAUTHENTICATED,
          "the proof of node " + cert.nodeId() + " does not answer this connection's challenge");
    }
    peer = new Peer(cert.nodeId(), peerHello.address());
    return peer;
  }

  /** Whether the other side has proven its identity. */
  public boolean authenticated() {
    return peer != null;
  }

  /** The authenticated peer, or null. */
  public Peer peer() {
    return peer;
  }

  /** Whether the other side's hello has been accepted. */
  public boolean helloReceived() {
    return peerHello != null;
  }

  /** The other side's certificate, once its hello was accepted. */
  public MembershipCertificate peerCertificate() {
    return peerHello == null ? null : peerHello.certificate();
  }

  /**
   * The bytes a proof signs: tag, genesis hash, channel binding, signer id, verifier id, the
   * verifier's challenge, the signer's own challenge, the signer's address.
   */
  public static byte[] transcript(
      Hash genesis,
      byte[] channel,
      NodeId signer,
      NodeId verifier,
      byte[] verifierNonce,
      byte[] signerNonce,
      String signerAddress) {
    return new CanonicalWriter(200)
        .tag(TAG)
        .fixed(genesis)
        .raw(channel)
        .fixed(signer)
        .fixed(verifier)
        .raw(verifierNonce)
        .raw(signerNonce)
        .string(signerAddress)
        .toByteArray();
  }
}
