package io.flowchain.net;

import java.nio.ByteBuffer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * Jetty's view of one WebSocket connection of this package. Jetty calls listeners through public
 * method handles, so this adapter is public; what it forwards to is not.
 */
public final class WsListener implements Session.Listener.AutoDemanding {
  /** The events of one connection, in the order Jetty delivers them. */
  interface Events {
    void open(Session session);

    void text(String text);

    void binary();

    void error(Throwable cause);

    void closed(int status, String reason);
  }

  private final Events events;

  WsListener(Events events) {
    this.events = events;
  }

  @Override
  public void onWebSocketOpen(Session session) {
    events.open(session);
  }

  @Override
  public void onWebSocketText(String text) {
    events.text(text);
  }

  @Override
  public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
    callback.succeed();
    events.binary();
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    events.error(cause);
  }

  @Override
  public void onWebSocketClose(int status, String reason, Callback callback) {
    callback.succeed();
    events.closed(status, reason);
  }
}
