package io.flowchain.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.dht.ChordNode;
import io.flowchain.dht.Peer;
import io.flowchain.dht.message.NotifyPredecessor;
import io.flowchain.net.membership.Handshake;
import io.flowchain.net.membership.MembershipCertificate;
import io.flowchain.net.membership.NodeCredentials;
import io.flowchain.net.wire.Frame;
import io.flowchain.net.wire.Hello;
import io.flowchain.net.wire.Proof;
import io.flowchain.net.wire.Refusal;
import io.flowchain.net.wire.WireCodec;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input on a node's WebSocket port: every case gets a refusal frame or a closed connection, the
 * node keeps running, and its ring state (successor, predecessor) does not change. The last test is
 * the control: the same frame from an authenticated peer does change it.
 */
class WebSocketBadInputTest {
  private static final WireCodec CODEC = new WireCodec();
  private final Members members = new Members();
  private TargetNode<WebSocketTransport> target;
  private WebSocketTransport transport;
  private ChordNode node;
  private Peer self;

  @BeforeEach
  void startNode() throws Exception {
    target =
        new TargetNode<>(
            s ->
                new WebSocketTransport(
                    members.newMember(),
                    members.trust,
                    s,
                    "127.0.0.1",
                    0,
                    NetConfig.defaults()
                        .withMaxFrameBytes(8 * 1024)
                        .withHandshakeTimeoutMillis(2_000)));
    transport = target.transport;
    node = target.node;
    self = target.self;
  }

  @AfterEach
  void stopNode() {
    target.close();
  }

  private <T> T onNode(Supplier<T> task) throws Exception {
    return target.onNode(task);
  }

  private URI endpoint() {
    return URI.create(self.address() + "/node/" + self.id().toHex() + "/receive");
  }

  private void assertStateUnchanged() throws Exception {
    assertThat(onNode(node::successor)).isEqualTo(self);
    assertThat(onNode(node::predecessor)).isEmpty();
    assertThat(onNode(node::isActive)).isTrue();
    assertThat(transport.stats().received()).isZero();
  }

  /** Connects, reads the node's hello, sends {@code text}, and returns the refusal received. */
  private Refusal refusalFor(String text) throws Exception {
    try (RawWebSocket ws = new RawWebSocket(endpoint())) {
      assertThat(CODEC.decode(ws.next())).isInstanceOf(Hello.class);
      ws.send(text);
      Frame answer = CODEC.decode(ws.next());
      assertThat(answer).isInstanceOf(Refusal.class);
      assertThat(ws.awaitClose()).isNotEqualTo(StatusCode.NORMAL);
      return (Refusal) answer;
    }
  }

  private String notifyPredecessorFrom(Peer from) {
    return CODEC.encode(new NotifyPredecessor(1), from);
  }

  /** An authenticated client connection as node {@code creds}, returns it after the handshake. */
  private RawWebSocket authenticated(NodeCredentials creds, Peer as) throws Exception {
    RawWebSocket ws = new RawWebSocket(endpoint());
    Handshake h = new Handshake(creds, members.trust, as.address(), self.id());
    Hello serverHello = (Hello) CODEC.decode(ws.next());
    ws.send(CODEC.encode(h.hello()));
    ws.send(CODEC.encode(h.acceptHello(serverHello)));
    h.acceptProof((Proof) CODEC.decode(ws.next()));
    return ws;
  }

  @Test
  void garbageIsRefusedAsMalformed() throws Exception {
    assertThat(refusalFor("\u0000\u0001 not json {").code()).isEqualTo(Refusal.MALFORMED);
    assertThat(refusalFor("{\"message\":{\"type\":\"CHECK_TTL\",\"id\":\"x\"},\"from\":{}}").code())
        .isEqualTo(Refusal.MALFORMED);
    assertStateUnchanged();
  }

