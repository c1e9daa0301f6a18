package io.flowchain.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LoggingTest {
  @AfterEach
  void restoreTheDefaultConfiguration() throws Exception {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    ctx.reset();
    new ContextInitializer(ctx).autoConfig();
  }

  @Test
  void jsonModeWritesOneParseableObjectPerLine() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Logging.configure("json", "info", out);
    Logger log = LoggerFactory.getLogger("io.flowchain.test");
    log.info("node {} is a member of the ring", "ab12");
    log.warn("a \"quoted\" message\nover two lines");
    log.error("it failed", new IllegalStateException("disk gone"));
    log.debug("below the level: not written");
    LoggerFactory.getLogger("org.example.lib").info("another library's info: not written");

    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(3);
    for (String line : lines) {
      JsonNode j = Json.MAPPER.readTree(line);
      assertThat(j.isObject()).as(line).isTrue();
      assertThat(j.get("loggerName").asText()).isEqualTo("io.flowchain.test");
      assertThat(j.has("timestamp")).isTrue();
    }
    JsonNode first = Json.MAPPER.readTree(lines.get(0));
    assertThat(first.get("level").asText()).isEqualTo("INFO");
    assertThat(first.get("formattedMessage").asText())
        .isEqualTo("node ab12 is a member of the ring");
    assertThat(Json.MAPPER.readTree(lines.get(1)).get("message").asText())
        .isEqualTo("a \"quoted\" message\nover two lines");
    assertThat(Json.MAPPER.readTree(lines.get(2)).get("throwable").toString())
        .contains("disk gone");
  }

  @Test
  void textModeIsHumanReadable() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Logging.configure("text", "debug", out);
    LoggerFactory.getLogger("io.flowchain.test").debug("mined block {}", 7);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .matches(
            "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} DEBUG \\[.+\\] io\\.flowchain\\.test - mined block 7\\R");
  }

  @Test
  void badFormatsAndLevelsAreRefused() {
    assertThatThrownBy(() -> Logging.configure("yaml", "info", new ByteArrayOutputStream()))
        .hasMessage("log format must be text or json: yaml");
    assertThatThrownBy(() -> Logging.configure("json", "loud", new ByteArrayOutputStream()))
        .hasMessageContaining("log level must be");
    StringWriter err = new StringWriter();
    var cmd = FlowchainCommand.commandLine();
    cmd.setErr(new PrintWriter(err, true));
    cmd.setOut(new PrintWriter(new StringWriter(), true));
    assertThat(cmd.execute("keygen", "--log-format", "yaml", "--help")).isEqualTo(2);
    assertThat(err.toString()).contains("error: log format must be text or json: yaml");
  }
}
