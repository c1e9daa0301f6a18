package io.flowchain.wot.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowchain.wot.NodeEventHub;
import io.flowchain.wot.Problem;
import io.flowchain.wot.WotConfig;
import io.flowchain.wot.WotJson;
import io.flowchain.wot.broker.Broker;
import io.flowchain.wot.broker.RateLimits;
import io.flowchain.wot.broker.Readings;
import io.flowchain.wot.broker.TokenBucket;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.sse.SseClient;
import io.javalin.websocket.WsCloseStatus;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The broker's WebSocket routes ({@code /object/{id}/send|viewer|status}), the node's events over
 * WebSocket ({@code /events/{name}}) and Server-Sent Events ({@code /api/events/{name}}, {@code
 * /api/objects/{id}/viewer}). The protocol is in docs/wot.md.
 */
final class SocketRoutes {
  private final Broker broker;
  private final NodeEventHub events;
  private final WotConfig config;
  private final RateLimits limits;
  private final Map<String, SendSession> senders = new ConcurrentHashMap<>();
  private final Map<String, AutoCloseable> watches = new ConcurrentHashMap<>();

  /** One device's {@code /send} connection. */
  private static final class SendSession {
    final String objectId;
    final TokenBucket bucket;
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicLong seq = new AtomicLong();

    SendSession(String objectId, TokenBucket bucket) {
      this.objectId = objectId;
      this.bucket = bucket;
    }
  }

  SocketRoutes(Broker broker, NodeEventHub events, WotConfig config, RateLimits limits) {
    this.broker = broker;
    this.events = events;
    this.config = config;
    this.limits = limits;
  }

  void register(RoutesConfig r) {
    r.wsBeforeUpgrade("/object/{id}/*", ctx -> Readings.objectId(ctx.pathParam("id")));
    r.wsBeforeUpgrade("/events/{name}", ctx -> checkEvent(ctx.pathParam("name")));
    r.ws("/object/{id}/send", this::send);
    r.ws("/object/{id}/viewer", ws -> watch(ws, (ctx, sink) -> broker.watchRecords(id(ctx), sink)));
    r.ws(
        "/object/{id}/status",
        ws ->
            watch(
                ws,
                (ctx, sink) -> {
                  AutoCloseable sub = broker.watchStatus(id(ctx), sink);
                  sink.accept(broker.status(id(ctx)).toString());
                  return sub;
                }));
    r.ws(
        "/events/{name}",
        ws -> watch(ws, (ctx, sink) -> events.subscribe(ctx.pathParam("name"), sink)));

    r.before(
        "/api/events/{name}",
        ctx -> {
          checkEvent(ctx.pathParam("name"));
          subscribeBeforeStream(ctx, sink -> events.subscribe(ctx.pathParam("name"), sink));
        });
    r.before(
        "/api/objects/{id}/viewer",
        ctx -> {
          Readings.objectId(ctx.pathParam("id"));
          subscribeBeforeStream(ctx, sink -> broker.watchRecords(ctx.pathParam("id"), sink));
        });
    r.before(
        "/api/readings", ctx -> subscribeBeforeStream(ctx, sink -> broker.watchAllRecords(sink)));
    r.sse("/api/readings", SocketRoutes::stream);
    r.sse("/api/events/{name}", SocketRoutes::stream);
    r.sse("/api/objects/{id}/viewer", SocketRoutes::stream);
  }

  private static final String PENDING = "flowchain.pending-stream";

  private record Pending(PendingSink sink, AutoCloseable subscription) {}

  /** Subscribes before the event stream's headers go out (see {@link PendingSink}). */
  private static void subscribeBeforeStream(Context ctx, SseWatch watch) {
    if (!ctx.method().equals(HandlerType.GET)) {
      return;
    }
    PendingSink sink = new PendingSink();
    ctx.attribute(PENDING, new Pending(sink, watch.open(sink)));
  }

  private static void stream(SseClient client) {
    Pending p = client.ctx().attribute(PENDING);
    client.onClose(
        () -> {
          try {
            p.subscription().close();
          } catch (Exception e) {
            // nothing more to stop
          }
        });
    p.sink().attach(m -> client.sendEvent("message", m));
    client.keepAlive();
  }

