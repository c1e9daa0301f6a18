package io.flowchain.bench;

import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.ledger.Genesis;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.port.Cancellable;
import io.flowchain.core.port.ExecutorScheduler;
import io.flowchain.core.port.SystemClock;
import io.flowchain.dht.Peer;
import io.flowchain.dht.message.CheckPredecessor;
import io.flowchain.dht.message.CheckTtl;
import io.flowchain.net.AbstractTransport;
import io.flowchain.net.CoapTransport;
import io.flowchain.net.NetConfig;
import io.flowchain.net.TlsIdentity;
import io.flowchain.net.WebSocketTransport;
import io.flowchain.net.membership.MembershipCertificate;
import io.flowchain.net.membership.NetworkTrust;
import io.flowchain.net.membership.NodeCredentials;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loopback figures for the socket bindings: one-way throughput of small Chord messages ({@code
 * CHECK_TTL}, about 130 bytes on the wire) with at most {@code window} unanswered, and round-trip
 * latency ({@code CHECK_PREDECESSOR} answered by {@code CHECK_TTL}, one at a time). Both nodes run
 * in this JVM, each with its own scheduler thread, over authenticated connections.
 *
 * <p>Run: {@code ./mvnw -q -pl flowchain-bench -am package -DskipTests && java -cp
 * flowchain-bench/target/benchmarks.jar io.flowchain.bench.TransportBench [messages] [round trips]
 * [CoAP messages]}
 */
public final class TransportBench {
  private static final int WINDOW = 512;

  private TransportBench() {}

  interface Factory {
    AbstractTransport make(NodeCredentials c, NetworkTrust t, ExecutorScheduler s) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int messages = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int trips = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
    int coapMessages = args.length > 2 ? Integer.parseInt(args[2]) : 40_000;
    NodeKeyPair admin = NodeKeyPair.generate();
    NetworkParams params =
        NetworkParams.of("bench", System.currentTimeMillis(), List.of(admin.publicKey()));
    NetworkTrust trust = NetworkTrust.of(params, SystemClock.INSTANCE);
    Factory ws = (c, t, s) -> new WebSocketTransport(c, t, s, "127.0.0.1", 0, NetConfig.defaults());
    Factory wss =
        (c, t, s) ->
            new WebSocketTransport(
                c, t, s, "127.0.0.1", 0, NetConfig.defaults(), TlsIdentity.selfSigned("bench"));
    Factory coap = (c, t, s) -> new CoapTransport(c, t, s, "127.0.0.1", 0, NetConfig.defaults());
    Factory coaps =
        (c, t, s) ->
            new CoapTransport(
                c, t, s, "127.0.0.1", 0, NetConfig.defaults(), TlsIdentity.selfSigned("bench"));
    System.out.printf(
        "%-10s %12s %10s %10s %12s %12s %12s%n",
        "binding", "messages/s", "dropped", "rtt mean", "rtt p50", "rtt p99", "round trips");
    if (!"coap".equals(System.getProperty("only"))) {
      run("WebSocket", ws, admin, params, trust, messages, trips);
      run("WS+TLS", wss, admin, params, trust, messages, trips);
    }
    run("CoAP", coap, admin, params, trust, coapMessages, trips);
    run("CoAP+DTLS", coaps, admin, params, trust, coapMessages, trips);
  }

  private static NodeCredentials member(NodeKeyPair admin, NetworkParams params) {
    NodeKeyPair k = NodeKeyPair.generate();
    long now = System.currentTimeMillis();
    return new NodeCredentials(
        k,
        MembershipCertificate.issue(
            admin,
            Genesis.of(params).hash(),
            k.publicKey(),
            now - 60_000,
            now + 86_400_000,
            List.of()));
  }

