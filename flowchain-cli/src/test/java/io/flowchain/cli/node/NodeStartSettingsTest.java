package io.flowchain.cli.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowchain.cli.FlowchainCommand;
import io.flowchain.cli.config.Settings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings of {@code node start}: default, file, environment, command line, in that order. */
class NodeStartSettingsTest {
  @TempDir Path dir;

  private Path file(String text) throws Exception {
    Path f = dir.resolve("flowchain.properties");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void eachSourceOverridesTheOnesBeforeIt() throws Exception {
    Path f = file("data-dir=/from/file\nport=7001\nhost=10.0.0.1\ntick-ms=20\nlog-format=json\n");
    Map<String, String> env = Map.of("FLOWCHAIN_PORT", "7002", "FLOWCHAIN_HOST", "10.0.0.2");
    Map<String, String> cli = Map.of("host", "10.0.0.3");
    NodeStartCommand c = new NodeStartCommand();
    Settings s = NodeStartSettings.apply(c, f, env, cli);

    assertThat(c.dataDir).isEqualTo(Path.of("/from/file"));
    assertThat(s.source("data-dir")).isEqualTo("file " + f);
    assertThat(c.port).isEqualTo(7002);
    assertThat(s.source("port")).isEqualTo("environment FLOWCHAIN_PORT");
    assertThat(c.host).isEqualTo("10.0.0.3");
    assertThat(s.source("host")).isEqualTo("command line --host");
    assertThat(c.minerOptions.tickMillis).isEqualTo(20);
    assertThat(c.minerOptions.attemptsPerTick).isEqualTo(64);
    assertThat(s.source("attempts-per-tick")).isEqualTo("default");
    assertThat(c.verify).isEqualTo("quick");
    assertThat(c.coapPort).isNull();
    assertThat(c.metricsPort).isNull();
    assertThat((String) s.get("log-format")).isEqualTo("json");
    assertThat(s.given("log-format")).isTrue();
    assertThat(s.given("log-level")).isFalse();
  }

  @Test
  void emptyValuesInTheFileOrTheEnvironmentCountAsNotGiven() throws Exception {
    Path f = file("data-dir=d\nport=\n");
    NodeStartCommand c = new NodeStartCommand();
    Settings s = NodeStartSettings.apply(c, f, Map.of("FLOWCHAIN_HOST", " "), Map.of());
    assertThat(c.port).isNull();
    assertThat(c.host).isEqualTo("127.0.0.1");
    assertThat(s.source("host")).isEqualTo("default");
  }

  @Test
  void aBadValueIsRefusedNamingTheKeyAndItsSource() throws Exception {
    Path f = file("data-dir=d\nmin-free-heap=2\n");
    assertThatThrownBy(() -> NodeStartSettings.apply(new NodeStartCommand(), f, Map.of(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "bad value for min-free-heap from file " + f + ": '2': expected a number in 0.0..1.0");
    assertThatThrownBy(
            () ->
                NodeStartSettings.apply(
                    new NodeStartCommand(), null, Map.of("FLOWCHAIN_PORT", "seventy"), Map.of()))
        .hasMessage(
            "bad value for port from environment FLOWCHAIN_PORT: 'seventy': expected an integer"
                + " in 0..65535");
    assertThatThrownBy(
            () ->
                NodeStartSettings.apply(
                    new NodeStartCommand(), null, Map.of(), Map.of("verify", "deep")))
        .hasMessage(
            "bad value for verify from command line --verify: 'deep': expected one of quick, full");
  }

  @Test
  void anUnknownKeyOrAMissingFileIsRefused() throws Exception {
    Path f = file("data-dir=d\nprot=7001\n");
    assertThatThrownBy(() -> NodeStartSettings.apply(new NodeStartCommand(), f, Map.of(), Map.of()))
        .hasMessage("config file " + f + ": unknown key(s) prot");
    Path none = dir.resolve("none.properties");
    assertThatThrownBy(
            () -> NodeStartSettings.apply(new NodeStartCommand(), none, Map.of(), Map.of()))
        .hasMessage("config file " + none + " does not exist");
  }

  @Test
  void everyOptionOfTheCommandIsAKeyAndEveryKeyAnOption() {
    var spec =
        FlowchainCommand.commandLine()
            .getSubcommands()
            .get("node")
            .getSubcommands()
            .get("start")
            .getCommandSpec();
    var options =
        spec.options().stream()
            .map(o -> o.longestName())
            .filter(n -> !n.equals("--help") && !n.equals("--version"))
            .filter(n -> !n.equals("--config") && !n.equals("--print-config"))
            .sorted()
            .toList();
    var keys = NodeStartSettings.KEYS.stream().map(k -> k.flag()).sorted().toList();
    assertThat(keys).isEqualTo(options);
  }

  // ---- through the command

  private record Result(int exit, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cmd = FlowchainCommand.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int exit = cmd.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  @Test
  void printConfigShowsEveryKeyWithItsSourceAndStartsNothing() throws Exception {
    Path f = file("data-dir=" + dir.resolve("n1") + "\nport=7001\n");
    Result r = run("node", "start", "--config", f.toString(), "--port", "7005", "--print-config");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("# file " + f + "; path\ndata-dir=" + dir.resolve("n1") + "\n")
        .contains("# command line --port; TCP port 0..65535\nport=7005\n")
        .contains("# default; host name or IP address\nhost=127.0.0.1\n")
        .contains("# default; path\n#key=\n");
    assertThat(r.out().lines().filter(l -> !l.startsWith("# ")).count())
        .isEqualTo(NodeStartSettings.KEYS.size());
    assertThat(Files.exists(dir.resolve("n1"))).isFalse();
  }

  @Test
  void badValuesExitWithCode2AndAClearMessage() throws Exception {
    Path f = file("data-dir=d\ntick-ms=0\n");
    Result r = run("node", "start", "--config", f.toString(), "--print-config");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains(
            "bad value for tick-ms from file " + f + ": '0': expected an integer in 1..60000");
    Result noDir = run("node", "start", "--run-for", "0");
    assertThat(noDir.exit()).isEqualTo(2);
    assertThat(noDir.err()).contains("no data directory: give --data-dir, FLOWCHAIN_DATA_DIR");
    Result picocli = run("node", "start", "--data-dir", "d", "--port", "x");
    assertThat(picocli.exit()).isEqualTo(2);
  }
}
