package io.flowchain.wot.td;

/**
 * The base URLs a node's Web of Things layer is reachable at.
 *
 * @param http {@code http://host:port}
 * @param ws {@code ws://host:port} (the same server)
 * @param coap {@code coap://host:port}, or null without a CoAP server
 */
public record Endpoints(String http, String ws, String coap) {
  public Endpoints {
    if (http == null || ws == null) {
      throw new IllegalArgumentException("the HTTP and WebSocket bases are required");
    }
  }

  /** The bases of {@code host}, its HTTP port and its CoAP port (negative: none). */
  public static Endpoints of(String host, int httpPort, int coapPort) {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return new Endpoints(
        "http://" + h + ":" + httpPort,
        "ws://" + h + ":" + httpPort,
        coapPort < 0 ? null : "coap://" + h + ":" + coapPort);
  }

  /** The node's Thing Description URL. */
  public String nodeTd() {
    return http + "/.well-known/wot";
  }
}