  private static void checkEvent(String name) {
    if (!NodeEventHub.EVENTS.contains(name)) {
      throw Problem.notFound("no event " + name);
    }
  }

  private static String id(WsContext ctx) {
    return ctx.pathParam("id");
  }

  private void send(WsConfig ws) {
    ws.onConnect(
        ctx -> {
          String id = id(ctx);
          try {
            broker.connected(id, Broker.WEBSOCKET);
          } catch (Problem p) {
            sendSafely(ctx, error(0, p));
            ctx.closeSession(WsCloseStatus.TRY_AGAIN_LATER, p.detail());
            return;
          }
          senders.put(ctx.sessionId(), new SendSession(id, limits.newBucket()));
        });
    ws.onMessage(ctx -> reading(ctx, ctx.message().getBytes(StandardCharsets.UTF_8)));
    ws.onBinaryMessage(
        ctx -> {
          SendSession s = senders.get(ctx.sessionId());
          long n = s == null ? 0 : s.seq.incrementAndGet();
          sendSafely(
              ctx,
              error(
                  n, Problem.unsupportedMediaType("readings are JSON text messages, not binary")));
        });
    ws.onClose(
        ctx -> {
          if (senders.remove(ctx.sessionId()) != null) {
            broker.disconnected(id(ctx));
          }
        });
  }

  private void reading(WsContext ctx, byte[] text) {
    SendSession s = senders.get(ctx.sessionId());
    if (s == null) {
      return; // refused at connect
    }
    long n = s.seq.incrementAndGet();
    if (!s.bucket.tryAcquire()) {
      sendSafely(ctx, error(n, Problem.tooManyRequests()));
      return;
    }
    if (s.inFlight.incrementAndGet() > config.maxInFlightPerConnection()) {
      s.inFlight.decrementAndGet();
      sendSafely(
          ctx,
          error(
              n,
              Problem.unavailable(
                  config.maxInFlightPerConnection()
                      + " readings of this connection are on their way already; wait for their"
                      + " receipts")));
      return;
    }
    broker
        .send(s.objectId, Readings.JSON, text, Broker.WEBSOCKET)
        .whenComplete(
            (submitted, e) -> {
              s.inFlight.decrementAndGet();
              if (e != null) {
                sendSafely(ctx, error(n, Problem.of(e)));
              } else {
                ObjectNode m = WotJson.receipt(submitted);
                m.put("type", "receipt");
                m.put("n", n);
                sendSafely(ctx, m);
              }
            });
  }

  /** A socket that only sends: the watch opens on connect and closes with the socket. */
  private void watch(WsConfig ws, Watch watch) {
    ws.onConnect(
        ctx -> {
          try {
            watches.put(ctx.sessionId(), watch.open(ctx, m -> sendText(ctx, m)));
          } catch (Problem p) {
            sendSafely(ctx, error(0, p));
            ctx.closeSession(WsCloseStatus.TRY_AGAIN_LATER, p.detail());
          }
        });
    ws.onMessage(
        ctx ->
            sendSafely(
                ctx, error(0, Problem.badRequest("this socket only sends; it takes no messages"))));
    ws.onClose(
        ctx -> {
          AutoCloseable w = watches.remove(ctx.sessionId());
          if (w != null) {
            try {
              w.close();
            } catch (Exception e) {
              // nothing more to stop
            }
          }
        });
  }

  @FunctionalInterface
  private interface Watch {
    AutoCloseable open(WsContext ctx, Consumer<String> sink);
  }

  @FunctionalInterface
  private interface SseWatch {
    AutoCloseable open(Consumer<String> sink);
  }

  private static ObjectNode error(long n, Problem p) {
    ObjectNode m = p.toJson(null);
    m.put("problemType", m.get("type").asText());
    m.put("type", "error");
    m.put("n", n);
    return m;
  }

  private static void sendSafely(WsContext ctx, ObjectNode message) {
    sendText(ctx, message.toString());
  }

  private static void sendText(WsContext ctx, String text) {
    try {
      synchronized (ctx.session) {
        if (ctx.session.isOpen()) {
          ctx.send(text);
        }
      }
    } catch (RuntimeException e) {
      // the socket closed meanwhile: the message has no one to go to
    }
  }
}
