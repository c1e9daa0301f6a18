package io.flowchain.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.flowchain.core.port.ExecutorScheduler;
import io.flowchain.dht.ChordNode;
import io.flowchain.dht.Peer;
import io.flowchain.dht.message.CheckTtl;
import io.flowchain.dht.message.NotifyPredecessor;
import io.flowchain.net.membership.Handshake;
import io.flowchain.net.membership.MembershipException;
import io.flowchain.net.membership.NodeCredentials;
import io.flowchain.net.wire.Hello;
import io.flowchain.net.wire.Refusal;
import io.flowchain.net.wire.WireCodec;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * CoAP over DTLS ({@code coaps://}): messages flow between two nodes; a plain CoAP peer is not
 * heard (dropped, counted, logged) and changes nothing; a membership handshake that is not bound to
 * the DTLS session it runs on is refused, and the control, bound to it, is accepted.
 */
class CoapsTransportTest {
  private static final WireCodec CODEC = new WireCodec();
  private static final NetConfig QUICK =
      new NetConfig(
          WireCodec.DEFAULT_MAX_FRAME_BYTES,
          1_024,
          10_000,
          256,
          5_000,
          5_000,
          120_000,
          200,
          200,
          1,
          600_000);

  private final Members members = new Members();
  private TargetNode<CoapTransport> target;
  private CoapTransport transport;
  private ChordNode node;
  private Peer self;

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
                    QUICK,
                    TlsIdentity.selfSigned("target")));
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

  private void assertStateUnchanged() throws Exception {
    assertThat(onNode(node::successor)).isEqualTo(self);
    assertThat(onNode(node::predecessor)).isEmpty();
    assertThat(transport.stats().received()).isZero();
    assertThat(transport.stats().handshakes()).isZero();
    assertThat(transport.sessions()).isZero();
  }

  @Test
  void messagesFlowOverDtls() throws Exception {
    AtomicLong received = new AtomicLong();
    try (ExecutorScheduler sa = new ExecutorScheduler("a");
        ExecutorScheduler sb = new ExecutorScheduler("b");
        CoapTransport a = members.coap(sa, "a");
        CoapTransport b = members.coap(sb, "b")) {
      a.start();
      b.start();
      b.setReceiver((from, m) -> received.incrementAndGet());
      Peer pb = b.localPeer();
      assertThat(pb.address()).startsWith("coaps://127.0.0.1:");
      assertThat(a.reaches(pb.address())).isTrue();
      assertThat(a.reaches("coap://127.0.0.1:" + b.port())).isFalse();
      Sends.until(sa, a, pb, Duration.ofSeconds(10), () -> received.get() >= 3);
      assertThat(a.stats().handshakes()).isEqualTo(1);
      assertThat(b.stats().handshakes()).isEqualTo(1);
      assertThat(b.sessions()).isEqualTo(1);
    }
  }

  @Test
  void twoNodesThatOpenADtlsSessionToEachOtherAtOnceBothGetThrough() throws Exception {
    // both handshakes start at the same moment: DTLS aborts both, and the links try again
    for (int round = 0; round < 3; round++) {
      AtomicLong toA = new AtomicLong();
      AtomicLong toB = new AtomicLong();
      try (ExecutorScheduler sa = new ExecutorScheduler("a");
          ExecutorScheduler sb = new ExecutorScheduler("b");
          CoapTransport a = members.coap(sa, "a");
          CoapTransport b = members.coap(sb, "b")) {
        a.start();
        b.start();
        a.setReceiver((from, m) -> toA.incrementAndGet());
        b.setReceiver((from, m) -> toB.incrementAndGet());
        Peer pa = a.localPeer();
        Peer pb = b.localPeer();
        sa.schedule(0, () -> a.send(pb, new CheckTtl(1)));
        sb.schedule(0, () -> b.send(pa, new CheckTtl(2)));
        Awaitility.await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> toA.get() == 1 && toB.get() == 1);
        assertThat(a.stats().dropped() + b.stats().dropped()).isZero();
      }
    }
  }

  @Test
  void aPlainCoapPeerIsNotHeard() throws Exception {
    Logger log = (Logger) LoggerFactory.getLogger(CoapDtls.class);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    log.addAppender(logged);
    try (ExecutorScheduler sp = new ExecutorScheduler("plain");
        CoapTransport plain =
            new CoapTransport(members.newMember(), members.trust, sp, "127.0.0.1", 0, QUICK)) {
      plain.start();
      // the plain peer thinks the node speaks plain CoAP on its port
      Peer misnamed = new Peer(self.id(), "coap://127.0.0.1:" + transport.port());
      sp.schedule(0, () -> plain.send(misnamed, new NotifyPredecessor(1)));
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> plain.stats().droppedUnreachable.get() >= 1);
      assertThat(transport.stats().notDtls()).isPositive();
      assertThat(logged.list)
          .anySatisfy(
              e ->
                  assertThat(e.getFormattedMessage())
                      .contains("plain CoAP datagram from /127.0.0.1:" + plain.port())
                      .contains("CoAP over DTLS only (coaps://)"));
      assertThat(plain.stats().handshakes()).isZero();
      assertStateUnchanged();
      // and the DTLS node does not send to a plain CoAP address
      long before = transport.stats().droppedUnreachable.get();
      target.scheduler.schedule(
          0, () -> transport.send(plain.localPeer(), new NotifyPredecessor(2)));
      Awaitility.await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> transport.stats().droppedUnreachable.get() > before);
      assertThat(plain.stats().received()).isZero();
    } finally {
      log.detachAppender(logged);
    }
  }

  @Test
  void onlyAHandshakeBoundToTheDtlsSessionIsAccepted() throws Exception {
    Configuration c = transport.californium();
    DTLSConnector connector =
        CoapDtls.connector(
            c,
            new InetSocketAddress("127.0.0.1", 0),
            TlsIdentity.selfSigned("client"),
            "client",
            new AtomicLong());
    CoapEndpoint endpoint =
        new CoapEndpoint.Builder().setConfiguration(c).setConnector(connector).build();
    endpoint.start();
    try {
      NodeCredentials creds = members.newMember();
      Peer as = new Peer(creds.nodeId(), "coaps://127.0.0.1:" + endpoint.getAddress().getPort());

      // not bound: the channel value of plain CoAP (zeros) over a DTLS session
      Handshake unbound = new Handshake(creds, members.trust, as.address(), self.id());
      CoapResponse r = post(endpoint, CODEC.encode(unbound.hello()));
      assertThat(r.getCode()).isEqualTo(ResponseCode.CONTENT);
      Hello reply = (Hello) CODEC.decode(r.getResponseText());
      String badProof = CODEC.encode(unbound.acceptHello(reply));
      assertThatThrownBy(() -> unbound.acceptProof(reply.proof()))
          .isInstanceOf(MembershipException.class);
      CoapResponse refused = post(endpoint, badProof);
      assertThat(refused.getCode()).isEqualTo(ResponseCode.UNAUTHORIZED);
      assertThat(((Refusal) CODEC.decode(refused.getResponseText())).code())
          .isEqualTo(Refusal.UNAUTHENTICATED);
      assertStateUnchanged();

      // control: bound to the session, then a Chord frame changes the node's predecessor
      Handshake bound = new Handshake(creds, members.trust, as.address(), self.id());
      CoapResponse r2 = post(endpoint, CODEC.encode(bound.hello()));
      bound.bindChannel(CoapDtls.channel(connector, r2.advanced().getSourceContext()));
      Hello reply2 = (Hello) CODEC.decode(r2.getResponseText());
      String proof = CODEC.encode(bound.acceptHello(reply2));
      assertThat(bound.acceptProof(reply2.proof()).id()).isEqualTo(self.id());
      assertThat(post(endpoint, proof).getCode()).isEqualTo(ResponseCode.CHANGED);
      assertThat(post(endpoint, CODEC.encode(new NotifyPredecessor(1), as)).getCode())
          .isEqualTo(ResponseCode.CHANGED);
      Awaitility.await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> onNode(node::predecessor), Optional::isPresent);
      assertThat(onNode(node::predecessor)).contains(as);
    } finally {
      endpoint.destroy();
    }
  }

  private CoapResponse post(CoapEndpoint endpoint, String body) throws Exception {
    CoapClient client = new CoapClient(self.address() + "/node/" + self.id().toHex() + "/receive");
    client.setEndpoint(endpoint);
    client.setTimeout(5_000L);
    try {
      CoapResponse r = client.post(body, MediaTypeRegistry.APPLICATION_JSON);
      assertThat(r).as("a response").isNotNull();
      return r;
    } finally {
      client.shutdown();
    }
  }
}
