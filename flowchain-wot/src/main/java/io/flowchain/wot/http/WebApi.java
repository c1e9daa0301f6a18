package io.flowchain.wot.http;

import io.flowchain.wot.Affordances;
import io.flowchain.wot.NodeEventHub;
import io.flowchain.wot.Problem;
import io.flowchain.wot.WotConfig;
import io.flowchain.wot.broker.Broker;
import io.flowchain.wot.broker.RateLimits;
import io.flowchain.wot.td.Endpoints;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.function.Supplier;

/**
 * The node's HTTP server (Javalin, on its own port): the REST API under {@code /api}, the Thing
 * Descriptions, the broker's WebSocket routes, {@code /openapi.json}, {@code /health}, {@code
 * /ready} and optionally {@code /metrics}. Every request counts against its connection's rate
 * limit; every error is an {@code application/problem+json} document. See docs/wot.md.
 */
public final class WebApi implements AutoCloseable {
  private final Javalin app;
  private final WotConfig config;

  /**
   * Builds the server (not started).
   *
   * @param endpoints the base URLs, asked for once the ports are known
   */
  public WebApi(
      WotConfig config,
      Broker broker,
      Affordances affordances,
      NodeEventHub events,
      Supplier<Endpoints> endpoints,
      HttpOptions options) {
    this.config = config;
    RateLimits limits =
        new RateLimits(config.requestsPerSecond(), config.burst(), System::nanoTime);
    RestRoutes rest = new RestRoutes(broker, affordances, endpoints, options, config);
    SocketRoutes sockets = new SocketRoutes(broker, events, config, limits);
    this.app =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.startup.showOldJavalinVersionWarning = false;
              cfg.http.maxRequestSize = config.maxBodyBytes();
              cfg.http.prefer405over404 = true;
              cfg.router.ignoreTrailingSlashes = true;
              cfg.jetty.host = config.host();
              cfg.jetty.port = config.httpPort();
              cfg.jetty.modifyWebSocketServletFactory(
                  f -> {
                    f.setMaxTextMessageSize(config.maxBodyBytes());
                    f.setMaxBinaryMessageSize(config.maxBodyBytes());
                  });
              cfg.routes.before(ctx -> limit(ctx, limits));
              cfg.routes.exception(
                  Exception.class, (e, ctx) -> HttpProblems.write(ctx, HttpProblems.of(e)));
              cfg.routes.error(
                  404,
                  ctx -> {
                    if (!Problem.MEDIA_TYPE.equals(ctx.res().getContentType())) {
                      HttpProblems.write(
                          ctx, Problem.notFound("no route " + ctx.method() + " " + ctx.path()));
                    }
                  });
              cfg.routes.error(
                  405,
                  ctx ->
                      HttpProblems.write(
                          ctx,
                          new Problem(
                              405,
                              "Method not allowed",
                              ctx.method() + " is not allowed on " + ctx.path())));
              rest.register(cfg.routes);
              DashboardRoutes.register(cfg.routes);
              sockets.register(cfg.routes);
            });
  }

  private static void limit(Context ctx, RateLimits limits) {
    Object connection;
    try {
      connection = ctx.req().getServletConnection().getConnectionId();
    } catch (RuntimeException e) {
      connection = ctx.ip() + ":" + ctx.req().getRemotePort();
    }
    if (!limits.tryAcquire(connection)) {
      throw Problem.tooManyRequests();
    }
  }

  /** Binds the port and starts serving. */
  public WebApi start() {
    app.start();
    return this;
  }

  /** The port it listens on (after {@link #start()}). */
  public int port() {
    return app.port();
  }

  /** The HTTP routes it serves, as "METHOD path" (path parameters in braces). */
  public List<String> routes() {
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .filter(e -> e.endpoint.method.isHttpMethod())
        .map(e -> e.endpoint.method.name() + " " + e.endpoint.path)
        .toList();
  }

  public WotConfig config() {
    return config;
  }

  @Override
  public void close() {
    app.stop();
  }
}
