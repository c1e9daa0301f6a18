package io.flowchain.net;

import java.net.Socket;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The client-side TLS trust of the {@code wss} binding: accepts any server certificate (the
 * membership handshake authenticates the node, bound to this very certificate) and remembers, per
 * {@code host:port}, the SHA-256 of the certificate the server presented, for the handshake's
 * channel binding.
 */
final class ServerCertificates extends X509ExtendedTrustManager {
  private final Map<String, byte[]> seen = new ConcurrentHashMap<>();

  static String key(String host, int port) {
    String h =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    return h.toLowerCase(Locale.ROOT) + ":" + port;
  }

  /** The hash of the certificate last presented by {@code host:port}, or null. */
  byte[] seen(String host, int port) {
    return seen.get(key(host, port));
  }

  private void record(X509Certificate[] chain, String host, int port) {
    if (chain == null || chain.length == 0) {
      throw new IllegalArgumentException("the server presented no certificate");
    }
    if (host != null && port > 0) {
      seen.put(key(host, port), TlsIdentity.hash(chain[0]));
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
    record(chain, engine.getPeerHost(), engine.getPeerPort());
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
    record(chain, socket.getInetAddress().getHostAddress(), socket.getPort());
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) {
    record(chain, null, 0);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
    throw new UnsupportedOperationException("client side only");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
    throw new UnsupportedOperationException("client side only");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) {
    throw new UnsupportedOperationException("client side only");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
