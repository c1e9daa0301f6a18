package io.flowchain.wot;

/**
 * Where the Web of Things layer listens and the limits it enforces on every endpoint.
 *
 * @param host the address to listen on (HTTP and CoAP)
 * @param advertisedHost the host name put into Thing Descriptions and the OpenAPI document
 * @param httpPort the HTTP (and WebSocket) port; 0 for any free port
 * @param coapPort the CoAP (UDP) port; 0 for any free port, negative for no CoAP server
 * @param maxBodyBytes the largest request body (HTTP, CoAP) or WebSocket message accepted
 * @param requestsPerSecond requests (or WebSocket messages) one connection may make per second, on
 *     average; HTTP connections are told apart by their TCP connection, CoAP clients by their
 *     address and port
 * @param burst requests one connection may make at once, above the average rate
 * @param maxInFlightPerConnection readings of one WebSocket connection on their way to the ledger
 * @param maxDevices objects (devices) the broker keeps state for
 * @param maxViewersPerObject viewers (and status watchers) of one object at a time
 */
public record WotConfig(
    String host,
    String advertisedHost,
    int httpPort,
    int coapPort,
    int maxBodyBytes,
    double requestsPerSecond,
    int burst,
    int maxInFlightPerConnection,
    int maxDevices,
    int maxViewersPerObject) {

  /** The default body limit: the ledger's largest payload plus room for a JSON envelope. */
  public static final int DEFAULT_MAX_BODY_BYTES = 96 * 1024;

  public WotConfig {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host is required");
    }
    if (advertisedHost == null || advertisedHost.isBlank()) {
      advertisedHost = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    }
    if (httpPort < 0 || httpPort > 65535) {
      throw new IllegalArgumentException("HTTP port must be 0..65535: " + httpPort);
    }
    if (coapPort > 65535) {
      throw new IllegalArgumentException("CoAP port must be at most 65535: " + coapPort);
    }
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException("maxBodyBytes must be at least 1024: " + maxBodyBytes);
    }
    if (!(requestsPerSecond > 0) || burst < 1) {
      throw new IllegalArgumentException("the rate limit must be positive");
    }
    if (maxInFlightPerConnection < 1 || maxDevices < 1 || maxViewersPerObject < 1) {
      throw new IllegalArgumentException("connection, device and viewer limits must be positive");
    }
  }

  /**
   * Defaults: 127.0.0.1, the given ports, 96 KiB bodies, 200 requests/s per connection with bursts
   * of 400, 256 readings in flight per WebSocket, 10 000 devices, 64 viewers per object.
   */
  public static WotConfig defaults(int httpPort, int coapPort) {
    return new WotConfig(
        "127.0.0.1", null, httpPort, coapPort, DEFAULT_MAX_BODY_BYTES, 200, 400, 256, 10_000, 64);
  }

  public WotConfig withHost(String newHost) {
    return new WotConfig(
        newHost,
        null,
        httpPort,
        coapPort,
        maxBodyBytes,
        requestsPerSecond,
        burst,
        maxInFlightPerConnection,
        maxDevices,
        maxViewersPerObject);
  }

  public WotConfig withRateLimit(double perSecond, int newBurst) {
    return new WotConfig(
        host,
        advertisedHost,
        httpPort,
        coapPort,
        maxBodyBytes,
        perSecond,
        newBurst,
        maxInFlightPerConnection,
        maxDevices,
        maxViewersPerObject);
  }

  public WotConfig withMaxDevices(int devices) {
    return new WotConfig(
        host,
        advertisedHost,
        httpPort,
        coapPort,
        maxBodyBytes,
        requestsPerSecond,
        burst,
        maxInFlightPerConnection,
        devices,
        maxViewersPerObject);
  }
}
