package io.flowchain.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowchain.core.crypto.KeyFiles;
import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.ledger.NetworkJson;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.port.SystemClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flowchain network}: defines a permissioned network. */
@Command(
    name = "network",
    mixinStandardHelpOptions = true,
    description = "Defines a permissioned network.",
    subcommands = {NetworkCommand.Init.class, AuthorizeCommand.class})
public final class NetworkCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** {@code flowchain network init}. */
  @Command(
      name = "init",
      mixinStandardHelpOptions = true,
      description = {
        "Writes network.json (name, genesis timestamp, difficulty table, administrator key) and"
            + " a new administrator key. Every node of the network computes the same genesis"
            + " block from network.json; keep the administrator key safe and offline."
      })
  static final class Init implements Callable<Integer> {
    @Option(
        names = "--name",
        required = true,
        description = "Network name (letters, digits, . _ -).")
    String name;

    @Option(
        names = "--out",
        description = "Where to write the network definition (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("network.json");

    @Option(
        names = "--admin-key-out",
        description = "Where to write the new administrator key (default: ${DEFAULT-VALUE}).")
    Path adminKeyOut = Path.of("admin.pem");

    @Option(
        names = "--genesis-time",
        description = "Genesis timestamp in ms since the epoch (default: now).")
    Long genesisTime;

    @Override
    public Integer call() throws Exception {
      for (Path p : List.of(out, adminKeyOut)) {
        if (Files.exists(p)) {
          throw new IllegalArgumentException(p + " already exists; not overwriting it");
        }
      }
      long ts = genesisTime != null ? genesisTime : SystemClock.INSTANCE.nowMillis();
      NodeKeyPair admin = NodeKeyPair.generate();
      NetworkParams params = NetworkParams.of(name, ts, List.of(admin.publicKey()));
      ObjectNode timers = Json.MAPPER.createObjectNode();
      timers.put("stabilizeMillis", 1000);
      timers.put("checkMillis", 1000);
      timers.put("miningTickMillis", 50);
      KeyFiles.writeKeyPair(adminKeyOut, admin);
      Files.writeString(out, NetworkJson.toJson(params, timers).toPrettyString() + "\n");
      System.out.println(
          "wrote "
              + out
              + " (genesis "
              + NetworkJson.toJson(params, timers).get("genesisHash").asText()
              + ")");
      System.out.println("wrote " + adminKeyOut + " (administrator " + admin.publicKey() + ")");
      return 0;
    }
  }
}
