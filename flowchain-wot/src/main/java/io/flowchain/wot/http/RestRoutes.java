package io.flowchain.wot.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.types.Key;
import io.flowchain.core.types.TxId;
import io.flowchain.wot.Affordances;
import io.flowchain.wot.Problem;
import io.flowchain.wot.WotConfig;
import io.flowchain.wot.WotJson;
import io.flowchain.wot.broker.Broker;
import io.flowchain.wot.broker.Readings;
import io.flowchain.wot.td.Endpoints;
import io.flowchain.wot.td.ThingDescriptions;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** The REST API, the Thing Descriptions and the service routes (docs/wot.md). */
final class RestRoutes {
  private static final String JSON = "application/json";
  private static final int MAX_BLOCKS = 1000;

  private final Broker broker;
  private final Affordances affordances;
  private final Supplier<Endpoints> endpoints;
  private final HttpOptions options;
  private final OpenApiDocument openApi;
  private final int maxBodyBytes;

  RestRoutes(
      Broker broker,
      Affordances affordances,
      Supplier<Endpoints> endpoints,
      HttpOptions options,
      WotConfig config) {
    this.broker = broker;
    this.affordances = affordances;
    this.endpoints = endpoints;
    this.options = options;
    this.openApi = new OpenApiDocument(options.metrics() != null);
    this.maxBodyBytes = config.maxBodyBytes();
  }

  void register(RoutesConfig r) {
    r.get("/.well-known/wot", this::nodeTd);
    r.get("/things", this::things);
    r.get("/things/{id}", this::deviceTd);
    r.get("/openapi.json", ctx -> json(ctx, openApi.document(endpoints.get())));
    r.get("/health", ctx -> ctx.contentType(JSON).result("{\"status\":\"UP\"}"));
    r.get("/ready", this::ready);
    if (options.metrics() != null) {
      r.get(
          "/metrics",
          ctx -> {
            HttpOptions.Metrics m = options.metrics().get();
            ctx.contentType(m.contentType()).result(m.body());
          });
    }
    r.get("/api/node", ctx -> async(ctx, broker.node().status().thenApply(WotJson::status)));
    r.get("/api/ring", ctx -> async(ctx, broker.node().status().thenApply(WotJson::ring)));
    r.get(
        "/api/ring/members",
        ctx -> async(ctx, broker.node().ringMembers().thenApply(WotJson::ringMembers)));
    r.get("/api/blocks", this::blocks);
    r.get("/api/records/{txId}", this::recordByTxId);
    r.get("/api/keys/{dataKey}", this::recordByKey);
    r.post("/api/objects/{id}/records", this::submit);
    r.get("/api/objects/{id}/records", this::query);
    r.get("/api/objects/{id}/status", this::deviceStatus);
    r.get("/api/devices", this::devices);
    r.get(
        "/api/properties/{name}",
        ctx -> async(ctx, affordances.readProperty(ctx.pathParam("name"))));
    r.post(
        "/api/actions/{name}",
        ctx ->
            async(
                ctx,
                affordances.invoke(
                    ctx.pathParam("name"), ctx.contentType(), body(ctx), Broker.HTTP)));
  }

  private void nodeTd(Context ctx) {
    var devices = broker.devices().all().stream().map(d -> d.objectId()).toList();
    ctx.contentType(ThingDescriptions.MEDIA_TYPE);
    ctx.result(ThingDescriptions.node(broker.node().info(), endpoints.get(), devices).toString());
  }

  private void things(Context ctx) {
    var a = WotJson.MAPPER.createArrayNode();
    a.add(endpoints.get().nodeTd());
    broker.devices().all().forEach(d -> a.add(endpoints.get().http() + "/things/" + d.objectId()));
    json(ctx, a);
  }

  private void deviceTd(Context ctx) {
    String id = Readings.objectId(ctx.pathParam("id"));
    if (broker.devices().state(id).isEmpty()) {
      throw Problem.notFound("no device " + id + " has connected to this node");
    }
    ctx.contentType(ThingDescriptions.MEDIA_TYPE);
    ctx.result(ThingDescriptions.device(id, broker.node().info(), endpoints.get()).toString());
  }

