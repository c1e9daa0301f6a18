package io.flowchain.net;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A man in the middle for tests: accepts WebSocket connections (with its own TLS certificate, or
 * none) and relays every text frame, both ways, to the same path at {@code target}.
 */
final class Relay implements AutoCloseable {
  private final Server server = new Server();
  private final WebSocketClient client;
  private final ServerConnector connector;
  private final String target;

  Relay(String target, TlsIdentity tls) throws Exception {
    this.target = target;
    if (tls == null) {
      connector = new ServerConnector(server);
    } else {
      SslContextFactory.Server ssl = new SslContextFactory.Server();
      ssl.setKeyStore(tls.keyStore());
      ssl.setKeyStorePassword(tls.password());
      HttpConfiguration https = new HttpConfiguration();
      https.addCustomizer(new SecureRequestCustomizer(false, -1, false));
      connector =
          new ServerConnector(
              server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
    }
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    server.setHandler(
        WebSocketUpgradeHandler.from(
            server,
            c -> c.addMapping("/*", (req, resp, cb) -> new Front(req.getHttpURI().getPath()))));
    server.start();
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {new ServerCertificates()}, null);
    SslContextFactory.Client ssl = new SslContextFactory.Client();
    ssl.setSslContext(context);
    ssl.setEndpointIdentificationAlgorithm(null);
    ClientConnector cc = new ClientConnector();
    cc.setSslContextFactory(ssl);
    client = new WebSocketClient(new HttpClient(new HttpClientTransportOverHTTP(cc)));
    client.start();
  }

  String address(String scheme) {
    return scheme + "://127.0.0.1:" + connector.getLocalPort();
  }

  /** The side facing the dialler. */
  public final class Front implements Session.Listener.AutoDemanding {
    private final String path;
    private final CompletableFuture<Session> back = new CompletableFuture<>();
    private Session front;

    Front(String path) {
      this.path = path;
    }

    @Override
    public void onWebSocketOpen(Session session) {
      front = session;
      try {
        client
            .connect(new Back(this), URI.create(target + path))
            .whenComplete(
                (s, e) -> {
                  if (e != null) {
                    front.close();
                  } else {
                    back.complete(s);
                  }
                });
      } catch (Exception e) {
        front.close();
      }
    }

    @Override
    public void onWebSocketText(String text) {
      try {
        back.get(5, TimeUnit.SECONDS).sendText(text, Callback.NOOP);
      } catch (Exception e) {
        front.close();
      }
    }

    @Override
    public void onWebSocketClose(int status, String reason, Callback callback) {
      callback.succeed();
      back.thenAccept(Session::close);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
      back.thenAccept(Session::close);
    }
  }

  /** The side facing the real node. */
  public final class Back implements Session.Listener.AutoDemanding {
    private final Front front;

    Back(Front front) {
      this.front = front;
    }

    @Override
    public void onWebSocketText(String text) {
      front.front.sendText(text, Callback.NOOP);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
      front.front.close();
    }

    @Override
    public void onWebSocketClose(int status, String reason, Callback callback) {
      callback.succeed();
      front.front.close();
    }
  }

  @Override
  public void close() {
    try {
      client.stop();
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
