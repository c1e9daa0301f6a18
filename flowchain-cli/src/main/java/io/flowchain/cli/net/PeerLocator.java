package io.flowchain.cli.net;

import io.flowchain.core.types.NodeId;
import io.flowchain.dht.Peer;
import io.flowchain.net.Address;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what a person types for a node ({@code HOST:PORT}, {@code ws://HOST:PORT}, or {@code
 * NODEID@ws://HOST:PORT}) into the {@link Peer} the ring knows: its node id and its address.
 *
 * <p>A node is reached at {@code /node/{id}/receive}, and the dialling side checks, in the
 * membership handshake, that the node it reached is the id it addressed (docs/network.md). When
 * only the host and port are given, the id is asked of the node itself: a WebSocket connection to
 * {@code /node} is refused by the node (code 404) with the path of its endpoint, {@code
 * /node/{id}/receive}, which gives the id. That answer is only a hint: every later connection is
 * authenticated by the handshake, which fails unless the node proves it holds the key of that id
 * and a membership certificate of the network.
 */
public final class PeerLocator {
  private static final Pattern WITH_ID = Pattern.compile("([0-9a-f]{40})@(.+)");
  private static final Pattern ENDPOINT = Pattern.compile("/node/([0-9a-f]{40})/receive");

  private PeerLocator() {}

  /**
   * The address a person means by {@code text}: a bare {@code HOST:PORT} is a WebSocket address.
   */
  public static Address address(String text) {
    String t = text.trim();
    if (!t.contains("://")) {
      t = "ws://" + t;
    }
    try {
      return Address.parse(t);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "not a node address (HOST:PORT, ws://HOST:PORT or NODEID@ws://HOST:PORT): " + text);
    }
  }

  /**
   * The peer {@code text} names, asking the node for its id unless the text gives it.
   *
   * @throws IllegalArgumentException if the text is not an address, or the node cannot be asked
   */
  public static Peer locate(String text, Duration timeout) {
    Matcher m = WITH_ID.matcher(text.trim());
    if (m.matches()) {
      return new Peer(NodeId.parse(m.group(1)), address(m.group(2)).toString());
    }
    Address a = address(text);
    if (!Address.WS.equals(a.scheme())) {
      throw new IllegalArgumentException(
          "for a "
              + a.scheme()
              + ":// node give its id as well: NODEID@"
              + a
              + " (the id is printed by 'flowchain node start')");
    }
    return new Peer(askId(a, timeout), a.toString());
  }

  /**
   * Asks the node at {@code a} for its id, trying again every half second while nothing listens
   * there (a node started at the same time as this one may still be opening its port), for up to
   * {@code timeout}.
   */
  private static NodeId askId(Address a, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        return askOnce(a, timeout);
      } catch (Unreachable e) {
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalArgumentException(
              "cannot reach a node at " + a + " within " + timeout.toSeconds() + " s: " + e.cause,
              e);
        }
        try {
          Thread.sleep(500);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while asking " + a + " for its id", ie);
        }
      }
    }
  }

  /** Nothing answered at the address. */
  private static final class Unreachable extends Exception {
    private static final long serialVersionUID = 1L;
    final Object cause;

    Unreachable(Object cause) {
      super(String.valueOf(cause), null, false, false);
      this.cause = cause;
    }
  }

  private static NodeId askOnce(Address a, Duration timeout) throws Unreachable {
    URI uri = URI.create("ws://" + a.uriHost() + ":" + a.port() + "/node");
    CompletableFuture<String> refusal = new CompletableFuture<>();
    HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
    WebSocket socket = null;
    try {
      socket =
          http.newWebSocketBuilder()
              .connectTimeout(timeout)
              .buildAsync(
                  uri,
                  new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(
                        WebSocket ws, CharSequence data, boolean last) {
                      text.append(data);
                      if (last) {
                        refusal.complete(text.toString());
                      }
                      ws.request(1);
                      return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
                      refusal.complete("");
                      return null;
                    }

                    @Override
                    public void onError(WebSocket ws, Throwable error) {
                      refusal.completeExceptionally(error);
                    }
                  })
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      String answer = refusal.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      Matcher m = ENDPOINT.matcher(answer);
      if (!m.find()) {
        throw new IllegalArgumentException(
            a + " did not say which node it is; give its id: NODEID@" + a);
      }
      return NodeId.parse(m.group(1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking " + a + " for its id", e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new Unreachable(cause == null ? e : cause);
    } finally {
      if (socket != null) {
        socket.abort();
      }
    }
  }
}
