package io.flowchain.cli.node;

import io.flowchain.cli.Logging;
import io.flowchain.cli.MinerOptions;
import io.flowchain.cli.config.Settings;
import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.InvalidReason;
import io.flowchain.core.ledger.LedgerListener;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.ledger.ResourceGuard;
import io.flowchain.core.mining.BatteryInput;
import io.flowchain.core.mining.DifficultyControl;
import io.flowchain.core.mining.DifficultyTable;
import io.flowchain.core.mining.FlowcoinBalanceInput;
import io.flowchain.core.mining.FreeDiskInput;
import io.flowchain.core.mining.FreeHeapInput;
import io.flowchain.core.mining.Reliability;
import io.flowchain.core.mining.SystemResources;
import io.flowchain.core.mining.VirtualMiner;
import io.flowchain.core.port.ExecutorScheduler;
import io.flowchain.core.verify.BranchVerifier;
import io.flowchain.store.rocksdb.StoreOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flowchain node start}: a node over its data directory; with {@code --port}, a member of a
 * network over WebSocket (and CoAP).
 */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Starts a node on its data directory: opens (or creates) its branch in the RocksDB store,"
          + " checks it, and mines. Runs until SIGINT/SIGTERM, then shuts down cleanly.",
      "With --port the node is a member of a network: it listens for its peers on WebSocket"
          + " (ws://HOST:PORT, and CoAP with --coap-port), proves its membership with --cert,"
          + " starts a new ring or joins the one of --join HOST:PORT once it has mined its first"
          + " block, records the readings whose keys it owns, keeps copies of its neighbours'"
          + " records (DIR/replicas) and answers reads. On SIGINT/SIGTERM it leaves the ring"
          + " gracefully, handing its keys to its successor. Without --port it serves nothing"
          + " over the network.",
      "",
      "After an unclean shutdown the block that was open is labelled UNCLEAN_SHUTDOWN (its"
          + " records stay and are sealed by the next block), and no record is taken before a new"
          + " valid block is mined. A corrupt branch is refused unless --quarantine is given.",
      "Operator action: creating the file DIR/invalidate closes the open block (reason"
          + " OPERATOR); the node deletes the file when it has done so.",
      ""
    })
public final class NodeStartCommand implements Callable<Integer> {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Read the settings from this properties file (keys as the long options without --, see"
              + " docs/configuration.md). Environment variables FLOWCHAIN_<KEY> override it, and"
              + " options given here override both. Environment: FLOWCHAIN_CONFIG.")
  Path configFile;

  @Option(
      names = "--print-config",
      description = "Print the effective settings, each with its source, and exit.")
  boolean printConfig;

  @Option(names = "--data-dir", description = "The node's data directory (required).")
  Path dataDir;

  @Option(
      names = "--key",
      description = "The node's key file (PEM or JSON). Default: DIR/node.pem, made on first use.")
  Path keyFile;

  @Option(
      names = "--port",
      description =
          "Be a member of a network: listen for peers on this WebSocket port (0: any free port;"
              + " the address is printed). Needs --network and --cert.")
  Integer port;

  @Option(
      names = "--host",
      description =
          "With --port: the host or IP address to listen on and to be known by (default:"
              + " ${DEFAULT-VALUE}).")
  String host = "127.0.0.1";

  @Option(names = "--coap-port", description = "With --port: also listen on this UDP port (CoAP).")
  Integer coapPort;

  @Option(
      names = "--tls",
      description =
          "With --port: listen with TLS (wss://) for confidentiality, and with --coap-port with"
              + " DTLS (coaps://, plain CoAP is then not served); peers then join through"
              + " NODEID@wss://HOST:PORT.")
  boolean tls;

  @Option(
      names = "--http-port",
      description =
          "With --port: serve the web API (REST under /api, the Thing Description at"
              + " /.well-known/wot, the device broker /object/{id}/send|viewer|status over"
              + " WebSocket) on this HTTP port; 0: any free port (printed). Default: no web API.")
  Integer httpPort;