  private static void run(
      String name,
      Factory f,
      NodeKeyPair admin,
      NetworkParams params,
      NetworkTrust trust,
      int messages,
      int trips)
      throws Exception {
    try (ExecutorScheduler sa = new ExecutorScheduler("bench-a");
        ExecutorScheduler sb = new ExecutorScheduler("bench-b");
        AbstractTransport a = f.make(member(admin, params), trust, sa);
        AbstractTransport b = f.make(member(admin, params), trust, sb)) {
      a.start();
      b.start();
      Peer pa = a.localPeer();
      Peer pb = b.localPeer();
      AtomicLong received = new AtomicLong();
      CompletableFuture<?>[] pong = new CompletableFuture<?>[1];
      b.setReceiver(
          (from, m) -> {
            if (m instanceof CheckPredecessor) {
              b.send(from, new CheckTtl(m.requestId()));
            } else {
              received.incrementAndGet();
            }
          });
      a.setReceiver(
          (from, m) -> {
            CompletableFuture<?> p = pong[0];
            if (p != null) {
              p.complete(null);
            }
          });
      // warm up both directions and the JIT, then measure
      throughput(sa, a, pb, received, Math.min(messages, 10_000));
      latency(sa, a, pb, pong, Math.min(trips, 1_000));
      long droppedBefore = a.stats().dropped();
      double rate = throughput(sa, a, pb, received, messages);
      long dropped = a.stats().dropped() - droppedBefore;
      long[] rtt = latency(sa, a, pb, pong, trips);
      long lost = Arrays.stream(rtt).filter(x -> x == Long.MAX_VALUE).count();
      long[] ok = Arrays.copyOf(rtt, (int) (rtt.length - lost));
      System.out.printf(
          "%-10s %,12.0f %10d %8.1f µs %9.1f µs %9.1f µs %12d%s%n",
          name,
          rate,
          dropped,
          Arrays.stream(ok).average().orElse(0) / 1e3,
          ok[ok.length / 2] / 1e3,
          ok[(int) (ok.length * 0.99)] / 1e3,
          ok.length,
          lost == 0 ? "" : " (" + lost + " lost)");
      if (System.getProperty("stats") != null) {
        System.out.println(a.stats());
      }
      if (!pa.equals(a.localPeer())) {
        throw new IllegalStateException("address changed");
      }
    }
  }

  /** Sends {@code n} messages from a's thread, at most WINDOW ahead of what b has received. */
  private static double throughput(
      ExecutorScheduler sa, AbstractTransport a, Peer to, AtomicLong received, int n)
      throws Exception {
    long start = received.get();
    long dropped0 = a.stats().dropped();
    long[] sent = {0};
    CompletableFuture<Void> done = new CompletableFuture<>();
    long t0 = System.nanoTime();
    Cancellable pump =
        sa.scheduleAtFixedRate(
            0,
            1,
            () -> {
              long got = received.get() - start;
              long lost = a.stats().dropped() - dropped0;
              while (sent[0] < n && sent[0] - got - lost < WINDOW) {
                a.send(to, new CheckTtl(sent[0]++));
              }
              if (got + lost >= n) {
                done.complete(null);
              }
            });
    try {
      done.get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(
          "stalled after " + (received.get() - start) + " of " + n + " messages: " + a.stats(), e);
    } finally {
      pump.cancel();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    return (received.get() - start) / seconds;
  }

  /** Round trips one at a time; returns the sorted times in ns. */
  private static long[] latency(
      ExecutorScheduler sa, AbstractTransport a, Peer to, CompletableFuture<?>[] pong, int n)
      throws Exception {
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      CompletableFuture<Void> p = new CompletableFuture<>();
      pong[0] = p;
      long id = i;
      long t0 = System.nanoTime();
      sa.schedule(0, () -> a.send(to, new CheckPredecessor(id)));
      try {
        p.get(2, TimeUnit.SECONDS);
        out[i] = System.nanoTime() - t0;
      } catch (java.util.concurrent.TimeoutException e) {
        out[i] = Long.MAX_VALUE; // lost: sorts last
      }
    }
    Arrays.sort(out);
    return out;
  }
}
