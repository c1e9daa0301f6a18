package io.flowchain.wot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * An RFC 9457 problem: what every endpoint answers a request it cannot serve with, over HTTP as
 * {@code application/problem+json}, over CoAP as the matching 4.xx/5.xx code with the same JSON,
 * over WebSocket as a message of type {@code "error"}.
 */
public final class Problem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The media type of problem documents. */
  public static final String MEDIA_TYPE = "application/problem+json";

  private final int status;
  private final String title;

  public Problem(int status, String title, String detail) {
    super(detail);
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("a problem has a 4xx or 5xx status: " + status);
    }
    this.status = status;
    this.title = title;
  }

  public static Problem badRequest(String detail) {
    return new Problem(400, "Bad request", detail);
  }

  public static Problem notFound(String detail) {
    return new Problem(404, "Not found", detail);
  }

  public static Problem tooLarge(int limit) {
    return new Problem(413, "Content too large", "the body must be at most " + limit + " bytes");
  }

  public static Problem unsupportedMediaType(String detail) {
    return new Problem(415, "Unsupported media type", detail);
  }

  public static Problem tooManyRequests() {
    return new Problem(
        429, "Too many requests", "this connection is over its request rate; slow down");
  }

  public static Problem unavailable(String detail) {
    return new Problem(503, "Service unavailable", detail);
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }

  /** The problem document; {@code instance} is the path asked for (may be null). */
  public ObjectNode toJson(String instance) {
    ObjectNode n = WotJson.MAPPER.createObjectNode();
    n.put("type", "about:blank");
    n.put("title", title);
    n.put("status", status);
    n.put("detail", getMessage());
    if (instance != null) {
      n.put("instance", instance);
    }
    return n;
  }

  /** The problem a failure stands for: what the node said, bad arguments, or a 500. */
  public static Problem of(Throwable error) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof Problem p) {
      return p;
    }
    if (e instanceof ThingNodeException t) {
      return new Problem(t.kind().httpStatus(), title(t.kind()), t.getMessage());
    }
    if (e instanceof IllegalArgumentException) {
      return badRequest(e.getMessage());
    }
    return new Problem(500, "Internal error", "the request failed: " + e);
  }

  private static String title(ThingNodeException.Kind kind) {
    return switch (kind) {
      case INVALID_INPUT -> "Bad request";
      case UNAVAILABLE -> "Service unavailable";
      case TIMEOUT -> "Gateway timeout";
      case BAD_GATEWAY -> "Bad gateway";
      case NOT_IMPLEMENTED -> "Not implemented";
      case INTERNAL -> "Internal error";
    };
  }
}
