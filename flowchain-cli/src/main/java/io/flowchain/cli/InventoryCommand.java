package io.flowchain.cli;

import io.flowchain.cli.net.ClientSession;
import io.flowchain.core.crypto.KeyFiles;
import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.ledger.NetworkJson;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.node.NodeConfig;
import io.flowchain.node.RemoteClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flowchain inventory}: the administrator's branch merge, once or as a monitor. */
@Command(
    name = "inventory",
    mixinStandardHelpOptions = true,
    description = {
      "Verifies every branch completely and merges all sealed virtual blocks into one chain"
          + " ordered by (timestamp, miner id), hash-linked and signed by the administrator."
          + " Invalid blocks are kept and marked. The output file holds the merged chain and the"
          + " branches, so 'flowchain verify FILE' can audit it offline.",
      "Branches come from export files (.fcb), or are collected over the network from every"
          + " member with --node (a walk of the ring; members that do not answer are named), or"
          + " both.",
      "With --previous, merges incrementally: only blocks sealed since that inventory are added,"
          + " as a new round. With --watch, runs a round every INTERVAL, each extending the"
          + " last (the output file is replaced only by a complete new one).",
      "Exit status: 0 merged and audited; 1 a branch or the audit failed (a branch collected"
          + " over the network that does not verify is left out, named, and the rest written);"
          + " 2 bad input. Members that did not answer are warned about, not an error."
    })
public final class InventoryCommand implements Callable<Integer> {
  @Option(
      names = "--network",
      required = true,
      description = "The network definition (network.json).")
  Path network;

  @Option(names = "--admin-key", required = true, description = "The administrator's private key.")
  Path adminKey;

  @Option(names = "--out", required = true, description = "Where to write the inventory file.")
  Path out;

  @Option(names = "--previous", description = "An earlier inventory file to extend.")
  Path previous;

  @Option(
      names = "--node",
      paramLabel = "HOST:PORT",
      description =
          "Collect every member's branch over the network, entering the ring at this node"
              + " (HOST:PORT, ws://HOST:PORT or NODEID@ws://HOST:PORT).")
  String node;

  @Option(
      names = "--key",
      paramLabel = "FILE",
      description =
          "With --node: this client's key file; it needs a membership certificate (--cert), as"
              + " for put. The administrator key only signs the merged chain.")
  Path key;

  @Option(
      names = "--cert",
      paramLabel = "FILE",
      description = "With --node: this client's membership certificate.")
  Path cert;

  @Option(
      names = "--listen",
      paramLabel = "HOST",
      description = "With --node: the address the members answer to. Default: ${DEFAULT-VALUE}.")
  String listen = "127.0.0.1";

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description =
          "With --node: the most a collection may take (default: ${DEFAULT-VALUE}); each page"
              + " is asked up to 4 times, 5 s apart.")
  long timeoutSeconds = 600;

  @Option(
      names = "--watch",
      paramLabel = "INTERVAL",
      description =
          "Run as a monitor: a round every INTERVAL (e.g. 30s, 5m, 1h), each extending the"
              + " output file of the round before. Stops on Ctrl-C (or after --rounds).")
  String watch;

  @Option(
      names = "--rounds",
      paramLabel = "N",
      description = "With --watch: stop after N rounds (default: run until stopped).")
  Integer rounds;

  @Option(names = "--json", description = "Print each round's result as one JSON object (a line).")
  boolean json;

  @Parameters(arity = "0..*", paramLabel = "EXPORT", description = "Branch export files (.fcb).")
  List<Path> exports = List.of();

  @Override
  public Integer call() throws Exception {
    if (exports.isEmpty() && node == null) {
      throw new IllegalArgumentException(
          "no branches: give export files (.fcb), or --node to collect them over the network");
    }
    Duration interval = watch == null ? null : Durations.parse(watch, "--watch");
    if (rounds != null && (watch == null || rounds < 1)) {
      throw new IllegalArgumentException("--rounds needs --watch and a positive count");
    }
    NetworkParams params = NetworkJson.read(network).params();
    NodeKeyPair admin = KeyFiles.readKeyPair(adminKey);
    if (!params.administrators().contains(admin.publicKey())) {
      throw new IllegalArgumentException(
          "the key in " + adminKey + " is not an administrator of network " + params.name());
    }
    InventoryRound round = new InventoryRound(params, admin, json);
    try (ClientSession session = node == null ? null : openSession()) {
      RemoteClient client = session == null ? null : session.client();
      if (interval == null) {
        InventoryRound.Outcome o = round.run(exports, client, previous, out, timeoutSeconds);
        print(o.summary());
        return o.exitCode();
      }
      return watch(round, client, interval);
    }
  }

  private ClientSession openSession() throws java.io.IOException {
    return ClientSession.open(
        network,
        key,
        cert,
        node,
        listen,
        NodeConfig.defaults().withBatchLimits(256, NodeConfig.FRAME_SAFE_BATCH_BYTES));
  }

  /**
   * Rounds every {@code interval}: the first extends {@code --previous} (or the output file, if
   * there is one), every later one the output file. A round that fails is logged and the output
   * file stays as it was.
   */
  private int watch(InventoryRound round, RemoteClient client, Duration interval)
      throws InterruptedException {
    int worst = 0;
    for (int n = 1; rounds == null || n <= rounds; n++) {
      Path extend = n == 1 && previous != null ? previous : out;
      try {
        InventoryRound.Outcome o = round.run(exports, client, extend, out, timeoutSeconds);
        o.summary().put("at", Instant.now().toString());
        print(o.summary());
        worst = Math.max(worst, o.exitCode());
      } catch (Exception e) {
        System.err.println(
            Instant.now() + " inventory round failed, " + out + " unchanged: " + e.getMessage());
        worst = Math.max(worst, 1);
      }
      if (rounds != null && n == rounds) {
        break;
      }
      Thread.sleep(interval.toMillis());
    }
    return worst;
  }

  private void print(Map<String, Object> summary) throws Exception {
    if (json) {
      System.out.println(Json.MAPPER.writeValueAsString(summary));
    } else {
      System.out.println(InventoryRound.text(summary));
    }
  }
}