  @Test
  void unknownFieldsAndWrongTypesAreRefused() throws Exception {
    Peer other = new Peer(members.newKey().nodeId(), "ws://127.0.0.1:1");
    String valid = notifyPredecessorFrom(other);
    assertThat(refusalFor(valid.replace("\"id\":1", "\"id\":1,\"extra\":true")).code())
        .isEqualTo(Refusal.MALFORMED);
    assertThat(refusalFor(valid.replace("\"id\":1", "\"id\":\"1\"")).code())
        .isEqualTo(Refusal.MALFORMED);
    assertThat(refusalFor("{\"hello\":{\"version\":\"1\"}}").code()).isEqualTo(Refusal.MALFORMED);
    assertStateUnchanged();
  }

  @Test
  void aChordFrameWithoutHandshakeIsRefused() throws Exception {
    Peer other = new Peer(members.newKey().nodeId(), "ws://127.0.0.1:1");
    Refusal r = refusalFor(notifyPredecessorFrom(other));
    assertThat(r.code()).isEqualTo(Refusal.UNAUTHENTICATED);
    assertThat(r.error()).contains("not authenticated");
    assertStateUnchanged();
  }

  @Test
  void anOversizedFrameClosesTheConnection() throws Exception {
    try (RawWebSocket ws = new RawWebSocket(endpoint())) {
      ws.next();
      ws.send("{\"error\":\"" + "x".repeat(9 * 1024) + "\",\"code\":400}");
      assertThat(ws.awaitClose()).isEqualTo(StatusCode.MESSAGE_TOO_LARGE);
    }
    // the node counts the refusal when Jetty reports the frame, possibly after the client saw the
    // close
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(5))
        .until(() -> transport.stats().refused() == 1);
    assertStateUnchanged();
  }

  @Test
  void aBinaryFrameIsRefused() throws Exception {
    try (RawWebSocket ws = new RawWebSocket(endpoint())) {
      ws.next();
      ws.sendBinary(new byte[] {1, 2, 3});
      Refusal r = (Refusal) CODEC.decode(ws.next());
      assertThat(r.code()).isEqualTo(Refusal.MALFORMED);
      assertThat(ws.awaitClose()).isEqualTo(StatusCode.BAD_PAYLOAD);
    }
    assertStateUnchanged();
  }

  @Test
  void aConnectionToAnotherNodeIdIsRefused() throws Exception {
    URI wrong =
        URI.create(self.address() + "/node/" + members.newKey().nodeId().toHex() + "/receive");
    try (RawWebSocket ws = new RawWebSocket(wrong)) {
      Refusal r = (Refusal) CODEC.decode(ws.next());
      assertThat(r.code()).isEqualTo(Refusal.WRONG_NODE);
      ws.awaitClose();
    }
    assertStateUnchanged();
  }

  @Test
  void certificatesOfAnotherNetworkExpiredOrSelfIssuedAreRefused() throws Exception {
    NodeKeyPair k = members.newKey();
    long now = System.currentTimeMillis();
    Members otherNetwork = new Members("other-net", 7);
    List<MembershipCertificate> bad =
        List.of(
            otherNetwork.credentials(k).certificate(),
            MembershipCertificate.issue(
                members.admin,
                members.genesis,
                k.publicKey(),
                now - 10 * Members.DAY,
                now - 2 * Members.DAY,
                List.of()),
            MembershipCertificate.issue(
                k, members.genesis, k.publicKey(), now - Members.DAY, now + Members.DAY, List.of()),
            members
                .credentials(k)
                .certificate()
                .withSignature(otherNetwork.credentials(k).certificate().signature()));
    for (MembershipCertificate cert : bad) {
      Hello hello = new Hello(cert, new byte[32], "ws://127.0.0.1:1");
      Refusal r = refusalFor(CODEC.encode(hello));
      assertThat(r.code()).as(r.error()).isEqualTo(Refusal.CERTIFICATE_REFUSED);
    }
    assertStateUnchanged();
  }

  @Test
  void aReplayedHandshakeIsRefused() throws Exception {
    NodeCredentials creds = members.newMember();
    Peer as = new Peer(creds.nodeId(), "ws://127.0.0.1:1");
    Hello recordedHello;
    Proof recordedProof;
    try (RawWebSocket first = new RawWebSocket(endpoint())) {
      Handshake h = new Handshake(creds, members.trust, as.address(), self.id());
      Hello serverHello = (Hello) CODEC.decode(first.next());
      recordedHello = h.hello();
      recordedProof = h.acceptHello(serverHello);
      first.send(CODEC.encode(recordedHello));
      first.send(CODEC.encode(recordedProof));
      h.acceptProof((Proof) CODEC.decode(first.next()));
    }
    try (RawWebSocket replay = new RawWebSocket(endpoint())) {
      replay.next();
      replay.send(CODEC.encode(recordedHello));
      assertThat(CODEC.decode(replay.next())).isInstanceOf(Proof.class);
      replay.send(CODEC.encode(recordedProof));
      Refusal r = (Refusal) CODEC.decode(replay.next());
      assertThat(r.code()).isEqualTo(Refusal.UNAUTHENTICATED);
      replay.awaitClose();
    }
    assertStateUnchanged();
  }

  @Test
  void aSecondHelloAfterTheHandshakeIsRefused() throws Exception {
    NodeCredentials creds = members.newMember();
    Peer as = new Peer(creds.nodeId(), "ws://127.0.0.1:1");
    try (RawWebSocket ws = authenticated(creds, as)) {
      ws.send(CODEC.encode(new Handshake(creds, members.trust, as.address(), null).hello()));
      Refusal r = (Refusal) CODEC.decode(ws.next());
      assertThat(r.code()).isEqualTo(Refusal.PROTOCOL_VIOLATION);
      ws.awaitClose();
    }
    assertStateUnchanged();
  }

  @Test
  void aForgedFromIsRefusedAndTheConnectionClosed() throws Exception {
    NodeCredentials creds = members.newMember();
    Peer as = new Peer(creds.nodeId(), "ws://127.0.0.1:1");
    Peer someoneElse = new Peer(members.newKey().nodeId(), "ws://127.0.0.1:2");
    try (RawWebSocket ws = authenticated(creds, as)) {
      ws.send(notifyPredecessorFrom(someoneElse));
      Refusal r = (Refusal) CODEC.decode(ws.next());
      assertThat(r.code()).isEqualTo(Refusal.PROTOCOL_VIOLATION);
      assertThat(ws.awaitClose()).isEqualTo(StatusCode.POLICY_VIOLATION);
    }
    // the same id at another address is a forgery too
    try (RawWebSocket ws = authenticated(creds, as)) {
      ws.send(notifyPredecessorFrom(new Peer(creds.nodeId(), "ws://127.0.0.1:3")));
      assertThat(((Refusal) CODEC.decode(ws.next())).code()).isEqualTo(Refusal.PROTOCOL_VIOLATION);
    }
    assertStateUnchanged();
  }

  @Test
  void noHandshakeWithinTheTimeoutIsRefused() throws Exception {
    try (RawWebSocket ws = new RawWebSocket(endpoint())) {
      ws.next();
      Refusal r = (Refusal) CODEC.decode(ws.next());
      assertThat(r.code()).isEqualTo(Refusal.UNAUTHENTICATED);
      ws.awaitClose();
    }
    assertStateUnchanged();
  }

  /** The control: the same frame, from an authenticated peer, changes the node's predecessor. */
  @Test
  void anAuthenticatedNotifyChangesThePredecessor() throws Exception {
    NodeCredentials creds = members.newMember();
    Peer as = new Peer(creds.nodeId(), "ws://127.0.0.1:1");
    try (RawWebSocket ws = authenticated(creds, as)) {
      ws.send(notifyPredecessorFrom(as));
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(5))
          .until(() -> onNode(node::predecessor).equals(Optional.of(as)));
    }
    assertThat(transport.stats().received()).isEqualTo(1);
  }
}