  private void ready(Context ctx) {
    if (options.ready() != null) {
      answerReady(ctx, options.ready().getAsBoolean());
      return;
    }
    ctx.future(
        () ->
            broker
                .node()
                .status()
                .handle(
                    (s, e) -> {
                      answerReady(ctx, e == null && s.member());
                      return null;
                    }));
  }

  private static void answerReady(Context ctx, boolean ready) {
    if (ready) {
      ctx.contentType(JSON).result("{\"status\":\"READY\"}");
    } else {
      HttpProblems.write(ctx, Problem.unavailable("the node is not a member of the ring yet"));
    }
  }

  private void blocks(Context ctx) {
    long from = longParam(ctx, "from", 0);
    long limit = longParam(ctx, "limit", 100);
    if (from < 0 || limit < 1 || limit > MAX_BLOCKS) {
      throw Problem.badRequest("need from >= 0 and 1 <= limit <= " + MAX_BLOCKS);
    }
    json(ctx, WotJson.blocks(broker.node().blocks(from, (int) limit)));
  }

  private void recordByTxId(Context ctx) {
    TxId id;
    try {
      id = TxId.parse(ctx.pathParam("txId"));
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("a txID is 64 hex digits: " + ctx.pathParam("txId"));
    }
    found(ctx, broker.node().get(id), "no record with txID " + id.toHex());
  }

  private void recordByKey(Context ctx) {
    Key key;
    try {
      key = Key.parse(ctx.pathParam("dataKey"));
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("a data key is 40 hex digits: " + ctx.pathParam("dataKey"));
    }
    found(ctx, broker.node().get(key), "no record with data key " + key.toHex());
  }

  private void found(Context ctx, CompletableFuture<Optional<Record>> f, String missing) {
    async(ctx, f.thenApply(r -> WotJson.record(r.orElseThrow(() -> Problem.notFound(missing)))));
  }

  private void submit(Context ctx) {
    String id = Readings.objectId(ctx.pathParam("id"));
    String type = Readings.contentType(ctx.contentType());
    byte[] body = body(ctx);
    ctx.status(201);
    async(ctx, broker.send(id, type, body, Broker.HTTP).thenApply(WotJson::submitted));
  }

  private void query(Context ctx) {
    String id = Readings.objectId(ctx.pathParam("id"));
    long from = longParam(ctx, "from", 0);
    long to = longParam(ctx, "to", System.currentTimeMillis() + 86_400_000L);
    long limit = longParam(ctx, "limit", Affordances.DEFAULT_PAGE);
    async(
        ctx,
        affordances.query(id, from, to, limit, ctx.queryParam("after")).thenApply(WotJson::page));
  }

  private void deviceStatus(Context ctx) {
    json(ctx, broker.status(Readings.objectId(ctx.pathParam("id"))));
  }

  private void devices(Context ctx) {
    var a = WotJson.MAPPER.createArrayNode();
    broker.devices().all().forEach(d -> a.add(Broker.statusMessage(d.objectId(), d)));
    json(ctx, a);
  }

  private byte[] body(Context ctx) {
    if (ctx.req().getContentLengthLong() > maxBodyBytes) {
      throw Problem.tooLarge(maxBodyBytes);
    }
    return ctx.bodyAsBytes();
  }

  private static long longParam(Context ctx, String name, long otherwise) {
    String v = ctx.queryParam(name);
    if (v == null || v.isEmpty()) {
      return otherwise;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw Problem.badRequest("'" + name + "' must be an integer: " + v);
    }
  }

  static void json(Context ctx, JsonNode n) {
    ctx.contentType(JSON).result(n.toString());
  }

  /** Answers with what {@code f} gives, or with the problem it fails with. */
  static void async(Context ctx, CompletableFuture<? extends JsonNode> f) {
    ctx.future(
        () ->
            f.handle(
                (n, e) -> {
                  if (e != null) {
                    HttpProblems.write(ctx, HttpProblems.of(unwrap(e)));
                  } else {
                    json(ctx, n);
                  }
                  return null;
                }));
  }

  private static Throwable unwrap(Throwable e) {
    while (e instanceof java.util.concurrent.CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }
}
