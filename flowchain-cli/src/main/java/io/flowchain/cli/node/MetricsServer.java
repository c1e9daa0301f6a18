package io.flowchain.cli.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.flowchain.node.Health;
import io.flowchain.node.NodeMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A tiny HTTP server (the JDK's) for a node's metrics and health, for {@code flowchain node start
 * --metrics-port}: {@code GET /metrics} (Prometheus text), {@code GET /health} (200 while the node
 * is live, else 503) and {@code GET /ready} (200 while it is ready, else 503), the last two with a
 * JSON body {@code {"live":..,"ready":..,"reasons":[..]}}. One thread; anything else gets 404 or
 * 405.
 */
final class MetricsServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService thread;

  private MetricsServer(HttpServer server, ExecutorService thread) {
    this.server = server;
    this.thread = thread;
  }

  static MetricsServer start(String host, int port, NodeMetrics metrics) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
    ExecutorService thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "flowchain-metrics-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(thread);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            handle(exchange, metrics);
          }
        });
    server.start();
    return new MetricsServer(server, thread);
  }

  private static void handle(HttpExchange exchange, NodeMetrics metrics) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (!exchange.getRequestMethod().equals("GET")) {
      exchange.getResponseHeaders().set("Allow", "GET");
      send(exchange, 405, "text/plain; charset=utf-8", "only GET\n");
      return;
    }
    switch (path) {
      case "/metrics" ->
          send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
      case "/health", "/ready" -> {
        Health h = metrics.health();
        boolean ok = path.equals("/health") ? h.live() : h.ready();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("live", h.live());
        body.put("ready", h.ready());
        body.put("reasons", h.reasons());
        send(exchange, ok ? 200 : 503, "application/json", JSON.writeValueAsString(body) + "\n");
      }
      default -> send(exchange, 404, "text/plain; charset=utf-8", "no such path: " + path + "\n");
    }
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** The port it listens on. */
  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    thread.shutdownNow();
  }
}