  @Option(
      names = "--coap-api-port",
      description =
          "With --http-port: also serve the Thing Description, the node's affordances and the"
              + " device broker over CoAP on this UDP port; 0: any free port. Default: none.")
  Integer coapApiPort;

  @Option(
      names = "--http-host",
      description =
          "The address the web API (and its CoAP server) listens on. It has no authentication of"
              + " its own: keep the default (${DEFAULT-VALUE}) unless a proxy or firewall guards"
              + " it.")
  String httpHost = "127.0.0.1";

  @Option(
      names = "--join",
      paramLabel = "HOST:PORT",
      description =
          "With --port: join the ring of the node at HOST:PORT (or NODEID@ws://HOST:PORT);"
              + " without it the node starts a new ring.")
  String join;

  @Option(
      names = "--network",
      paramLabel = "FILE",
      description = "With --port: the network definition (network.json, flowchain network init).")
  Path networkFile;

  @Option(
      names = "--cert",
      paramLabel = "FILE",
      description = "With --port: the node's membership certificate (flowchain network authorize).")
  Path certFile;

  @Option(
      names = "--network-name",
      description =
          "Network of a new branch: this name with the default genesis (default: "
              + LocalNode.DEFAULT_NETWORK_NAME
              + "). An existing branch keeps its own network.")
  String networkName;

  @Option(
      names = "--verify",
      description =
          "Check of the branch before starting: quick (headers, and the records of unsealed"
              + " blocks) or full (every record). Default: ${DEFAULT-VALUE}.")
  String verify = "quick";

  @Option(
      names = "--quarantine",
      description = "Move a corrupt data directory aside (DIR.corrupt-<time>) and start fresh.")
  boolean quarantine;

  @Option(
      names = "--min-free-disk-mb",
      description =
          "Below this much usable disk the open block is closed (DISK_FULL). Default:"
              + " ${DEFAULT-VALUE}.")
  long minFreeDiskMb = 64;

  @Option(
      names = "--min-free-heap",
      description =
          "Below this free heap fraction the open block is closed (OUT_OF_MEMORY); 0 disables."
              + " Default: ${DEFAULT-VALUE}.")
  double minFreeHeap = 0;

  @picocli.CommandLine.Mixin MinerOptions minerOptions = new MinerOptions();

  @Option(
      names = "--run-for",
      description = "Stop cleanly after this many seconds (default: run until stopped).")
  Long runForSeconds;

  @Option(
      names = "--metrics-port",
      description =
          "Serve Prometheus metrics at /metrics, and /health and /ready, over HTTP on this port"
              + " (0: any free port; the address is printed). Default: off.")
  Integer metricsPort;

