package io.flowchain.net;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A peer address: {@code scheme://host:port}, where the scheme names the binding that reaches the
 * peer: {@code ws} (WebSocket), {@code wss} (WebSocket over TLS), {@code coap} (CoAP over UDP) or
 * {@code coaps} (CoAP over DTLS). IPv6 hosts are written in brackets. Nothing else (path, query,
 * user) is allowed.
 */
public record Address(String scheme, String host, int port) {
  public static final String WS = "ws";
  public static final String WSS = "wss";
  public static final String COAP = "coap";
  public static final String COAPS = "coaps";

  public Address {
    if (!(WS.equals(scheme) || WSS.equals(scheme) || COAP.equals(scheme) || COAPS.equals(scheme))) {
      throw new IllegalArgumentException("unknown address scheme: " + scheme);
    }
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("address host is missing");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("address port must be in [1, 65535]: " + port);
    }
  }

  /**
   * Parses {@code scheme://host:port}; throws {@link IllegalArgumentException} if it is not one.
   */
  public static Address parse(String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalArgumentException("not a peer address (scheme://host:port): " + text);
    }
    if (uri.getScheme() == null
        || uri.getHost() == null
        || uri.getPort() < 0
        || uri.getRawUserInfo() != null
        || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("not a peer address (scheme://host:port): " + text);
    }
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new Address(uri.getScheme().toLowerCase(Locale.ROOT), host, uri.getPort());
  }

  /**
   * The scheme of {@code address}, or null if it is not a valid address. Asked for every message a
   * node sends, so the answers for the last few hundred addresses are kept.
   */
  public static String schemeOf(String address) {
    if (address == null) {
      return null;
    }
    String known = SCHEMES.get(address);
    if (known != null) {
      return known.isEmpty() ? null : known;
    }
    String scheme;
    try {
      scheme = parse(address).scheme();
    } catch (IllegalArgumentException e) {
      scheme = null;
    }
    if (SCHEMES.size() >= SCHEME_CACHE_SIZE) {
      SCHEMES.clear(); // bounded whatever addresses peers announce
    }
    SCHEMES.put(address, scheme == null ? "" : scheme);
    return scheme;
  }

  private static final int SCHEME_CACHE_SIZE = 512;
  private static final ConcurrentHashMap<String, String> SCHEMES = new ConcurrentHashMap<>();

  public boolean secure() {
    return WSS.equals(scheme) || COAPS.equals(scheme);
  }

  /** The host as written in a URI (IPv6 in brackets). */
  public String uriHost() {
    return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
  }

  @Override
  public String toString() {
    return scheme + "://" + uriHost() + ":" + port;
  }
}
