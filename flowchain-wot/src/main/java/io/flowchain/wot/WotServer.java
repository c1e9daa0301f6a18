package io.flowchain.wot;

import io.flowchain.wot.broker.Broker;
import io.flowchain.wot.coap.CoapApi;
import io.flowchain.wot.http.HttpOptions;
import io.flowchain.wot.http.WebApi;
import io.flowchain.wot.td.Endpoints;
import java.util.List;

/**
 * A node's Web of Things layer, running: the HTTP server (REST API, Thing Descriptions, broker
 * WebSockets) and, if configured, the CoAP server, both over one {@link Broker} and one {@link
 * ThingNode}. {@link #start} binds the ports; {@link #close} releases them.
 */
public final class WotServer implements AutoCloseable {
  /** Event subscribers (SSE, WebSocket, CoAP) the node accepts in all. */
  public static final int MAX_EVENT_SUBSCRIBERS = 256;

  private final Broker broker;
  private final NodeEventHub events;
  private final WebApi web;
  private final CoapApi coap;
  private volatile Endpoints endpoints;

  private WotServer(ThingNode node, WotConfig config, HttpOptions options) {
    this.broker = new Broker(node, config, System::currentTimeMillis);
    this.events = new NodeEventHub(node, MAX_EVENT_SUBSCRIBERS);
    Affordances affordances = new Affordances(node, broker, System::currentTimeMillis);
    this.web = new WebApi(config, broker, affordances, events, this::endpoints, options);
    this.coap =
        config.coapPort() < 0
            ? null
            : new CoapApi(config, broker, affordances, events, this::endpoints);
  }

  /**
   * Starts the Web of Things layer of {@code node}.
   *
   * @throws IllegalStateException if a port cannot be bound
   */
  public static WotServer start(ThingNode node, WotConfig config, HttpOptions options) {
    WotServer s = new WotServer(node, config, options);
    try {
      s.web.start();
      if (s.coap != null) {
        s.coap.start();
      }
    } catch (RuntimeException e) {
      s.close();
      throw new IllegalStateException(
          "cannot start the web API on "
              + config.host()
              + " (HTTP port "
              + config.httpPort()
              + (config.coapPort() >= 0 ? ", CoAP port " + config.coapPort() : "")
              + "): "
              + e.getMessage(),
          e);
    }
    s.endpoints =
        Endpoints.of(config.advertisedHost(), s.web.port(), s.coap == null ? -1 : s.coap.port());
    return s;
  }

  /** The base URLs (after start). */
  public Endpoints endpoints() {
    return endpoints;
  }

  public int httpPort() {
    return web.port();
  }

  /** The CoAP port, or -1 without a CoAP server. */
  public int coapPort() {
    return coap == null ? -1 : coap.port();
  }

  public Broker broker() {
    return broker;
  }

  /** The HTTP routes served, as "METHOD path". */
  public List<String> httpRoutes() {
    return web.routes();
  }

  @Override
  public void close() {
    try {
      web.close();
    } finally {
      try {
        if (coap != null) {
          coap.close();
        }
      } finally {
        events.close();
      }
    }
  }
}
