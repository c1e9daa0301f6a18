package io.flowchain.cli.bench;

import io.flowchain.cli.net.SocketNode;
import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.ledger.Genesis;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.port.SystemClock;
import io.flowchain.core.types.Hash;
import io.flowchain.net.membership.MembershipCertificate;
import io.flowchain.net.membership.NodeCredentials;
import io.flowchain.wot.WotConfig;
import io.flowchain.wot.WotServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.MediaTypeRegistry;

/**
 * Device ingest through the broker against the SDK's submit path, in one run: a ring of nodes on
 * 127.0.0.1 (WebSocket transports, in-memory stores), node 0 serving the web API. After a warm-up
 * phase (SDK submits, not counted), each phase keeps {@code window} readings in flight for {@code
 * seconds} and counts the readings acknowledged with a receipt: (1) {@code FlowchainNode.submit} on
 * node 0; (2) devices on node 0's WebSocket broker ({@code /object/{id}/send}, a receipt message
 * per reading); (3) CoAP POSTs to {@code /object/{id}/send} (a 2.01 with the receipt per reading).
 * The broker's per-connection rate limit is lifted for the run.
 */
public final class BrokerBenchmark {
  /** What to run. */
  public record Options(int nodes, double seconds, int window, int devices, int payloadBytes) {}

  private static final long WAIT_MS = 120_000;
  private final Options o;

  public BrokerBenchmark(Options o) {
    this.o = o;
  }

  public Map<String, Object> run(Consumer<String> progress) throws Exception {
    SplittableRandom random = new SplittableRandom(42);
    NodeKeyPair admin = NodeKeyPair.generate(random);
    long now = SystemClock.INSTANCE.nowMillis();
    NetworkParams params = NetworkParams.of("bench-broker", now, List.of(admin.publicKey()));
    Hash genesis = Genesis.of(params).hash();
    WotConfig web =
        new WotConfig(
            "127.0.0.1",
            null,
            0,
            0,
            WotConfig.DEFAULT_MAX_BODY_BYTES,
            1e9,
            1_000_000,
            o.window(),
            10_000,
            64);
    List<SocketNode> nodes = new ArrayList<>();
    progress.accept("starting " + o.nodes() + " nodes");
    try {
      for (int i = 0; i < o.nodes(); i++) {
        NodeKeyPair keys = NodeKeyPair.generate(random);
        SocketNode.Options opts =
            new SocketNode.Options()
                .network(params)
                .credentials(
                    new NodeCredentials(
                        keys,
                        MembershipCertificate.issue(
                            admin,
                            genesis,
                            keys.publicKey(),
                            now - 60_000,
                            now + 86_400_000L,
                            List.of())))
                .join(i == 0 ? null : nodes.get(0).peer());
        if (i == 0) {
          opts.web(web);
        }
        nodes.add(SocketNode.start(opts));
        nodes.get(i).node().started().get(WAIT_MS, TimeUnit.MILLISECONDS);
      }
      NetworkBenchmark.awaitRing(nodes); // every successor the next node in id order
      SocketNode entry = nodes.get(0);
      WotServer server = entry.web().orElseThrow();
      byte[] reading = reading();
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("nodes", o.nodes());
      out.put("window", o.window());
      out.put("payloadBytes", reading.length);

      java.util.function.IntFunction<CompletableFuture<Void>> sdkReading =
          i ->
              entry
                  .node()
                  .submit(reading, "dev-" + (i % o.devices()), "application/json")
                  .thenApply(r -> null);
      progress.accept("warm-up (SDK submit, not counted)");
      closedLoop(o.window(), sdkReading);
      progress.accept("SDK submit");
      double sdk = closedLoop(o.window(), sdkReading);
      progress.accept("WebSocket broker");
      double ws = webSocket(server, reading);
      progress.accept("CoAP broker");
      double coap = coap(server, reading);
      out.put("sdkReadingsPerSecond", round(sdk));
      out.put("webSocketReadingsPerSecond", round(ws));
      out.put("coapReadingsPerSecond", round(coap));
      out.put("webSocketOverheadPercent", round(100 * (1 - ws / sdk)));
      out.put("coapOverheadPercent", round(100 * (1 - coap / sdk)));
      return out;
    } finally {
      for (int i = nodes.size() - 1; i >= 0; i--) {
        nodes.get(i).close();
      }
    }
  }

