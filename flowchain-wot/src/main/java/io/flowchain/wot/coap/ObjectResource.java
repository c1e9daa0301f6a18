package io.flowchain.wot.coap;

import io.flowchain.wot.Problem;
import io.flowchain.wot.WotJson;
import io.flowchain.wot.broker.Broker;
import io.flowchain.wot.broker.RateLimits;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.server.resources.CoapExchange;

/**
 * {@code /object/{id}}: {@code send} (POST a JSON reading; 2.01 with the compact receipt once the
 * ledger acknowledged it), {@code viewer} (observe: each acknowledged reading with its receipt) and
 * {@code status} (GET or observe: the device's presence).
 */
final class ObjectResource extends JsonResource {
  private final Broker.Subscription viewerSub;
  private final Broker.Subscription statusSub;

  ObjectResource(String id, Broker broker, RateLimits limits) {
    super(id, limits);
    add(new SendResource(id, broker, limits));
    LatestValueResource viewer = new LatestValueResource("viewer", limits, () -> null);
    LatestValueResource status =
        new LatestValueResource("status", limits, () -> broker.status(id).toString());
    add(viewer);
    add(status);
    viewerSub = broker.watchRecords(id, viewer::publish);
    statusSub = broker.watchStatus(id, status::publish);
  }

  void release() {
    viewerSub.close();
    statusSub.close();
    delete();
  }

  private static final class SendResource extends JsonResource {
    private final String id;
    private final Broker broker;

    SendResource(String id, Broker broker, RateLimits limits) {
      super("send", limits);
      this.id = id;
      this.broker = broker;
    }

    @Override
    public void handlePOST(CoapExchange ex) {
      requireJson(ex);
      byte[] body = ex.getRequestPayload();
      // no early empty ACK: the receipt usually comes well within the ACK timeout and rides on
      // the ACK (one datagram each way); a client that retransmits meanwhile gets it all the same
      respondLater(
          ex,
          ResponseCode.CREATED,
          broker
              .send(id, "application/json", body, Broker.COAP)
              .thenApply(WotJson::compactReceipt));
    }

    @Override
    public void handleGET(CoapExchange ex) {
      problem(ex, new Problem(405, "Method not allowed", "POST a JSON reading to send"));
    }
  }
}
