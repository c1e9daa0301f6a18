package io.flowchain.wot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * libcoap's {@code coap-client} (Debian: libcoap3-bin) as a device and as a reader: a reading
 * POSTed to {@code /object/{id}/send} is recorded, and the Thing Description is fetched blockwise.
 * Skipped where no coap-client is installed.
 */
class LibcoapClientTest {
  private static String coapClient() {
    for (String name :
        List.of("coap-client", "coap-client-notls", "coap-client-openssl", "coap-client-gnutls")) {
      if (NodeWotConsumerTest.onPath(name)) {
        return name;
      }
    }
    return null;
  }

  private static String run(List<String> command) throws Exception {
    java.io.File log = java.io.File.createTempFile("coap-client", ".log");
    log.deleteOnExit();
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    boolean done = p.waitFor(30, TimeUnit.SECONDS);
    String out = java.nio.file.Files.readString(log.toPath(), StandardCharsets.UTF_8);
    if (!done) {
      p.destroyForcibly();
      throw new AssertionError("coap-client did not finish in 30 s: " + command + "\n" + out);
    }
    assertThat(p.exitValue()).as("%s: %s", command, out).isZero();
    return out;
  }

  @Test
  void libcoapPostsAReadingAndReadsTheDescription() throws Exception {
    String client = coapClient();
    assumeTrue(
        client != null, "libcoap's coap-client is not installed (apt-get install libcoap3-bin)");
    try (WotFixture f = new WotFixture()) {
      String base = f.server.endpoints().coap();
      String receipt =
          run(
              List.of(
                  client,
                  "-m",
                  "post",
                  "-t",
                  "50",
                  "-e",
                  "{\"lux\":300}",
                  base + "/object/libcoap-dev/send"));
      JsonNode r = WotJson.MAPPER.readTree(receipt.substring(receipt.indexOf('{')));
      String txId = r.get("txID").asText();
      JsonNode stored = WotFixture.json(f.get("/api/records/" + txId));
      assertThat(stored.get("payload").asText()).isEqualTo("{\"lux\":300}");
      assertThat(stored.get("objectId").asText()).isEqualTo("libcoap-dev");

      String td = run(List.of(client, "-m", "get", "-B", "10", base + "/.well-known/wot"));
      JsonNode parsed = WotJson.MAPPER.readTree(td.substring(td.indexOf('{')));
      assertThat(parsed.get("id").asText())
          .isEqualTo("urn:flowchain:node:" + f.node.info().nodeId());
    }
  }
}