  private byte[] reading() {
    StringBuilder b = new StringBuilder("{\"temperature\":21.5,\"pad\":\"");
    while (b.length() < o.payloadBytes() - 2) {
      b.append('x');
    }
    return b.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  /** Readings acknowledged per second with {@code window} in flight, after a 2 s warm-up. */
  private double closedLoop(int window, java.util.function.IntFunction<CompletableFuture<Void>> one)
      throws InterruptedException {
    Semaphore inFlight = new Semaphore(window);
    AtomicLong done = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long warmUntil = System.nanoTime() + 2_000_000_000L;
    long start = -1;
    long startCount = 0;
    long end = warmUntil + (long) (o.seconds() * 1e9);
    for (int i = 0; System.nanoTime() < end; i++) {
      inFlight.acquire();
      if (start < 0 && System.nanoTime() >= warmUntil) {
        start = System.nanoTime();
        startCount = done.get();
      }
      one.apply(i)
          .whenComplete(
              (v, e) -> {
                if (e == null) {
                  done.incrementAndGet();
                } else {
                  failed.incrementAndGet();
                }
                inFlight.release();
              });
    }
    long count = done.get() - startCount;
    double rate = count / ((System.nanoTime() - start) / 1e9);
    inFlight.acquire(window); // drain
    inFlight.release(window);
    if (failed.get() > 0) {
      throw new IllegalStateException(failed.get() + " readings failed");
    }
    return rate;
  }

  /** Devices on the WebSocket broker: each reading is answered with a receipt message. */
  private double webSocket(WotServer server, byte[] reading) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    List<Device> devices = new ArrayList<>();
    for (int d = 0; d < o.devices(); d++) {
      Device dev = new Device();
      dev.socket =
          http.newWebSocketBuilder()
              .buildAsync(
                  URI.create(server.endpoints().ws() + "/object/ws-dev-" + d + "/send"), dev)
              .get(10, TimeUnit.SECONDS);
      devices.add(dev);
    }
    String text = new String(reading, StandardCharsets.UTF_8);
    try {
      return closedLoop(o.window(), i -> devices.get(i % devices.size()).send(text));
    } finally {
      for (Device d : devices) {
        d.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
      }
    }
  }

  /** One device connection: readings are answered in order of their receipts, not of sending. */
  private static final class Device implements WebSocket.Listener {
    WebSocket socket;
    final java.util.concurrent.ConcurrentLinkedQueue<CompletableFuture<Void>> waiting =
        new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final StringBuilder partial = new StringBuilder();

    synchronized CompletableFuture<Void> send(String text) {
      CompletableFuture<Void> f = new CompletableFuture<>();
      waiting.add(f);
      socket.sendText(text, true).join();
      return f;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String m = partial.toString();
        partial.setLength(0);
        CompletableFuture<Void> f = waiting.poll();
        if (f != null) {
          if (m.contains("\"type\":\"receipt\"") || m.startsWith("{\"txID\"")) {
            f.complete(null);
          } else {
            f.completeExceptionally(new IllegalStateException(m));
          }
        }
      }
      ws.request(1);
      return null;
    }
  }

  /** CoAP POSTs to the broker: each is answered with 2.01 and the receipt. */
  private double coap(WotServer server, byte[] reading) throws Exception {
    List<CoapClient> clients = new ArrayList<>();
    for (int d = 0; d < o.devices(); d++) {
      CoapClient c = new CoapClient(server.endpoints().coap() + "/object/coap-dev-" + d + "/send");
      c.setTimeout(30_000L);
      clients.add(c);
    }
    try {
      return closedLoop(
          o.window(),
          i -> {
            CompletableFuture<Void> f = new CompletableFuture<>();
            clients
                .get(i % clients.size())
                .post(
                    new CoapHandler() {
                      @Override
                      public void onLoad(CoapResponse r) {
                        if (r.isSuccess()) {
                          f.complete(null);
                        } else {
                          f.completeExceptionally(
                              new IllegalStateException(r.getCode() + " " + r.getResponseText()));
                        }
                      }

                      @Override
                      public void onError() {
                        f.completeExceptionally(new IllegalStateException("CoAP request failed"));
                      }
                    },
                    reading,
                    MediaTypeRegistry.APPLICATION_JSON);
            return f;
          });
    } finally {
      clients.forEach(CoapClient::shutdown);
    }
  }

  static String format(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
