package io.flowchain.wot.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowchain.wot.WotJson;
import io.flowchain.wot.td.Endpoints;

/**
 * The OpenAPI 3.0 document of the node's HTTP routes ({@code /openapi.json}). A test checks it
 * against the routes the server really has, both ways.
 */
final class OpenApiDocument {
  private static final String JSON = "application/json";

  private final boolean metrics;

  OpenApiDocument(boolean metrics) {
    this.metrics = metrics;
  }

  ObjectNode document(Endpoints at) {
    ObjectNode doc = WotJson.MAPPER.createObjectNode();
    doc.put("openapi", "3.0.3");
    ObjectNode info = doc.putObject("info");
    info.put("title", "Flowchain node web API");
    info.put("version", "1");
    info.put(
        "description",
        "REST API, Thing Descriptions and device broker of a Flowchain node (docs/wot.md). Errors"
            + " are application/problem+json. WebSocket routes (/object/{id}/send|viewer|status,"
            + " /events/{name}) are described in the Thing Descriptions.");
    doc.putArray("servers").addObject().put("url", at.http());
    ObjectNode paths = doc.putObject("paths");

    op(paths, "get", "/", "The dashboard (HTML)", "text/html");
    op(
        paths,
        "get",
        "/dashboard/{file}",
        "The dashboard's scripts and style sheet",
        "text/javascript",
        "file");
    op(paths, "get", "/.well-known/wot", "The node's Thing Description", "application/td+json");
    op(paths, "get", "/things", "URLs of the node's and its devices' Thing Descriptions", JSON);
    op(paths, "get", "/things/{id}", "A device's Thing Description", "application/td+json", "id");
    op(paths, "get", "/openapi.json", "This document", JSON);
    op(paths, "get", "/health", "200 while the server runs", JSON);
    op(paths, "get", "/ready", "200 once the node is a ring member, else 503", JSON);
    if (metrics) {
      op(paths, "get", "/metrics", "The node's metrics", "text/plain");
    }
    op(
        paths,
        "get",
        "/api/node",
        "Node status: id, ring, chain height, valid block, counters",
        JSON);
    op(paths, "get", "/api/ring", "The node's ring neighbours", JSON);
    op(
        paths,
        "get",
        "/api/ring/members",
        "The ring members the node knows (self, predecessor, successors, fingers), whether each"
            + " answers, and their balances",
        JSON);
    query(op(paths, "get", "/api/blocks", "Blocks of the node's branch", JSON), "from", "limit");
    op(paths, "get", "/api/records/{txId}", "A record by txID (asks round the ring)", JSON, "txId");
    op(paths, "get", "/api/keys/{dataKey}", "A record by data key", JSON, "dataKey");
    ObjectNode submit =
        op(
            paths,
            "post",
            "/api/objects/{id}/records",
            "Submit a reading (the body, of its Content-Type); 201 with record and receipt",
            JSON,
            "id");
    submit.putObject("requestBody").put("required", true).putObject("content").putObject("*/*");
    query(
        op(
            paths,
            "get",
            "/api/objects/{id}/records",
            "An object's time series, one page (from, to in ms; limit 1..1000; after = next)",
            JSON,
            "id"),
        "from",
        "to",
        "limit",
        "after");
    op(paths, "get", "/api/objects/{id}/status", "A device's presence", JSON, "id");
    op(
        paths,
        "get",
        "/api/objects/{id}/viewer",
        "Server-Sent Events: each acknowledged reading of the object with its receipt",
        "text/event-stream",
        "id");
    op(
        paths,
        "get",
        "/api/readings",
        "Server-Sent Events: each reading of any object acknowledged through this node, with its"
            + " receipt",
        "text/event-stream");
    op(paths, "get", "/api/devices", "Every device the broker has heard from", JSON);
    op(paths, "get", "/api/properties/{name}", "Read a property of the node's TD", JSON, "name");
    ObjectNode action =
        op(paths, "post", "/api/actions/{name}", "Invoke an action of the node's TD", JSON, "name");
    action.putObject("requestBody").put("required", true).putObject("content").putObject(JSON);
    op(
        paths,
        "get",
        "/api/events/{name}",
        "Server-Sent Events of an event of the node's TD",
        "text/event-stream",
        "name");
    return doc;
  }

  private static ObjectNode op(
      ObjectNode paths,
      String method,
      String path,
      String summary,
      String mediaType,
      String... pathParams) {
    ObjectNode item = paths.has(path) ? (ObjectNode) paths.get(path) : paths.putObject(path);
    ObjectNode o = item.putObject(method);
    o.put("summary", summary);
    ArrayNode params = o.putArray("parameters");
    for (String p : pathParams) {
      ObjectNode param = params.addObject();
      param.put("name", p);
      param.put("in", "path");
      param.put("required", true);
      param.putObject("schema").put("type", "string");
    }
    ObjectNode responses = o.putObject("responses");
    responses
        .putObject(method.equals("post") && path.endsWith("/records") ? "201" : "200")
        .put("description", "OK")
        .putObject("content")
        .putObject(mediaType);
    responses
        .putObject("default")
        .put("description", "A problem (RFC 9457)")
        .putObject("content")
        .putObject("application/problem+json");
    return o;
  }

  private static ObjectNode query(ObjectNode op, String... names) {
    ArrayNode params = (ArrayNode) op.get("parameters");
    for (String n : names) {
      ObjectNode param = params.addObject();
      param.put("name", n);
      param.put("in", "query");
      param.put("required", false);
      param.putObject("schema").put("type", n.equals("after") ? "string" : "integer");
    }
    return op;
  }
}
