package io.flowchain.net;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/** A bare WebSocket client for tests: sends whatever it is told, records what comes back. */
final class RawWebSocket implements AutoCloseable {
  private final WebSocketClient client = new WebSocketClient();
  final BlockingQueue<String> received = new LinkedBlockingQueue<>();
  final CompletableFuture<Integer> closeStatus = new CompletableFuture<>();
  private final Session session;

  /** The listener must be public for Jetty. */
  public final class Listener implements Session.Listener.AutoDemanding {
    @Override
    public void onWebSocketText(String text) {
      received.add(text);
    }

    @Override
    public void onWebSocketClose(int status, String reason, Callback callback) {
      callback.succeed();
      closeStatus.complete(status);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
      closeStatus.complete(-1);
    }
  }

  RawWebSocket(URI uri) throws Exception {
    client.setMaxTextMessageSize(4 * 1024 * 1024);
    client.setIdleTimeout(Duration.ofSeconds(30));
    client.start();
    session = client.connect(new Listener(), uri).get(5, TimeUnit.SECONDS);
  }

  void send(String text) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    session.sendText(text, Callback.from(() -> done.complete(null), done::completeExceptionally));
    done.get(5, TimeUnit.SECONDS);
  }

  void sendBinary(byte[] bytes) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    session.sendBinary(
        ByteBuffer.wrap(bytes),
        Callback.from(() -> done.complete(null), done::completeExceptionally));
    done.get(5, TimeUnit.SECONDS);
  }

  /** The next text frame, waiting up to 5 s. */
  String next() throws InterruptedException {
    String s = received.poll(5, TimeUnit.SECONDS);
    if (s == null) {
      throw new AssertionError("no frame within 5 s");
    }
    return s;
  }

  /** The close status, waiting up to 5 s. */
  int awaitClose() throws Exception {
    return closeStatus.get(5, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    try {
      client.stop();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
