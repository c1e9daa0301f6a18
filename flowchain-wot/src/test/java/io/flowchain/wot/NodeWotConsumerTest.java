package io.flowchain.wot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Eclipse Thingweb node-wot consumes the node's Thing Description, unmodified: it reads a property,
 * subscribes to an event and invokes the submit action, over HTTP and over CoAP
 * (src/test/node-wot/consumer.js). Installs the pinned npm packages first ({@code npm ci}); skipped
 * only where {@code node} or {@code npm} is not installed.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class NodeWotConsumerTest {
  private static final Path PROJECT = Path.of("src/test/node-wot").toAbsolutePath();

  @BeforeAll
  static void installNodeWot() throws Exception {
    assumeTrue(
        onPath("node") && onPath("npm"),
        "node and npm are not on the PATH: the node-wot consumer test needs Node.js 18+ and npm");
    if (!Files.isDirectory(PROJECT.resolve("node_modules/@node-wot/binding-coap"))) {
      Run r = run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
      assertThat(r.exit).as("npm ci failed:%n%s", r.output).isZero();
    }
  }

  @Test
  void nodeWotReadsSubscribesAndInvokesOverHttp() throws Exception {
    try (WotFixture f = new WotFixture()) {
      JsonNode out = consume(f, f.server.endpoints().nodeTd(), "http", "nodewot-http");
      check(f, out);
    }
  }

  @Test
  void nodeWotReadsSubscribesAndInvokesOverCoap() throws Exception {
    try (WotFixture f = new WotFixture()) {
      JsonNode out =
          consume(f, f.server.endpoints().coap() + "/.well-known/wot", "coap", "nodewot-coap");
      check(f, out);
    }
  }

  private static void check(WotFixture f, JsonNode out) {
    assertThat(out.get("nodeId").asText()).isEqualTo(f.node.info().nodeId());
    String txId = out.get("txID").asText();
    assertThat(out.get("eventTxID").asText()).isEqualTo(txId);
    var stored = f.get("/api/records/" + txId);
    assertThat(stored.statusCode()).isEqualTo(200);
    assertThat(WotFixture.json(stored).get("payload").asText()).contains("21.5");
  }

  private static JsonNode consume(WotFixture f, String tdUrl, String protocol, String objectId)
      throws Exception {
    Run r = run(List.of("node", "consumer.js", tdUrl, protocol, objectId), 120);
    assertThat(r.exit).as("node-wot consumer over %s failed:%n%s", protocol, r.output).isZero();
    String last = r.output.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse("");
    return WotJson.MAPPER.readTree(last);
  }

  private record Run(int exit, String output) {}

  private static Run run(List<String> command, int timeoutSeconds) throws Exception {
    File log = Files.createTempFile("node-wot", ".log").toFile();
    try {
      Process p =
          new ProcessBuilder(command)
              .directory(PROJECT.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log)
              .start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Run(-1, "timed out after " + timeoutSeconds + " s: " + read(log));
      }
      return new Run(p.exitValue(), read(log));
    } finally {
      log.delete();
    }
  }

  private static String read(File f) throws IOException {
    return Files.readString(f.toPath(), StandardCharsets.UTF_8);
  }

  static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
