package io.flowchain.wot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.flowchain.core.approval.Approval;
import io.flowchain.core.store.LedgerStore.Cursor;
import io.flowchain.core.types.Hex;
import io.flowchain.wot.broker.Broker;
import io.flowchain.wot.broker.Readings;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * The node's interaction affordances (its Thing Description's properties and actions), served the
 * same way over every binding: a property read or an action's JSON input in, a JSON value out, or a
 * {@link Problem}.
 */
public final class Affordances {
  /** The node's properties, as named in its Thing Description. */
  public static final List<String> PROPERTIES =
      List.of("nodeId", "ringNeighbours", "chainHeight", "validBlock", "balance", "status");

  /** The node's actions. */
  public static final List<String> ACTIONS = List.of("submit", "query", "approve");

  /** The default number of records in a page of a query. */
  public static final int DEFAULT_PAGE = 100;

  private static final long DAY_MILLIS = 86_400_000L;

  private final ThingNode node;
  private final Broker broker;
  private final LongSupplier wallMillis;

  public Affordances(ThingNode node, Broker broker, LongSupplier wallMillis) {
    this.node = node;
    this.broker = broker;
    this.wallMillis = wallMillis;
  }

  /** Reads property {@code name}: 404 if there is no such property. */
  public CompletableFuture<JsonNode> readProperty(String name) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    return switch (name) {
      case "nodeId" -> CompletableFuture.completedFuture(f.textNode(node.info().nodeId()));
      case "ringNeighbours" -> node.status().thenApply(WotJson::ring);
      case "chainHeight" -> node.status().thenApply(s -> f.numberNode(s.chainHeight()));
      case "validBlock" ->
          node.status()
              .thenApply(s -> s.validBlock() == null ? f.nullNode() : f.numberNode(s.validBlock()));
      case "balance" -> {
        var b = node.balance();
        yield b.isPresent()
            ? CompletableFuture.completedFuture(f.numberNode(b.getAsLong()))
            : CompletableFuture.failedFuture(
                new ThingNodeException(
                    ThingNodeException.Kind.NOT_IMPLEMENTED,
                    "this node keeps no Flowcoin balance yet (rewards come with approvals)"));
      }
      case "status" -> node.status().thenApply(WotJson::status);
      default -> CompletableFuture.failedFuture(Problem.notFound("no property " + name));
    };
  }

  /**
   * Invokes action {@code name} with a JSON input: 404 if there is no such action, 415 unless the
   * input is JSON, 400 if it is not what the action takes.
   */
  public CompletableFuture<JsonNode> invoke(
      String name, String contentType, byte[] body, String binding) {
    try {
      if (!ACTIONS.contains(name)) {
        throw Problem.notFound("no action " + name);
      }
      if (!Readings.isJson(Readings.contentType(contentType))) {
        throw Problem.unsupportedMediaType("an action's input is JSON (application/json)");
      }
      JsonNode input = Readings.parse(Readings.body(body, Readings.JSON));
      if (!input.isObject()) {
        throw Problem.badRequest("the input must be a JSON object");
      }
      return switch (name) {
        case "submit" -> submit(input, binding);
        case "query" -> query(input);
        default -> approve(input);
      };
    } catch (Problem | IllegalArgumentException e) {
      return CompletableFuture.failedFuture(Problem.of(e));
    }
  }

  private CompletableFuture<JsonNode> submit(JsonNode in, String binding) {
    String objectId = text(in, "objectId", true);
    String type = in.has("contentType") ? text(in, "contentType", true) : Readings.JSON;
    JsonNode data = in.get("data");
    if (data == null) {
      throw Problem.badRequest("'data' is required");
    }
    byte[] bytes;
    if (Readings.isJson(Readings.contentType(type))) {
      bytes = data.toString().getBytes(StandardCharsets.UTF_8);
    } else if (data.isTextual()) {
      bytes = data.textValue().getBytes(StandardCharsets.UTF_8);
    } else {
      throw Problem.badRequest("'data' must be a string when the content type is not JSON");
    }
    return broker.send(objectId, type, bytes, binding).thenApply(WotJson::submitted);
  }

  private CompletableFuture<JsonNode> query(JsonNode in) {
    String objectId = Readings.objectId(text(in, "objectId", true));
    long from = number(in, "from", 0);
    long to = number(in, "to", wallMillis.getAsLong() + DAY_MILLIS);
    long limit = number(in, "limit", DEFAULT_PAGE);
    String after = text(in, "after", false);
    return query(objectId, from, to, limit, after).thenApply(WotJson::page);
  }

  /** A page of a time series, with the arguments checked (400 for bad ones). */
  public CompletableFuture<RecordPage> query(
      String objectId, long from, long to, long limit, String after) {
    Readings.objectId(objectId);
    if (from < 0 || to < 0 || from > to) {
      throw Problem.badRequest("need 0 <= from <= to: from=" + from + ", to=" + to);
    }
    if (limit < 1 || limit > 1000) {
      throw Problem.badRequest("limit must be 1..1000: " + limit);
    }
    Cursor cursor = after == null ? null : WotJson.parseCursor(after);
    return node.query(objectId, from, to, (int) limit, cursor);
  }

  private CompletableFuture<JsonNode> approve(JsonNode in) {
    String hex = text(in, "approval", true);
    if (hex.length() > MAX_APPROVAL_HEX) {
      throw Problem.badRequest("'approval' is longer than " + MAX_APPROVAL_HEX + " hex digits");
    }
    Approval a;
    try {
      a = Approval.parse(Hex.decode(hex));
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest(
          "'approval' is not a canonical approval (protocol.md §14): " + e.getMessage());
    }
    return node.approve(a)
        .thenApply(
            r -> {
              var n = WotJson.MAPPER.createObjectNode();
              n.put("verified", r.verified());
              n.put("confirmations", r.confirmations());
              return n;
            });
  }

  /** An approval is under 1 KiB (its certificate names a few roles): 4,096 hex digits at most. */
  static final int MAX_APPROVAL_HEX = 4096;

  private static String text(JsonNode in, String field, boolean required) {
    JsonNode v = in.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw Problem.badRequest("'" + field + "' is required");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw Problem.badRequest("'" + field + "' must be a string");
    }
    return v.textValue();
  }

  private static long number(JsonNode in, String field, long otherwise) {
    JsonNode v = in.get(field);
    if (v == null || v.isNull()) {
      return otherwise;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw Problem.badRequest("'" + field + "' must be an integer");
    }
    return v.longValue();
  }
}
