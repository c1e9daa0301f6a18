package io.flowchain.wot.http;

import io.flowchain.wot.Problem;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The dashboard: a static page ({@code /}) and its scripts and style sheet ({@code
 * /dashboard/{file}}), served from the classpath; no build step, nothing from elsewhere. It reads
 * the REST API and the event streams like any other client (docs/wot.md).
 */
final class DashboardRoutes {
  private static final String ROOT = "/io/flowchain/wot/dashboard/";

  /** The files it serves, and their media types: nothing else under the folder is reachable. */
  private static final Map<String, String> FILES =
      Map.of(
          "dashboard.css", "text/css",
          "dashboard.js", "text/javascript",
          "ring.js", "text/javascript",
          "api.js", "text/javascript");

  private DashboardRoutes() {}

  static void register(RoutesConfig r) {
    r.get("/", ctx -> serve(ctx, "index.html", "text/html"));
    r.get(
        "/dashboard/{file}",
        ctx -> {
          String file = ctx.pathParam("file");
          String type = FILES.get(file);
          if (type == null) {
            throw Problem.notFound("no dashboard file " + file);
          }
          serve(ctx, file, type);
        });
  }

  private static void serve(Context ctx, String file, String type) {
    try (InputStream in = DashboardRoutes.class.getResourceAsStream(ROOT + file)) {
      if (in == null) {
        throw Problem.notFound("the dashboard is missing " + file);
      }
      ctx.contentType(type + "; charset=utf-8");
      ctx.header("Cache-Control", "no-cache");
      ctx.result(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
