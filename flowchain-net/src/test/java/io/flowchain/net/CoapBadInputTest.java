package io.flowchain.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.dht.ChordNode;
import io.flowchain.dht.Peer;
import io.flowchain.dht.message.NotifyPredecessor;
import io.flowchain.net.membership.Handshake;
import io.flowchain.net.membership.MembershipCertificate;
import io.flowchain.net.membership.NodeCredentials;
import io.flowchain.net.wire.Hello;
import io.flowchain.net.wire.Proof;
import io.flowchain.net.wire.Refusal;
import io.flowchain.net.wire.WireCodec;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input on a node's CoAP port: every case gets a 4.xx response carrying a refusal frame, the
 * node keeps running and its ring state does not change. The last test is the control.
 */
class CoapBadInputTest {
  private static final WireCodec CODEC = new WireCodec();
  private final Members members = new Members();
  private TargetNode<CoapTransport> target;
  private CoapTransport transport;
  private ChordNode node;
  private Peer self;
  private CoapEndpoint clientEndpoint;

  static {
    CoapConfig.register();
    UdpConfig.register();
  }

  @BeforeEach
  void startNode() throws Exception {
    target =
        new TargetNode<>(
            s ->
                new CoapTransport(
                    members.newMember(),
                    members.trust,
                    s,
                    "127.0.0.1",
                    0,
                    NetConfig.defaults().withMaxFrameBytes(8 * 1024)));
    transport = target.transport;
    node = target.node;
    self = target.self;
    Configuration c = Configuration.createStandardWithoutFile();
    c.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 64 * 1024);
    clientEndpoint =
        new CoapEndpoint.Builder()
            .setConfiguration(c)
            .setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0))
            .build();
    clientEndpoint.start();
  }

  @AfterEach
  void stopNode() {
    clientEndpoint.destroy();
    transport.close(); // a test may have replaced the target's transport
    target.close();
  }

  private <T> T onNode(Supplier<T> task) throws Exception {
    return target.onNode(task);
  }

  private CoapResponse post(String path, String body) throws Exception {
    CoapClient client = new CoapClient(self.address() + path);
    client.setEndpoint(clientEndpoint);
    client.setTimeout(5_000L);
    try {
      CoapResponse r = client.post(body, MediaTypeRegistry.APPLICATION_JSON);
      assertThat(r).as("a response to " + path).isNotNull();
      return r;
    } finally {
      client.shutdown();
    }
  }

  private CoapResponse post(String body) throws Exception {
    return post("/node/" + self.id().toHex() + "/receive", body);
  }

  private Refusal refusal(CoapResponse r, ResponseCode expected, int code) {
    assertThat(r.getCode()).isEqualTo(expected);
    Refusal refusal = (Refusal) CODEC.decode(r.getResponseText());
    assertThat(refusal.code()).isEqualTo(code);
    return refusal;
  }

  private void assertStateUnchanged() throws Exception {
    assertThat(onNode(node::successor)).isEqualTo(self);
    assertThat(onNode(node::predecessor)).isEmpty();
    assertThat(onNode(node::isActive)).isTrue();
    assertThat(transport.stats().received()).isZero();
  }

  /** Shakes hands from the test's endpoint as {@code creds} known by {@code as}. */
  private void authenticate(NodeCredentials creds, Peer as) throws Exception {
    Handshake h = new Handshake(creds, members.trust, as.address(), self.id());
    CoapResponse r = post(CODEC.encode(h.hello()));
    assertThat(r.getCode()).isEqualTo(ResponseCode.CONTENT);
    Hello reply = (Hello) CODEC.decode(r.getResponseText());
    String proof = CODEC.encode(h.acceptHello(reply));
    h.acceptProof(reply.proof());
    assertThat(post(proof).getCode()).isEqualTo(ResponseCode.CHANGED);
  }

  @Test
  void garbageWrongTypesAndUnknownFieldsAreRefused() throws Exception {
    refusal(post("not json"), ResponseCode.BAD_REQUEST, Refusal.MALFORMED);
    Peer other = new Peer(members.newKey().nodeId(), "coap://127.0.0.1:1");
    String valid = CODEC.encode(new NotifyPredecessor(1), other);
    refusal(
        post(valid.replace("\"id\":1", "\"id\":1,\"x\":0")),
        ResponseCode.BAD_REQUEST,
        Refusal.MALFORMED);
    refusal(
        post(valid.replace("\"id\":1", "\"id\":[1]")), ResponseCode.BAD_REQUEST, Refusal.MALFORMED);
    assertStateUnchanged();
  }

  @Test
  void anOversizedBodyIsRefusedBlockWise() throws Exception {
    CoapResponse r = post("{\"error\":\"" + "x".repeat(9 * 1024) + "\",\"code\":400}");
    assertThat(r.getCode()).isEqualTo(ResponseCode.REQUEST_ENTITY_TOO_LARGE);
    assertStateUnchanged();
  }

  @Test
  void aLargeFrameWithinTheLimitArrivesBlockWise() throws Exception {
    // 6 KiB of refusal text: six blocks of 1,024 bytes; accepted and ignored (2.04)
    CoapResponse r = post("{\"error\":\"" + "x".repeat(6 * 1024) + "\",\"code\":400}");
    assertThat(r.getCode()).isEqualTo(ResponseCode.CHANGED);
    assertStateUnchanged();
  }

  @Test
  void aChordFrameWithoutHandshakeIsRefused() throws Exception {
    Peer other = new Peer(members.newKey().nodeId(), "coap://127.0.0.1:1");
    refusal(
        post(CODEC.encode(new NotifyPredecessor(1), other)),
        ResponseCode.UNAUTHORIZED,
        Refusal.UNAUTHENTICATED);
    assertStateUnchanged();
  }

  @Test
  void aWrongNodeIdOrPathIsRefused() throws Exception {
    refusal(
        post("/node/" + members.newKey().nodeId().toHex() + "/receive", "{}"),
        ResponseCode.NOT_FOUND,
        Refusal.WRONG_NODE);
    refusal(post("/other", "{}"), ResponseCode.NOT_FOUND, Refusal.WRONG_NODE);
    assertStateUnchanged();
  }

  @Test
  void badCertificatesAreRefused() throws Exception {
    NodeKeyPair k = members.newKey();
    long now = System.currentTimeMillis();
    List<MembershipCertificate> bad =
        List.of(
            new Members("other-net", 7).credentials(k).certificate(),
            MembershipCertificate.issue(
                members.admin,
                members.genesis,
                k.publicKey(),
                now - 10 * Members.DAY,
                now - 2 * Members.DAY,
                List.of()),
            MembershipCertificate.issue(
                k,
                members.genesis,
                k.publicKey(),
                now - Members.DAY,
                now + Members.DAY,
                List.of()));
    for (MembershipCertificate cert : bad) {
      Hello hello = new Hello(cert, new byte[32], "coap://127.0.0.1:1");
      refusal(post(CODEC.encode(hello)), ResponseCode.FORBIDDEN, Refusal.CERTIFICATE_REFUSED);
    }
    assertStateUnchanged();
  }

  @Test
  void aReplayedProofIsRefused() throws Exception {
    NodeCredentials creds = members.newMember();
    Peer as = new Peer(creds.nodeId(), "coap://127.0.0.1:1");
    Handshake h = new Handshake(creds, members.trust, as.address(), self.id());
    Hello hello = h.hello();
    Hello reply = (Hello) CODEC.decode(post(CODEC.encode(hello)).getResponseText());
    String proof = CODEC.encode(h.acceptHello(reply));
    assertThat(post(proof).getCode()).isEqualTo(ResponseCode.CHANGED);
    // the same hello and proof again: the node's new challenge makes the old proof worthless
    assertThat(post(CODEC.encode(hello)).getCode()).isEqualTo(ResponseCode.CONTENT);
    refusal(post(proof), ResponseCode.UNAUTHORIZED, Refusal.UNAUTHENTICATED);
    // and the session is gone: a Chord frame is refused
    refusal(
        post(CODEC.encode(new NotifyPredecessor(1), as)),
        ResponseCode.UNAUTHORIZED,
        Refusal.UNAUTHENTICATED);
    assertStateUnchanged();
  }

  @Test
  void aProofWithoutHelloIsRefused() throws Exception {
    Proof p = new Proof(members.newKey().sign(new byte[] {1}));
    refusal(post(CODEC.encode(p)), ResponseCode.UNAUTHORIZED, Refusal.UNAUTHENTICATED);
    assertStateUnchanged();
  }

  @Test
  void aForgedFromIsRefusedAndTheSessionForgotten() throws Exception {
    NodeCredentials creds = members.newMember();
    Peer as = new Peer(creds.nodeId(), "coap://127.0.0.1:1");
    authenticate(creds, as);
    assertThat(transport.sessions()).isEqualTo(1);
    Peer someoneElse = new Peer(members.newKey().nodeId(), "coap://127.0.0.1:2");
    refusal(
        post(CODEC.encode(new NotifyPredecessor(1), someoneElse)),
        ResponseCode.CONFLICT,
        Refusal.PROTOCOL_VIOLATION);
    assertThat(transport.sessions()).isZero();
    refusal(
        post(CODEC.encode(new NotifyPredecessor(2), as)),
        ResponseCode.UNAUTHORIZED,
        Refusal.UNAUTHENTICATED);
    assertStateUnchanged();
  }

  @Test
  void onlyPostIsAccepted() throws Exception {
    CoapClient client = new CoapClient(self.address() + "/node/" + self.id().toHex() + "/receive");
    client.setEndpoint(clientEndpoint);
    client.setTimeout(5_000L);
    try {
      assertThat(client.get().getCode()).isEqualTo(ResponseCode.METHOD_NOT_ALLOWED);
    } finally {
      client.shutdown();
    }
    assertStateUnchanged();
  }

  /** The control: the same frame in an authenticated session changes the predecessor. */
  @Test
  void anAuthenticatedNotifyChangesThePredecessor() throws Exception {
    NodeCredentials creds = members.newMember();
    Peer as = new Peer(creds.nodeId(), "coap://127.0.0.1:1");
    authenticate(creds, as);
    assertThat(post(CODEC.encode(new NotifyPredecessor(1), as)).getCode())
        .isEqualTo(ResponseCode.CHANGED);
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(5))
        .until(() -> onNode(node::predecessor).equals(Optional.of(as)));
    assertThat(transport.stats().received()).isEqualTo(1);
  }

  @Test
  void aSessionExpiresWhenUnused() throws Exception {
    transport.close();
    transport =
        new CoapTransport(
            members.newMember(),
            members.trust,
            target.scheduler,
            "127.0.0.1",
            0,
            NetConfig.defaults().withCoapSessionTtlMillis(300));
    transport.start();
    self = transport.localPeer();
    NodeCredentials creds = members.newMember();
    Peer as = new Peer(creds.nodeId(), "coap://127.0.0.1:1");
    authenticate(creds, as);
    // a session in use stays; one unused for 300 ms is forgotten and must shake hands again
    assertThat(post(CODEC.encode(new io.flowchain.dht.message.CheckTtl(1), as)).getCode())
        .isEqualTo(ResponseCode.CHANGED);
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .pollInterval(java.time.Duration.ofMillis(400))
        .until(
            () ->
                post(CODEC.encode(new io.flowchain.dht.message.CheckTtl(2), as)).getCode()
                    == ResponseCode.UNAUTHORIZED);
    authenticate(creds, as);
    assertThat(post(CODEC.encode(new io.flowchain.dht.message.CheckTtl(3), as)).getCode())
        .isEqualTo(ResponseCode.CHANGED);
  }
}
