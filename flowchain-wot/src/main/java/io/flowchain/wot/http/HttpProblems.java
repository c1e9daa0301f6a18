package io.flowchain.wot.http;

import io.flowchain.wot.Problem;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;

/** Writes {@link Problem}s as {@code application/problem+json}. */
final class HttpProblems {
  private HttpProblems() {}

  static void write(Context ctx, Problem p) {
    ctx.status(p.status());
    if (p.status() == 429) {
      ctx.header("Retry-After", "1");
    }
    ctx.contentType(Problem.MEDIA_TYPE);
    ctx.result(p.toJson(ctx.path()).toString());
  }

  /** The problem any failure of a request stands for. */
  static Problem of(Throwable e) {
    if (e instanceof HttpResponseException h) {
      int status = h.getStatus() >= 400 && h.getStatus() < 600 ? h.getStatus() : 500;
      String detail =
          status == 413 ? "the request body is too large" : String.valueOf(h.getMessage());
      return new Problem(status, titleOf(status), detail);
    }
    return Problem.of(e);
  }

  static String titleOf(int status) {
    return switch (status) {
      case 400 -> "Bad request";
      case 404 -> "Not found";
      case 405 -> "Method not allowed";
      case 413 -> "Content too large";
      case 415 -> "Unsupported media type";
      case 429 -> "Too many requests";
      case 501 -> "Not implemented";
      case 503 -> "Service unavailable";
      default -> status < 500 ? "Client error" : "Server error";
    };
  }
}
