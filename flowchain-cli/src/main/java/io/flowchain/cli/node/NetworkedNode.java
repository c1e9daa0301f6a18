package io.flowchain.cli.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowchain.cli.net.PeerLocator;
import io.flowchain.cli.net.SocketNode;
import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.InvalidReason;
import io.flowchain.core.ledger.LedgerListener;
import io.flowchain.core.ledger.NetworkJson;
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
import io.flowchain.core.port.SystemClock;
import io.flowchain.dht.ChordConfig;
import io.flowchain.dht.Peer;
import io.flowchain.net.membership.CertificateJson;
import io.flowchain.net.membership.MembershipCertificate;
import io.flowchain.net.membership.NetworkTrust;
import io.flowchain.net.membership.NodeCredentials;
import io.flowchain.node.NodeMetrics;
import io.flowchain.store.rocksdb.StoreOptions;
import io.flowchain.wot.WotConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code flowchain node start --port P}: a member of a network, over WebSocket (and CoAP), on its
 * data directory. The branch is checked before the node starts, exactly as for a local node.
 */
final class NetworkedNode {
  private final NodeStartCommand o;
  private final PrintWriter out;

  NetworkedNode(NodeStartCommand options, PrintWriter out) {
    this.o = options;
    this.out = out;
  }

  int run() throws Exception {
    if (o.networkFile == null || o.certFile == null) {
      throw new IllegalArgumentException(
          "a node on a network needs --network (network.json) and --cert (its membership"
              + " certificate)");
    }
    if (o.networkName != null) {
      throw new IllegalArgumentException("--network-name is for a node without --port");
    }
    for (java.nio.file.Path p : new java.nio.file.Path[] {o.networkFile, o.certFile}) {
      if (!Files.isRegularFile(p)) {
        throw new IllegalArgumentException("no file " + p);
      }
    }
    NetworkJson.Network definition = NetworkJson.read(o.networkFile);
    NetworkParams params = definition.params();
    DataDir dir = new DataDir(o.dataDir);
    NodeKeyPair keys = dir.loadOrCreateKey(o.keyFile);
    MembershipCertificate cert = CertificateJson.read(o.certFile);
    NodeCredentials credentials = new NodeCredentials(keys, cert);
    NetworkTrust.of(params, SystemClock.INSTANCE).check(cert);
    Peer via = o.join == null ? null : PeerLocator.locate(o.join, Duration.ofSeconds(30));

    LocalNode.CheckedStore checked =
        LocalNode.openChecked(
            dir, params, NodeCommand.scope(o.verify), o.quarantine, StoreOptions.DEFAULTS);
    if (checked.quarantinedTo() != null) {
      out.println("moved the corrupt data directory to " + checked.quarantinedTo());
    }
    if (o.coapApiPort != null && o.httpPort == null) {
      throw new IllegalArgumentException("--coap-api-port needs --http-port");
    }
    WotConfig web =
        o.httpPort == null
            ? null
            : WotConfig.defaults(o.httpPort, o.coapApiPort == null ? -1 : o.coapApiPort)
                .withHost(o.httpHost);
    SocketNode node;
    try {
      node =
          SocketNode.start(
              new SocketNode.Options()
                  .network(params)
                  .credentials(credentials)
                  .host(o.host)
                  .port(o.port)
                  .tls(o.tls)
                  .coapPort(o.coapPort == null ? -1 : o.coapPort)
                  .dataDir(dir.root())
                  .store(checked.store())
                  .join(via)
                  .web(web)
                  .chord(chordConfig(definition.timers()))
                  .mining(o.minerOptions.tickMillis, o.minerOptions.attemptsPerTick)
                  .difficulty(difficulty(dir, params)::next)
                  .customize(
                      b ->
                          b.onStart(
                              n -> {
                                out.println("member of the ring as " + n.peer());
                                out.flush();
                              })));
    } catch (RuntimeException e) {
      checked.store().close();
      throw e;
    }
    out.printf(
        "node %s listening on %s%s, network %s: %d blocks, %d records%s%n",
        keys.nodeId(),
        node.peer().address(),
        node.coapAddress() != null ? " and " + node.coapAddress() : "",
        params.name(),
        checked.store().height() + 1,
        checked.store().recordCount(),
        via == null ? "; starting a new ring" : "; joining through " + via);
    node.web()
        .ifPresent(
            w -> {
              out.println("web API: " + w.endpoints().http() + "/api/node");
              out.println("Thing Description: " + w.endpoints().nodeTd());
              if (w.endpoints().coap() != null) {
                out.println("CoAP: " + w.endpoints().coap() + "/.well-known/wot");
              }
            });
    out.flush();
    node.node()
        .ledger()
        .addListener(
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

    NodeMetrics metrics = node.metrics();
    MetricsServer metricsServer = null;
    if (o.metricsPort != null) {
      try {
        metricsServer = MetricsServer.start(o.metricsHost, o.metricsPort, metrics);
      } catch (IOException e) {
        node.close();
        throw new IllegalArgumentException(
            "cannot serve metrics on " + o.metricsHost + ":" + o.metricsPort + ": " + e, e);
      }
      out.println(
          "metrics at http://"
              + o.metricsHost
              + ":"
              + metricsServer.port()
              + "/metrics (and /health, /ready)");
      out.flush();
    }
    MetricsServer served = metricsServer;

    ResourceGuard guard =
        new ResourceGuard(
            node.node().ledger(),
            SystemResources.usableDiskBytes(dir.root().toFile()),
            o.minFreeDiskMb << 20,
            SystemResources.freeHeapFraction(Runtime.getRuntime()),
            o.minFreeHeap);
    OperatorControl control = new OperatorControl(dir, node.node().ledger());
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "flowchain-guard");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            guard.check();
            control.check();
          } catch (IOException | RuntimeException e) {
            out.println("operator check failed: " + e);
            out.flush();
          }
        },
        1,
        1,
        TimeUnit.SECONDS);

    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              timer.shutdownNow();
              if (served != null) {
                served.close();
              }
              node.close();
              out.println("left the ring and stopped cleanly");
              out.flush();
              stopped.countDown();
            },
            "flowchain-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    boolean ended;
    try {
      ended =
          o.runForSeconds != null
              ? stopped.await(o.runForSeconds, TimeUnit.SECONDS)
              : awaitForever(stopped);
    } catch (InterruptedException e) {
      ended = false; // asked to stop (an embedding application interrupts the thread)
    }
    if (!ended) {
      Runtime.getRuntime().removeShutdownHook(hook);
      hook.run();
    }
    return 0;
  }

  private static boolean awaitForever(CountDownLatch latch) throws InterruptedException {
    latch.await();
    return true;
  }

  /**
   * The Chord timers of network.json ({@code stabilizeMillis}, {@code checkMillis}) if it has them:
   * fingers are fixed as often as the ring is stabilized, and a neighbour is declared dead after
   * 1.5 check periods of silence, as with the defaults.
   */
  static ChordConfig chordConfig(JsonNode timers) {
    ChordConfig d = ChordConfig.defaults();
    if (timers == null || !timers.has("stabilizeMillis") || !timers.has("checkMillis")) {
      return d;
    }
    long stabilize = timers.get("stabilizeMillis").asLong();
    long check = timers.get("checkMillis").asLong();
    if (stabilize <= 0 || check <= 0) {
      throw new IllegalArgumentException("network.json: timers must be positive");
    }
    return new ChordConfig(
        d.successorListSize(),
        stabilize,
        stabilize,
        check,
        Math.max(check + 1, check * 3 / 2),
        d.rpcTimeoutMillis(),
        d.lookupTimeoutMillis(),
        d.joinRetryMillis(),
        d.rejoinProbeIntervalMillis());
  }

  private static DifficultyControl difficulty(DataDir dir, NetworkParams params) {
    Reliability reliability =
        Reliability.builder()
            .add(new BatteryInput(() -> 1.0), 1)
            .add(new FreeHeapInput(SystemResources.freeHeapFraction(Runtime.getRuntime())), 1)
            .add(
                new FreeDiskInput(SystemResources.usableDiskBytes(dir.root().toFile()), 1L << 30),
                1)
            .add(new FlowcoinBalanceInput(() -> 0), 1)
            .build();
    return new DifficultyControl(
        new DifficultyTable(params.difficultyTable()), reliability, new SplittableRandom());
  }
}
