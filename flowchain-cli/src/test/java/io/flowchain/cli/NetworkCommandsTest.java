package io.flowchain.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
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
  private static final Pattern LISTENING =
      Pattern.compile("listening on ws://127\\.0\\.0\\.1:(\\d+)");

  @TempDir Path dir;

  private final List<RunningNode> nodes = new ArrayList<>();

  private record Result(int exit, String out, String err) {
    JsonNode json() throws Exception {
      return Json.MAPPER.readTree(out);
    }
  }

  /** {@code flowchain node start} on a thread of its own; interrupting the thread stops it. */
  private static final class RunningNode {
    final StringWriter text = new StringWriter();
    final Thread thread;
    final AtomicInteger exit = new AtomicInteger(-1);

    RunningNode(String... args) {
      PrintWriter out = new PrintWriter(text, true);
      var cmd = FlowchainCommand.commandLine();
      cmd.setOut(out);
      cmd.setErr(out);
      thread = new Thread(() -> exit.set(cmd.execute(args)), "node-start");
      thread.start();
    }

    String output() {
      synchronized (text) {
        return text.toString();
      }
    }

    int port() {
      Matcher m = LISTENING.matcher(output());
      assertThat(m.find()).as(output()).isTrue();
      return Integer.parseInt(m.group(1));
    }

    void stop() throws InterruptedException {
      thread.interrupt();
      thread.join(60_000);
    }
  }

  @AfterEach
  void stopNodes() throws InterruptedException {
    for (RunningNode n : nodes) {
      n.stop();
    }
  }

  private static Result run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      var cmd = FlowchainCommand.commandLine();
      cmd.setErr(new PrintWriter(System.err, true));
      int exit = cmd.execute(args);
      return new Result(
          exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  private String p(String name) {
    return dir.resolve(name).toString();
  }

  private void member(String name) {
    assertThat(run("keygen", "--out", p(name + ".pem")).exit()).isZero();
    Result r =
        run(
            "network",
            "authorize",
            "--network",
            p("network.json"),
            "--admin-key",
            p("admin.pem"),
            "--node-key",
            p(name + ".pem"));
    assertThat(r.exit()).as(r.err()).isZero();
  }

  private RunningNode startNode(String name, String join, String... extra) {
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
    args.addAll(List.of(extra));
    RunningNode n = new RunningNode(args.toArray(String[]::new));
    nodes.add(n);
    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> n.output().contains("member of the ring as") || n.exit.get() >= 0);
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

    RunningNode a = startNode("a", null);
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
    for (String name : List.of("a", "b")) {
      Result v = run("verify", "--data-dir", p(name), "--json");
      assertThat(v.exit()).as(v.out() + v.err()).isZero();
      records += v.json().get("records").asLong();
    }
    assertThat(records).isEqualTo(6);
  }
}
