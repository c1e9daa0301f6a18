package io.flowchain.cli;

import static io.flowchain.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowchain.cli.CliRun.Result;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands of a network, as an operator runs them: network init, keygen and authorize, then
 * {@code node start --port} for two nodes (the second joining the first by host and port), and
 * {@code put}, {@code get} and {@code query} through them from a client with a certificate of its
 * own; the nodes stop cleanly and their branches verify.
 */
class NetworkCommandsTest {

  @TempDir Path dir;

  private final List<RunningNode> nodes = new ArrayList<>();

  @AfterEach
  void stopNodes() throws InterruptedException {
    for (RunningNode n : nodes) {
      n.stop();
    }
  }

  private static final Pattern METRICS =
      Pattern.compile("metrics at http://127\\.0\\.0\\.1:(\\d+)/metrics");

  private static String http(String url, int status) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(status);
    return r.body();
  }

  /** The value of the sample named exactly {@code series} (with its labels) in a scrape. */
  private static double sample(String scrape, String series) {
    return scrape
        .lines()
        .filter(l -> l.startsWith(series + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + series + " in\n" + scrape));
  }

  private String p(String name) {
    return dir.resolve(name).toString();
  }

  private void member(String name, String... extra) {
    assertThat(run("keygen", "--out", p(name + ".pem")).exit()).isZero();
    List<String> args =
        new ArrayList<>(
            List.of(
                "network",
                "authorize",
                "--network",
                p("network.json"),
                "--admin-key",
                p("admin.pem"),
                "--node-key",
                p(name + ".pem")));
    args.addAll(List.of(extra));
    Result r = run(args.toArray(String[]::new));
    assertThat(r.exit()).as(r.err()).isZero();
  }

  private String[] endpoint(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--network",
            p("network.json"),
            "--key",
            p("endpoint.pem"),
            "--cert",
            p("endpoint.cert.json")));
    return all.toArray(String[]::new);
  }

  private RunningNode startNode(String name, String join, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "node",
                "start",
                "--port",
                "0",
                "--data-dir",
                p(name),
                "--network",
                p("network.json"),
                "--key",
                p(name + ".pem"),
                "--cert",
                p(name + ".cert.json"),
                "--tick-ms",
                "10"));
    if (join != null) {
      args.add("--join");
      args.add(join);
    }
    args.addAll(List.of(more));
    RunningNode n = new RunningNode(args.toArray(String[]::new));
    nodes.add(n);
    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () ->
                (n.output().contains("member of the ring as")
                        // the address line is printed after the start returns, which may be later
                        && RunningNode.LISTENING.matcher(n.output()).find())
                    || n.exit.get() >= 0);
    assertThat(n.exit.get()).as(n.output()).isEqualTo(-1);
    return n;
  }

  private String[] client(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--network",
            p("network.json"),
            "--key",
            p("client.pem"),
            "--cert",
            p("client.cert.json")));
    return all.toArray(String[]::new);
  }

  @Test
  void aNodeServesItsWebApiAndThingDescription() throws Exception {
    Result init =
        run(
            "network",
            "init",
            "--name",
            "web-net",
            "--out",
            p("network.json"),
            "--admin-key-out",
            p("admin.pem"));
    assertThat(init.exit()).as(init.err()).isZero();
    member("w");
    RunningNode w = startNode("w", null, "--http-port", "0", "--coap-api-port", "0");
    await().atMost(Duration.ofSeconds(30)).until(() -> w.output().contains("CoAP: "));
    Matcher td = Pattern.compile("Thing Description: (http://\\S+)").matcher(w.output());
    assertThat(td.find()).as(w.output()).isTrue();
    assertThat(w.output()).contains("CoAP: coap://127.0.0.1:");
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    var description =
        http.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(td.group(1))).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(description.statusCode()).isEqualTo(200);
    JsonNode thing = Json.MAPPER.readTree(description.body());
    String base = td.group(1).replace("/.well-known/wot", "");
    var submitted =
        http.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(base + "/api/objects/web-1/records"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"t\":1}"))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
    String recorder = Json.MAPPER.readTree(submitted.body()).get("record").get("recorder").asText();
    assertThat(thing.get("id").asText()).isEqualTo("urn:flowchain:node:" + recorder);

    Result refused = run("node", "start", "--data-dir", p("x"), "--http-port", "0");
    assertThat(refused.exit()).isNotZero();
    assertThat(refused.err()).contains("need --port");
  }

  @Test
  void twoNodesOnSocketsTakeReadingsFromAClientAndServeThemBack() throws Exception {
    Result init =
        run(
            "network",
            "init",
            "--name",
            "cli-net",
            "--out",
            p("network.json"),
            "--admin-key-out",
            p("admin.pem"));
    assertThat(init.exit()).as(init.err()).isZero();
    member("a");
    member("b");
    member("client");

    RunningNode a = startNode("a", null, "--metrics-port", "0");
    String atA = "127.0.0.1:" + a.port();
    RunningNode b = startNode("b", atA); // joins by host and port: the id is asked of node a
    String atB = "127.0.0.1:" + b.port();
    assertThat(b.output()).contains("joining through");

    List<JsonNode> receipts = new ArrayList<>();
    for (int k = 0; k < 6; k++) {
      Result put =
          run(
              client(
                  "put",
                  "--node",
                  k % 2 == 0 ? atA : atB,
                  "--object",
                  "s1",
                  "{\"seq\":" + k + "}",
                  "--json"));
      assertThat(put.exit()).as(put.err()).isZero();
      receipts.add(put.json());
    }
    Set<String> recorders = new HashSet<>();
    for (JsonNode r : receipts) {
      recorders.add(r.get("recorder").asText());
      assertThat(r.get("copies").asInt()).isGreaterThanOrEqualTo(1);
    }
    assertThat(a.output() + b.output()).contains(recorders);

    // node a serves its metrics and health: every record is recorded on it or copied to it
    Matcher served = METRICS.matcher(a.output());
    assertThat(served.find()).as(a.output()).isTrue();
    String base = "http://127.0.0.1:" + served.group(1);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              String metrics = http(base + "/metrics", 200);
              assertThat(
                      sample(metrics, "flowchain_records_recorded_total")
                          + sample(metrics, "flowchain_records_replicated_total"))
                  .isEqualTo(6);
              assertThat(
                      sample(metrics, "flowchain_transport_connections{transport=\"websocket\"}"))
                  .isPositive();
              assertThat(sample(metrics, "flowchain_ring_size_estimate")).isEqualTo(2);
            });
    assertThat(http(base + "/ready", 200)).contains("\"ready\":true");
    assertThat(http(base + "/health", 200)).contains("\"live\":true");
    http(base + "/nothing", 404);

    // by txID (a walk of the ring) and by data key (the key's successor), through either node
    JsonNode first = receipts.get(0);
    Result byTx = run(client("get", first.get("txId").asText(), "--node", atB));
    assertThat(byTx.exit()).as(byTx.err()).isZero();
    assertThat(byTx.out()).contains("{\"seq\":0}").contains(first.get("txId").asText());
    Result byKey =
        run(client("get", "--data-key", receipts.get(3).get("dataKey").asText(), "--node", atA));
    assertThat(byKey.exit()).as(byKey.err()).isZero();
    assertThat(byKey.out()).contains("{\"seq\":3}");
    Result missing = run(client("get", "00".repeat(32), "--node", atA));
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("no record");

    // the object's series, gathered from both nodes, in time order
    Result query = run(client("query", "--node", atA, "--object", "s1", "--json"));
    assertThat(query.exit()).as(query.err()).isZero();
    JsonNode q = query.json();
    assertThat(q.get("count").asInt()).isEqualTo(6);
    assertThat(q.get("nodesUnreachable").asInt()).isZero();
    List<String> txIds = new ArrayList<>();
    q.get("records").forEach(r -> txIds.add(r.get("txID").asText()));
    assertThat(txIds)
        .containsExactlyElementsOf(receipts.stream().map(r -> r.get("txId").asText()).toList());

    // an endpoint (certificate with the role endpoint) approves a reading: verified, one coin
    member("endpoint", "--role", "endpoint");
    String tx0 = receipts.get(0).get("txId").asText();
    Result approved = run(endpoint("approve", tx0, "--node", atB, "--json"));
    assertThat(approved.exit()).as(approved.err()).isZero();
    assertThat(approved.json().get("verified").asBoolean()).isTrue();
    assertThat(approved.json().get("recorder").asText())
        .isEqualTo(receipts.get(0).get("recorder").asText());
    assertThat(approved.json().get("confirmedBy").size()).isEqualTo(1); // two nodes: r = 2
    // twice, by a member without the role, or of a record nobody holds: refused, exit 3
    Result twice = run(endpoint("approve", tx0, "--node", atA));
    assertThat(twice.exit()).isEqualTo(3);
    assertThat(twice.err()).contains("ALREADY_APPROVED");
    String tx1 = receipts.get(1).get("txId").asText();
    Result byClient = run(client("approve", tx1, "--node", atA));
    assertThat(byClient.exit()).isEqualTo(3);
    assertThat(byClient.err()).contains("UNAUTHORIZED").contains("role 'endpoint'");
    Result unknown = run(endpoint("approve", "00".repeat(32), "--node", atA));
    assertThat(unknown.exit()).isEqualTo(3);
    assertThat(unknown.err()).contains("UNKNOWN_RECORD");
    Result badId = run(endpoint("approve", "xyz", "--node", atA));
    assertThat(badId.exit()).isEqualTo(2);

    // a client with a certificate of another network is refused before anything is sent
    Result other =
        run(
            "network",
            "init",
            "--name",
            "other-net",
            "--out",
            p("other.json"),
            "--admin-key-out",
            p("other-admin.pem"));
    assertThat(other.exit()).isZero();
    Result stranger =
        run(
            "put",
            "--node",
            atA,
            "--object",
            "s1",
            "x",
            "--network",
            p("other.json"),
            "--key",
            p("client.pem"),
            "--cert",
            p("client.cert.json"));
    assertThat(stranger.exit()).isEqualTo(2);
    assertThat(stranger.err()).contains("another network");

    // both nodes leave cleanly; their branches hold the six records and verify
    for (RunningNode n : List.of(b, a)) {
      n.stop();
      assertThat(n.exit.get()).as(n.output()).isZero();
      assertThat(n.output()).contains("left the ring and stopped cleanly");
    }
    long records = 0;
    long approvals = 0;
    for (String name : List.of("a", "b")) {
      Result v = run("verify", "--data-dir", p(name), "--json");
      assertThat(v.exit()).as(v.out() + v.err()).isZero();
      records += v.json().get("records").asLong();
      approvals += v.json().get("approvals").asLong();
    }
    assertThat(records).isEqualTo(6);
    assertThat(approvals).as("the one approved reading's receipt, verified").isEqualTo(1);
  }

  @Test
  void nodesListeningWithTlsFormARingAndServeAClient() throws Exception {
    Result init =
        run(
            "network",
            "init",
            "--name",
            "tls-net",
            "--out",
            p("network.json"),
            "--admin-key-out",
            p("admin.pem"));
    assertThat(init.exit()).as(init.err()).isZero();
    member("a");
    member("b");
    member("client");
    RunningNode a = startNode("a", null, "--tls");
    assertThat(a.fullAddress()).contains("@wss://");
    RunningNode b = startNode("b", a.fullAddress(), "--tls", "--coap-port", "0");
    assertThat(b.output()).contains("joining through");
    // with --tls the CoAP binding speaks DTLS only
    assertThat(b.output())
        .containsPattern("listening on wss://127\\.0\\.0\\.1:\\d+ and coaps://127");
    assertThat(b.output()).doesNotContain("coap://");
    Result put =
        run(client("put", "--node", b.fullAddress(), "--object", "t1", "{\"t\":1}", "--json"));
    assertThat(put.exit()).as(put.err()).isZero();
    String txId = put.json().get("txId").asText();
    Result back = run(client("get", txId, "--node", a.fullAddress()));
    assertThat(back.exit()).as(back.err()).isZero();
    assertThat(back.out()).contains("{\"t\":1}");
    // --tls without --port is refused
    Result bad = run("node", "start", "--data-dir", p("c"), "--tls");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("--tls");
  }
}
