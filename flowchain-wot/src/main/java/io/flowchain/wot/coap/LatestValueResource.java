package io.flowchain.wot.coap;

import io.flowchain.wot.broker.RateLimits;
import java.util.function.Supplier;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.server.resources.CoapExchange;

/**
 * An observable resource whose state is the latest message of a stream (an event, a record of a
 * viewer, a presence change): a GET answers the latest (or {@code initial} before the first), and
 * observers are notified of each new one. Observe gives the latest state, so a client that is
 * slower than the stream may miss messages in between (RFC 7641 §1.3); the WebSocket viewer gets
 * every one.
 */
class LatestValueResource extends JsonResource {
  private final Supplier<String> initial;
  private volatile String latest;

  LatestValueResource(String name, RateLimits limits, Supplier<String> initial) {
    super(name, limits);
    this.initial = initial;
    setObservable(true);
    setObserveType(Type.CON);
    getAttributes().setObservable();
  }

  /** A new message: observers are told. */
  void publish(String message) {
    latest = message;
    changed();
  }

  @Override
  public void handleGET(CoapExchange ex) {
    String m = latest;
    if (m == null) {
      m = initial.get();
    }
    if (m == null) {
      ex.respond(ResponseCode.CONTENT);
      return;
    }
    json(ex, ResponseCode.CONTENT, m);
  }
}