  @Option(
      names = "--metrics-host",
      description = "With --metrics-port: the address to serve on (default: ${DEFAULT-VALUE}).")
  String metricsHost = "127.0.0.1";

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Map<String, String> env = System.getenv();
    Path file = configFile;
    if (file == null
        && env.get("FLOWCHAIN_CONFIG") != null
        && !env.get("FLOWCHAIN_CONFIG").isBlank()) {
      file = Path.of(env.get("FLOWCHAIN_CONFIG"));
    }
    Settings settings =
        NodeStartSettings.apply(this, file, env, NodeStartSettings.fromCommandLine(spec));
    if (printConfig) {
      settings.print(spec.commandLine().getOut());
      return 0;
    }
    if (settings.given("log-format") || settings.given("log-level")) {
      Logging.configure(settings.get("log-format"), settings.get("log-level"));
    }
    if (dataDir == null) {
      throw new IllegalArgumentException(
          "no data directory: give --data-dir, FLOWCHAIN_DATA_DIR or data-dir in the config file");
    }
    if (port != null) {
      return new NetworkedNode(this, spec.commandLine().getOut()).run();
    }
    if (networkFile != null
        || certFile != null
        || join != null
        || coapPort != null
        || tls
        || metricsPort != null
        || httpPort != null
        || coapApiPort != null) {
      throw new IllegalArgumentException(
          "--network, --cert, --join, --coap-port, --tls, --metrics-port, --http-port and"
              + " --coap-api-port need --port");
    }
    BranchVerifier.Scope scope = NodeCommand.scope(verify);
    NetworkParams requested = networkName == null ? null : LocalNode.network(networkName);
    DataDir dir = new DataDir(dataDir);
    PrintStream out = System.out;
    ExecutorScheduler scheduler = new ExecutorScheduler("flowchain-miner");
    LocalNode node =
        LocalNode.open(
            dir, keyFile, requested, scope, quarantine, StoreOptions.DEFAULTS, scheduler.clock());
    if (node.quarantinedTo != null) {
      out.println("moved the corrupt data directory to " + node.quarantinedTo);
    }
    out.printf(
        "node %s on %s, network %s: %d blocks, %d records; opened in %d ms (store %d, check %d,"
            + " ledger %d)%n",
        node.keys.nodeId(),
        dir.root(),
        node.params.name(),
        node.store.height() + 1,
        node.store.recordCount(),
        node.timings.totalMs(),
        node.timings.storeOpenMs(),
        node.timings.checkMs(),
        node.timings.ledgerOpenMs());
    node.store
        .invalidReason(node.store.height())
        .ifPresent(r -> out.println("block " + node.store.height() + " was closed: " + r));
    out.flush();
    node.ledger.addListener(
        new LedgerListener() {
          @Override
          public void onBlockMined(BlockHeader header) {
            out.println("mined block " + header.no() + "; records go into it now");
            out.flush();
          }

          @Override
          public void onInvalidated(long no, InvalidReason reason) {
            out.println("block " + no + " closed: " + reason);
            out.flush();
          }
        });

    SplittableRandom random = new SplittableRandom();
    Reliability reliability =
        Reliability.builder()
            .add(new BatteryInput(() -> 1.0), 1)
            .add(new FreeHeapInput(SystemResources.freeHeapFraction(Runtime.getRuntime())), 1)
            .add(
                new FreeDiskInput(SystemResources.usableDiskBytes(dir.root().toFile()), 1L << 30),
                1)
            .add(new FlowcoinBalanceInput(() -> 0), 1)
            .build();
    DifficultyControl difficulty =
        new DifficultyControl(
            new DifficultyTable(node.params.difficultyTable()), reliability, random);
    VirtualMiner miner =
        new VirtualMiner(
            node.ledger,
            scheduler,
            difficulty::next,
            minerOptions.tickMillis,
            minerOptions.attemptsPerTick);
    ResourceGuard guard =
        new ResourceGuard(
            node.ledger,
            SystemResources.usableDiskBytes(dir.root().toFile()),
            minFreeDiskMb << 20,
            SystemResources.freeHeapFraction(Runtime.getRuntime()),
            minFreeHeap);
    OperatorControl control = new OperatorControl(dir, node.ledger);
    scheduler.scheduleAtFixedRate(
        1000,
        1000,
        () -> {
          guard.check();
          try {
            control.check();
          } catch (java.io.IOException e) {
            out.println("cannot delete " + dir.root().resolve(OperatorControl.FILE) + ": " + e);
          }
        });

    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              miner.close();
              scheduler.close();
              node.close();
              out.println("stopped cleanly");
              out.flush();
              stopped.countDown();
            },
            "flowchain-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    miner.start();
    if (runForSeconds != null) {
      if (!stopped.await(runForSeconds, TimeUnit.SECONDS)) {
        Runtime.getRuntime().removeShutdownHook(hook);
        hook.run();
      }
    } else {
      stopped.await();
    }
    return 0;
  }
}
