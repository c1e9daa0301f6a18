package io.flowchain.cli.node;

import static io.flowchain.cli.config.Setting.bool;
import static io.flowchain.cli.config.Setting.decimal;
import static io.flowchain.cli.config.Setting.integer;
import static io.flowchain.cli.config.Setting.oneOf;
import static io.flowchain.cli.config.Setting.path;
import static io.flowchain.cli.config.Setting.text;

import io.flowchain.cli.config.Setting;
import io.flowchain.cli.config.Settings;
import io.flowchain.core.mining.VirtualMiner;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The configuration keys of {@code flowchain node start}: one per option of the command, each with
 * its default and unit (docs/configuration.md lists them). The command line, the environment and
 * the config file give them, in that order of precedence.
 */
final class NodeStartSettings {
  static final List<Setting> KEYS =
      List.of(
          new Setting("data-dir", null, "path", "The node's data directory (required).", path()),
          new Setting(
              "key",
              null,
              "path",
              "The node's key file; default DIR/node.pem, made on first use.",
              path()),
          new Setting(
              "port",
              null,
              "TCP port 0..65535",
              "Be a member of a network: listen for peers on this WebSocket port (0: any free port).",
              integer(0, 65_535)),
          new Setting(
              "host",
              "127.0.0.1",
              "host name or IP address",
              "With port: the address to listen on and to be known by.",
              text()),
          new Setting(
              "coap-port",
              null,
              "UDP port 0..65535",
              "With port: also listen on this UDP port (CoAP).",
              integer(0, 65_535)),
          new Setting(
              "tls",
              "false",
              "true | false",
              "With port: listen with TLS (wss://), and over DTLS (coaps://) with coap-port; peers"
                  + " join through NODEID@wss://HOST:PORT.",
              bool()),
          new Setting(
              "join",
              null,
              "HOST:PORT or NODEID@ws://HOST:PORT",
              "With port: join the ring of this node; unset: start a new ring.",
              text()),
          new Setting(
              "network", null, "path", "With port: the network definition (network.json).", path()),
          new Setting(
              "cert", null, "path", "With port: the node's membership certificate.", path()),
          new Setting(
              "network-name",
              null,
              "name",
              "Without port: network of a new branch (default "
                  + LocalNode.DEFAULT_NETWORK_NAME
                  + ").",
              text()),
          new Setting(
              "verify",
              "quick",
              "quick | full",
              "Check of the branch before starting.",
              oneOf("quick", "full")),
          new Setting(
              "quarantine",
              "false",
              "true | false",
              "Move a corrupt data directory aside and start fresh.",
              bool()),
          new Setting(
              "min-free-disk-mb",
              "64",
              "MiB",
              "Below this much usable disk the open block is closed (DISK_FULL).",
              integer(0, Long.MAX_VALUE >> 20)),
          new Setting(
              "min-free-heap",
              "0",
              "fraction 0..1",
              "Below this free heap fraction the open block is closed (OUT_OF_MEMORY); 0 disables.",
              decimal(0, 1)),
          new Setting(
              "tick-ms",
              Long.toString(VirtualMiner.DEFAULT_TICK_MILLIS),
              "ms",
              "Mining tick.",
              integer(1, 60_000)),
          new Setting(
              "attempts-per-tick",
              Integer.toString(VirtualMiner.DEFAULT_ATTEMPTS_PER_TICK),
              "hash attempts",
              "Hash attempts per mining tick.",
              integer(1, 1_000_000)),
          new Setting(
              "run-for",
              null,
              "s",
              "Stop cleanly after this many seconds; unset: run until stopped.",
              integer(0, Long.MAX_VALUE / 1000)),
          new Setting(
              "http-port",
              null,
              "TCP port 0..65535",
              "With port: serve the web API (REST, Thing Description, device broker) on this port;"
                  + " unset: off.",
              integer(0, 65_535)),
          new Setting(
              "coap-api-port",
              null,
              "UDP port 0..65535",
              "With http-port: also serve the Thing Description and the broker over CoAP.",
              integer(0, 65_535)),
          new Setting(
              "http-host",
              "127.0.0.1",
              "host name or IP address",
              "The address the web API listens on (it has no authentication of its own).",
              text()),
          new Setting(
              "metrics-port",
              null,
              "TCP port 0..65535",
              "Serve /metrics, /health and /ready over HTTP on this port; unset: off.",
              integer(0, 65_535)),
          new Setting(
              "metrics-host",
              "127.0.0.1",
              "host name or IP address",
              "With metrics-port: the address to serve them on.",
              text()),
          new Setting(
              "log-format",
              "text",
              "text | json",
              "Log lines on standard error: human-readable, or one JSON object per line.",
              oneOf("text", "json")),
          new Setting(
              "log-level",
              "warn",
              "trace | debug | info | warn | error",
              "Level of the io.flowchain loggers.",
              oneOf("trace", "debug", "info", "warn", "error")));

  private NodeStartSettings() {}

  /** What the command line gave: the options of {@code spec} that were matched, as text. */
  static Map<String, String> fromCommandLine(CommandSpec spec) {
    ParseResult parsed = spec.commandLine().getParseResult();
    Map<String, String> out = new HashMap<>();
    for (Setting s : KEYS) {
      OptionSpec o = spec.findOption(s.flag());
      if (o != null && parsed != null && parsed.hasMatchedOption(o)) {
        List<String> given = parsed.matchedOption(s.flag()).stringValues();
        out.put(
            s.name(),
            o.arity().max() == 0 || given.isEmpty() ? "true" : given.get(given.size() - 1));
      }
    }
    return out;
  }

  /** Resolves the keys and sets the command's fields to the effective values. */
  static Settings apply(
      NodeStartCommand c, Path configFile, Map<String, String> env, Map<String, String> cli) {
    Settings s = Settings.resolve(KEYS, configFile, env, cli);
    c.dataDir = s.get("data-dir");
    c.keyFile = s.get("key");
    c.port = toInt(s.get("port"));
    c.host = s.get("host");
    c.coapPort = toInt(s.get("coap-port"));
    c.tls = s.get("tls");
    c.join = s.get("join");
    c.networkFile = s.get("network");
    c.certFile = s.get("cert");
    c.networkName = s.get("network-name");
    c.verify = s.get("verify");
    c.quarantine = s.get("quarantine");
    c.minFreeDiskMb = s.<Long>get("min-free-disk-mb");
    c.minFreeHeap = s.<Double>get("min-free-heap");
    c.minerOptions.tickMillis = s.<Long>get("tick-ms");
    c.minerOptions.attemptsPerTick = toInt(s.get("attempts-per-tick"));
    c.runForSeconds = s.get("run-for");
    c.httpPort = toInt(s.get("http-port"));
    c.coapApiPort = toInt(s.get("coap-api-port"));
    c.httpHost = s.get("http-host");
    c.metricsPort = toInt(s.get("metrics-port"));
    c.metricsHost = s.get("metrics-host");
    return s;
  }

  private static Integer toInt(Object v) {
    return v == null ? null : Math.toIntExact((Long) v);
  }
}
