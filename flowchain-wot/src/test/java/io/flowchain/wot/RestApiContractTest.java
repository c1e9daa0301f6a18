package io.flowchain.wot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowchain.wot.http.HttpOptions;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every REST route, its answers and its refusals (problem documents that change nothing). */
class RestApiContractTest {
  private static WotFixture f;

  @BeforeAll
  static void start() {
    f =
        new WotFixture(
            WotConfig.defaults(0, -1),
            new HttpOptions(
                () -> true, () -> new HttpOptions.Metrics("text/plain", "flowchain_up 1\n")));
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  private static JsonNode submit(String objectId, String json) {
    HttpResponse<String> r = f.post("/api/objects/" + objectId + "/records", json);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return WotFixture.json(r);
  }

  private static void assertProblem(HttpResponse<String> r, int status, String detailPart) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/problem+json");
    JsonNode p = WotFixture.json(r);
    assertThat(p.get("status").asInt()).isEqualTo(status);
    assertThat(p.get("title").asText()).isNotBlank();
    assertThat(p.get("detail").asText()).contains(detailPart);
  }

  @Test
  void aSubmittedReadingIsAnsweredWithItsRecordAndReceiptAndCanBeReadBack() {
    JsonNode s = submit("room-1", "{\"temperature\":20.5}");
    JsonNode record = s.get("record");
    JsonNode receipt = s.get("receipt");
    assertThat(record.get("objectId").asText()).isEqualTo("room-1");
    assertThat(record.get("payload").asText()).isEqualTo("{\"temperature\":20.5}");
    assertThat(receipt.get("txID").asText()).isEqualTo(record.get("txID").asText());
    assertThat(receipt.get("block").get("no").asLong()).isEqualTo(record.get("blockNo").asLong());

    String txId = record.get("txID").asText();
    JsonNode byTx = WotFixture.json(f.get("/api/records/" + txId));
    assertThat(byTx).isEqualTo(record);
    JsonNode byKey = WotFixture.json(f.get("/api/keys/" + record.get("dataKey").asText()));
    assertThat(byKey).isEqualTo(record);
  }

  @Test
  void aTimeSeriesIsReadInPages() {
    for (int i = 0; i < 5; i++) {
      submit("series-1", "{\"i\":" + i + "}");
    }
    JsonNode first = WotFixture.json(f.get("/api/objects/series-1/records?limit=3"));
    assertThat(first.get("records")).hasSize(3);
    String next = first.get("next").asText();
    JsonNode second = WotFixture.json(f.get("/api/objects/series-1/records?limit=3&after=" + next));
    assertThat(second.get("records")).hasSize(2);
    assertThat(second.get("next").isNull()).isTrue();
    JsonNode all = WotFixture.json(f.get("/api/objects/series-1/records"));
    assertThat(all.get("records")).hasSize(5);
    assertThat(all.get("records").get(0).get("payload").asText()).isEqualTo("{\"i\":0}");
    JsonNode none = WotFixture.json(f.get("/api/objects/series-1/records?from=0&to=1"));
    assertThat(none.get("records")).isEmpty();
  }

