package io.flowchain.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowchain.core.approval.Approval;
import io.flowchain.core.approval.ApprovalReceipt;
import io.flowchain.core.approval.ApproverCertificate;
import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.types.Difficulty;
import io.flowchain.core.types.Hex;
import io.flowchain.core.types.NodeId;
import io.flowchain.core.types.TxId;
import io.flowchain.node.message.FailureReason;
import io.flowchain.node.wot.NodeThing;
import io.flowchain.wot.ThingEvents;
import io.flowchain.wot.ThingNodeException;
import io.flowchain.wot.WotConfig;
import io.flowchain.wot.WotJson;
import io.flowchain.wot.WotServer;
import io.flowchain.wot.http.HttpOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Web of Things layer over real FlowchainNodes (a two-node ring in one process). */
class NodeThingTest {
  private static final NodeKeyPair ADMIN = NodeKeyPair.generate(new SplittableRandom(5));
  private static final NetworkParams PARAMS =
      new NetworkParams(
          "wot", 1_735_689_600_000L, List.of(Difficulty.EASIEST), List.of(ADMIN.publicKey()));

  private final List<AutoCloseable> open = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private List<FlowchainNode> ring() throws Exception {
    InProcessNetwork network = new InProcessNetwork();
    List<FlowchainNode> nodes = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      FlowchainNode.Builder b =
          FlowchainNode.builder().network(PARAMS).transport(network.at("node-" + i)).mining(100, 1);
      if (i > 0) {
        b.join(nodes.get(0).peer());
      }
      FlowchainNode n = b.start();
      open.add(n);
      nodes.add(n);
      n.started().get(60, TimeUnit.SECONDS);
    }
    return nodes;
  }

  private JsonNode get(WotServer s, String path, int status) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(s.endpoints().http() + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return WotJson.MAPPER.readTree(r.body());
  }

  @Test
  void readingsSubmittedOverHttpGoThroughTheRingAndAreReadBack() throws Exception {
    List<FlowchainNode> nodes = ring();
    NodeThing thing = new NodeThing(nodes.get(0));
    open.add(thing);
    List<Record> recorded = new CopyOnWriteArrayList<>();
    List<BlockHeader> mined = new CopyOnWriteArrayList<>();
    open.add(
        thing.subscribe(
            new ThingEvents() {
              @Override
              public void blockMined(BlockHeader header) {
                mined.add(header);
              }

              @Override
              public void recordRecorded(Record record) {
                recorded.add(record);
              }
            }));
    WotServer server = WotServer.start(thing, WotConfig.defaults(0, -1), HttpOptions.defaults());
    open.add(server);

    List<String> txIds = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(server.endpoints().http() + "/api/objects/meter-1/records"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"kWh\":" + i + "}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      txIds.add(WotJson.MAPPER.readTree(r.body()).get("receipt").get("txID").asText());
    }
    for (String tx : txIds) {
      assertThat(get(server, "/api/records/" + tx, 200).get("objectId").asText())
          .isEqualTo("meter-1");
    }
    assertThat(get(server, "/api/objects/meter-1/records", 200).get("records")).hasSize(6);

    JsonNode status = get(server, "/api/node", 200);
    assertThat(status.get("member").asBoolean()).isTrue();
    assertThat(status.get("ring").get("successors").toString()).contains(nodes.get(1).id().toHex());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> get(server, "/api/ring/members", 200).get("wholeRing").asBoolean());
    JsonNode members = get(server, "/api/ring/members", 200).get("members");
    assertThat(members).hasSize(2);
    assertThat(members.get(0).get("nodeId").asText()).isEqualTo(nodes.get(0).id().toHex());
    assertThat(members.get(0).get("state").asText()).isEqualTo("self");
    assertThat(members.get(1).get("nodeId").asText()).isEqualTo(nodes.get(1).id().toHex());
    assertThat(members.get(1).get("roles").toString()).contains("successor", "predecessor");
    assertThat(members.get(1).get("state").asText()).isEqualTo("alive"); // it answered
    assertThat(members.get(1).get("balance").asLong()).isEqualTo(nodes.get(1).balance());
    assertThat(get(server, "/api/blocks?from=1&limit=1", 200).get(0).get("miner").asText())
        .isEqualTo(nodes.get(0).id().toHex());
    assertThat(get(server, "/api/properties/balance", 200).asLong())
        .isEqualTo(nodes.get(0).balance());

    await().atMost(Duration.ofSeconds(30)).until(() -> !mined.isEmpty());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> recorded.size() == nodes.get(0).stats().recorded());
    assertThat(recorded).allSatisfy(r -> assertThat(r.recorder()).isEqualTo(nodes.get(0).id()));
  }

  @Test
  void anEndpointApprovesARecordThroughTheWebApiAndItsRecorderEarnsACoin() throws Exception {
    List<FlowchainNode> nodes = ring();
    NodeThing thing = new NodeThing(nodes.get(0));
    open.add(thing);
    NodeThing other = new NodeThing(nodes.get(1));
    open.add(other);
    Map<NodeId, List<ApprovalReceipt>> verifiedEvents = new ConcurrentHashMap<>();
    for (NodeThing t : List.of(thing, other)) {
      NodeId at = NodeId.parse(t.info().nodeId());
      open.add(
          t.subscribe(
              new ThingEvents() {
                @Override
                public void recordVerified(ApprovalReceipt receipt) {
                  verifiedEvents
                      .computeIfAbsent(at, k -> new CopyOnWriteArrayList<>())
                      .add(receipt);
                }
              }));
    }
    WotServer server = WotServer.start(thing, WotConfig.defaults(0, -1), HttpOptions.defaults());
    open.add(server);
    HttpResponse<String> put = post(server, "/api/objects/meter-2/records", "{\"kWh\":7}");
    assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    TxId tx = TxId.parse(WotJson.MAPPER.readTree(put.body()).get("receipt").get("txID").asText());
    Record record = nodes.get(1).get(tx).get(30, TimeUnit.SECONDS).orElseThrow();
    NodeKeyPair endpoint = NodeKeyPair.generate(new SplittableRandom(6));
    ApproverCertificate certificate =
        ApproverCertificate.issue(
            ADMIN,
            PARAMS,
            endpoint.publicKey(),
            1_600_000_000_000L,
            4_000_000_000_000L,
            List.of(ApproverCertificate.ENDPOINT_ROLE));
    String approval =
        "{\"approval\":\""
            + Hex.encode(
                Approval.sign(record, System.currentTimeMillis(), endpoint, certificate).toBytes())
            + "\"}";

    HttpResponse<String> approved = post(server, "/api/actions/approve", approval);
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    JsonNode result = WotJson.MAPPER.readTree(approved.body());
    assertThat(result.get("verified").asBoolean()).isTrue();
    assertThat(result.get("confirmations").asInt()).isEqualTo(1); // a ring of two: r = 2
    assertThat(nodes.get(0).balance() + nodes.get(1).balance()).isEqualTo(1);
    // the same approval again is a retry: the same answer, no second coin
    HttpResponse<String> retried = post(server, "/api/actions/approve", approval);
    assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
    assertThat(nodes.get(0).balance() + nodes.get(1).balance()).isEqualTo(1);
    // another approval of the approved record is refused and earns nothing
    String another =
        "{\"approval\":\""
            + Hex.encode(
                Approval.sign(record, System.currentTimeMillis() + 1, endpoint, certificate)
                    .toBytes())
            + "\"}";
    HttpResponse<String> twice = post(server, "/api/actions/approve", another);
    assertThat(twice.statusCode()).isEqualTo(400);
    assertThat(twice.body()).contains("ALREADY_APPROVED");
    assertThat(nodes.get(0).balance() + nodes.get(1).balance()).isEqualTo(1);
    long recorderBalance = record.recorder().equals(nodes.get(0).id()) ? 1 : 0;
    assertThat(get(server, "/api/properties/balance", 200).asLong()).isEqualTo(recorderBalance);
    // the recorder's Thing told of the verification, once, with the stored receipt
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> verifiedEvents.containsKey(record.recorder()));
    assertThat(verifiedEvents).containsOnlyKeys(record.recorder());
    ApprovalReceipt told = verifiedEvents.get(record.recorder()).get(0);
    assertThat(verifiedEvents.get(record.recorder())).hasSize(1);
    assertThat(told.txId()).isEqualTo(tx);
    JsonNode event = WotJson.verified(told);
    assertThat(event.get("txID").asText()).isEqualTo(tx.toHex());
    assertThat(event.get("recorder").asText()).isEqualTo(record.recorder().toHex());
    assertThat(event.get("confirmations").asInt()).isEqualTo(1);
    assertThat(ApprovalReceipt.parse(Hex.decode(event.get("receipt").asText())).signatureValid())
        .isTrue();
  }

  private HttpResponse<String> post(WotServer s, String path, String json) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(s.endpoints().http() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theNodesFailuresBecomeTheKindsTheWebApiAnswersWith() {
    assertThat(kind(FailureReason.NO_VALID_BLOCK)).isEqualTo(ThingNodeException.Kind.UNAVAILABLE);
    assertThat(kind(FailureReason.BUSY)).isEqualTo(ThingNodeException.Kind.UNAVAILABLE);
    assertThat(kind(FailureReason.INVALID_INPUT)).isEqualTo(ThingNodeException.Kind.INVALID_INPUT);
    assertThat(kind(FailureReason.TIMEOUT)).isEqualTo(ThingNodeException.Kind.TIMEOUT);
    assertThat(kind(FailureReason.BAD_ANSWER)).isEqualTo(ThingNodeException.Kind.BAD_GATEWAY);
  }

  private static ThingNodeException.Kind kind(FailureReason reason) {
    return ((ThingNodeException) NodeThing.map(new FlowchainException(reason, "x"))).kind();
  }
}