  @Test
  void nodeRingBlocksAndDevicesAreShown() {
    submit("dev-status", "{\"on\":true}");
    JsonNode node = WotFixture.json(f.get("/api/node"));
    assertThat(node.get("nodeId").asText()).isEqualTo(f.node.info().nodeId());
    assertThat(node.get("chainHeight").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(node.get("validBlock").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(WotFixture.json(f.get("/api/ring")).has("successors")).isTrue();
    JsonNode blocks = WotFixture.json(f.get("/api/blocks?from=0&limit=2"));
    assertThat(blocks.get(0).get("no").asLong()).isZero();
    assertThat(blocks.get(1).get("miner").asText()).isEqualTo(f.node.info().nodeId());
    JsonNode status = WotFixture.json(f.get("/api/objects/dev-status/status"));
    assertThat(status.get("readings").asLong()).isEqualTo(1);
    assertThat(status.get("online").asBoolean()).isTrue(); // an HTTP reading: present a minute
    JsonNode unknown = WotFixture.json(f.get("/api/objects/never-seen/status"));
    assertThat(unknown.get("online").asBoolean()).isFalse();
    assertThat(WotFixture.json(f.get("/api/devices")).toString()).contains("dev-status");
  }

  @Test
  void propertiesAndActionsOfTheDescriptionAnswer() {
    assertThat(WotFixture.json(f.get("/api/properties/nodeId")).asText())
        .isEqualTo(f.node.info().nodeId());
    assertThat(WotFixture.json(f.get("/api/properties/chainHeight")).isIntegralNumber()).isTrue();
    assertThat(WotFixture.json(f.get("/api/properties/validBlock")).asLong()).isPositive();
    assertThat(WotFixture.json(f.get("/api/properties/ringNeighbours")).has("successors")).isTrue();
    assertThat(WotFixture.json(f.get("/api/properties/status")).get("member").asBoolean()).isTrue();
    assertProblem(f.get("/api/properties/balance"), 501, "Flowcoin");
    assertProblem(f.get("/api/properties/colour"), 404, "no property colour");

    JsonNode out =
        WotFixture.json(
            f.post("/api/actions/submit", "{\"objectId\":\"act-1\",\"data\":{\"v\":1}}"));
    assertThat(out.get("record").get("payload").asText()).isEqualTo("{\"v\":1}");
    JsonNode text =
        WotFixture.json(
            f.post(
                "/api/actions/submit",
                "{\"objectId\":\"act-1\",\"contentType\":\"text/plain\",\"data\":\"hello\"}"));
    assertThat(text.get("record").get("payload").asText()).isEqualTo("hello");
    JsonNode page = WotFixture.json(f.post("/api/actions/query", "{\"objectId\":\"act-1\"}"));
    assertThat(page.get("records")).hasSize(2);
    String tx = out.get("record").get("txID").asText();
    // an approval is the endpoint's signed canonical form (protocol.md §14), checked before use
    assertProblem(
        f.post("/api/actions/approve", "{\"approval\":\"" + tx + "\"}"),
        400,
        "not a canonical approval");
    assertProblem(f.post("/api/actions/approve", "{\"approval\":\"xyz\"}"), 400, "approval");
    assertProblem(f.post("/api/actions/approve", "{}"), 400, "'approval' is required");
    assertProblem(f.post("/api/actions/launch", "{}"), 404, "no action launch");
  }

  /** A reference that would load something from another server. */
  private static final String REMOTE =
      "(?:src|href)\\s*=\\s*[\"']?(?:https?:)?//|from\\s*['\"](?:https?:)?//|url\\(['\"]?(?:https?:)?//"
          + "|import\\(['\"](?:https?:)?//";

  @Test
  void theDashboardAndEverythingItLoadsAreServedByTheNode() {
    HttpResponse<String> page = f.get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("content-type").orElse("")).startsWith("text/html");
    java.util.Set<String> files = new java.util.TreeSet<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("/dashboard/([a-z]+\\.(?:js|css))").matcher(page.body());
    while (m.find()) {
      files.add(m.group(1));
    }
    assertThat(files).contains("dashboard.js", "dashboard.css");
    assertThat(page.body()).doesNotContainPattern(REMOTE);
    java.util.Deque<String> toLoad = new java.util.ArrayDeque<>(files);
    while (!toLoad.isEmpty()) {
      String file = toLoad.pop();
      HttpResponse<String> r = f.get("/dashboard/" + file);
      assertThat(r.statusCode()).as(file).isEqualTo(200);
      assertThat(r.headers().firstValue("content-type").orElse(""))
          .startsWith(file.endsWith(".js") ? "text/javascript" : "text/css");
      assertThat(r.body()).as(file + " loads nothing from elsewhere").doesNotContainPattern(REMOTE);
      java.util.regex.Matcher imports =
          java.util.regex.Pattern.compile("from '\\./([a-z]+\\.js)'").matcher(r.body());
      while (imports.find()) {
        if (files.add(imports.group(1))) {
          toLoad.push(imports.group(1));
        }
      }
    }
    assertThat(files).contains("ring.js", "api.js");
    assertProblem(f.get("/dashboard/index.html"), 404, "no dashboard file");
  }

  @Test
  void everyReadingAcknowledgedHereIsStreamedWithItsReceipt() throws Exception {
    java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
    HttpResponse<java.util.stream.Stream<String>> stream =
        client
            .sendAsync(
                HttpRequest.newBuilder(URI.create(f.url("/api/readings")))
                    .header("Accept", "text/event-stream") // as EventSource sends it
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofLines())
            .get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.headers().firstValue("content-type").orElse(""))
        .startsWith("text/event-stream");
    java.util.Queue<String> lines = new java.util.concurrent.ConcurrentLinkedQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                stream.body().forEach(lines::add);
              } catch (java.io.UncheckedIOException closedAtTheEnd) {
                // the test closes the stream when it is done with it
              }
            },
            "sse-reader");
    reader.setDaemon(true);
    reader.start();
    try {
      // subscribed before the headers came: both readings are on the stream
      String a = submit("stream-a", "{\"n\":1}").get("record").get("txID").asText();
      String b = submit("stream-b", "{\"n\":2}").get("record").get("txID").asText();
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(10))
          .until(() -> lines.stream().filter(l -> l.contains(a) || l.contains(b)).count() == 2);
      JsonNode event =
          WotJson.MAPPER.readTree(
              lines.stream().filter(l -> l.contains(a)).findFirst().orElseThrow().substring(5));
      assertThat(event.get("objectId").asText()).isEqualTo("stream-a");
      assertThat(event.get("receipt").get("txID").asText()).isEqualTo(a);
      assertThat(event.get("receipt").get("block").get("hash").asText())
          .isEqualTo(event.get("record").get("blockHash").asText());
    } finally {
      stream.body().close();
    }
  }

  @Test
  void theRingMembersOfALoneNodeAreTheNodeItself() {
    JsonNode ring = WotFixture.json(f.get("/api/ring/members"));
    assertThat(ring.get("member").asBoolean()).isTrue();
    assertThat(ring.get("members")).hasSize(1);
    JsonNode self = ring.get("members").get(0);
    assertThat(self.get("nodeId").asText()).isEqualTo(f.node.info().nodeId());
    assertThat(self.get("state").asText()).isEqualTo("self");
    assertThat(self.get("roles").toString()).isEqualTo("[\"self\"]");
  }

  @Test
  void serviceRoutesAnswer() {
    assertThat(f.get("/health").statusCode()).isEqualTo(200);
    assertThat(f.get("/ready").statusCode()).isEqualTo(200);
    HttpResponse<String> m = f.get("/metrics");
    assertThat(m.body()).isEqualTo("flowchain_up 1\n");
    assertThat(WotFixture.json(f.get("/openapi.json")).get("openapi").asText()).startsWith("3.");
  }

  @Test
  void badInputGetsAProblemAndChangesNothing() throws Exception {
    long before = f.node.recordCount();
    long submits = f.node.submits.get();
    assertProblem(f.post("/api/objects/bad%20id/records", "{\"a\":1}"), 400, "object id");
    assertProblem(f.post("/api/objects/-x/records", "{\"a\":1}"), 400, "object id");
    assertProblem(f.post("/api/objects/ok-1/records", "{\"a\":"), 400, "not well-formed JSON");
    assertProblem(f.post("/api/objects/ok-1/records", "{\"a\":1} trailing"), 400, "JSON");
    assertProblem(f.post("/api/objects/ok-1/records", "{\"a\":1,\"a\":2}"), 400, "JSON");
    assertProblem(f.post("/api/objects/ok-1/records", ""), 400, "empty");
    assertProblem(
        f.post("/api/objects/ok-1/records", null, "{}".getBytes(StandardCharsets.UTF_8)),
        415,
        "Content-Type");
    assertProblem(
        f.post("/api/objects/ok-1/records", "not a type", "x".getBytes(StandardCharsets.UTF_8)),
        415,
        "media type");
    byte[] big = ("\"" + "x".repeat(70_000) + "\"").getBytes(StandardCharsets.UTF_8);
    assertProblem(f.post("/api/objects/ok-1/records", "application/json", big), 413, "at most");
    // a body announced larger than the limit is refused before it is read
    assertThat(rawStatus("POST /api/objects/ok-1/records", "application/octet-stream", 200_000))
        .startsWith("HTTP/1.1 413");
    assertProblem(f.post("/api/actions/submit", "text/plain", "x".getBytes()), 415, "JSON");
    assertProblem(f.post("/api/actions/submit", "[1]"), 400, "JSON object");
    assertProblem(f.post("/api/actions/submit", "{\"data\":1}"), 400, "'objectId' is required");
    assertProblem(
        f.post("/api/actions/submit", "{\"objectId\":\"a b\",\"data\":1}"), 400, "object id");
    assertProblem(f.post("/api/actions/query", "{\"objectId\":\"a\",\"limit\":0}"), 400, "limit");
    assertProblem(f.get("/api/objects/a/records?from=5&to=1"), 400, "from");
    assertProblem(f.get("/api/objects/a/records?limit=x"), 400, "integer");
    assertProblem(f.get("/api/objects/a/records?after=zzz"), 400, "cursor");
    assertProblem(f.get("/api/records/1234"), 400, "64 hex digits");
    assertProblem(f.get("/api/records/" + "0".repeat(64)), 404, "no record");
    assertProblem(f.get("/api/keys/xyz"), 400, "40 hex digits");
    assertProblem(f.get("/api/keys/" + "0".repeat(40)), 404, "no record");
    assertProblem(f.get("/api/blocks?limit=5000"), 400, "limit");
    assertProblem(f.get("/things/bad%20id"), 400, "object id");
    assertProblem(f.get("/no/such/route"), 404, "no route");
    assertProblem(
        f.send(HttpRequest.newBuilder(URI.create(f.url("/api/node"))).DELETE()), 405, "DELETE");
    assertThat(f.node.recordCount()).isEqualTo(before);
    assertThat(f.node.submits.get()).isEqualTo(submits);
  }

  /** The status line of a request whose headers announce a body that is never sent. */
  private static String rawStatus(String requestLine, String contentType, int contentLength)
      throws java.io.IOException {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", f.server.httpPort())) {
      socket.setSoTimeout(10_000);
      String head =
          requestLine
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
              + contentType
              + "\r\nContent-Length: "
              + contentLength
              + "\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      return new java.io.BufferedReader(
              new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
          .readLine();
    }
  }

  @Test
  void aConnectionOverItsRateIsToldToSlowDown() {
    try (WotFixture slow =
        new WotFixture(WotConfig.defaults(0, -1).withRateLimit(0.01, 3), HttpOptions.defaults())) {
      int[] statuses = new int[5];
      for (int i = 0; i < statuses.length; i++) {
        statuses[i] = slow.get("/health").statusCode();
      }
      assertThat(statuses).containsExactly(200, 200, 200, 429, 429);
      HttpResponse<String> r = slow.get("/health");
      assertProblem(r, 429, "slow down");
      assertThat(r.headers().firstValue("retry-after")).hasValue("1");
    }
  }
}
