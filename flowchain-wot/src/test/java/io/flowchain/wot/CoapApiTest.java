package io.flowchain.wot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The CoAP resources, with Californium's client. */
class CoapApiTest {
  private static WotFixture f;

  @BeforeAll
  static void start() {
    f = new WotFixture();
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  private static CoapClient client(String path) {
    CoapClient c = new CoapClient(f.server.endpoints().coap() + path);
    c.setTimeout(10_000L);
    return c;
  }

  private static JsonNode json(CoapResponse r) throws Exception {
    return WotJson.MAPPER.readTree(r.getResponseText());
  }

  @Test
  void theThingDescriptionIsServedBlockwise() throws Exception {
    CoapClient c = client("/.well-known/wot");
    try {
      CoapResponse r = c.get();
      assertThat(r.getCode()).isEqualTo(ResponseCode.CONTENT);
      assertThat(r.getOptions().getContentFormat())
          .isEqualTo(MediaTypeRegistry.APPLICATION_TD_JSON);
      assertThat(r.getPayload().length).isGreaterThan(1024);
      assertThat(json(r).get("id").asText()).endsWith(f.node.info().nodeId());
    } finally {
      c.shutdown();
    }
  }

  @Test
  void aDeviceSendsAndAnObserverOfItsViewerSeesTheRecord() throws Exception {
    CoapClient viewer = client("/object/coap-dev/viewer");
    CoapClient send = client("/object/coap-dev/send");
    LinkedBlockingQueue<String> seen = new LinkedBlockingQueue<>();
    CoapObserveRelation relation =
        viewer.observeAndWait(
            new CoapHandler() {
              @Override
              public void onLoad(CoapResponse response) {
                if (response.getPayload().length > 0) {
                  seen.add(response.getResponseText());
                }
              }

              @Override
              public void onError() {}
            });
    try {
      CoapResponse r = send.post("{\"humidity\":40}", MediaTypeRegistry.APPLICATION_JSON);
      assertThat(r.getCode()).isEqualTo(ResponseCode.CREATED);
      String txId = json(r).get("txID").asText();
      String m = seen.poll(10, TimeUnit.SECONDS);
      assertThat(m).isNotNull();
      JsonNode viewed = WotJson.MAPPER.readTree(m);
      assertThat(viewed.get("receipt").get("txID").asText()).isEqualTo(txId);
      assertThat(f.get("/api/records/" + txId).statusCode()).isEqualTo(200);

      CoapResponse status = client("/object/coap-dev/status").get();
      assertThat(json(status).get("readings").asLong()).isEqualTo(1);
      assertThat(json(status).get("bindings").toString()).contains("coap");
    } finally {
      relation.proactiveCancel();
      viewer.shutdown();
      send.shutdown();
    }
  }

  @Test
  void propertiesActionsAndEventsAnswer() throws Exception {
    assertThat(json(client("/properties/nodeId").get()).asText()).isEqualTo(f.node.info().nodeId());
    assertThat(client("/properties/balance").get().getCode())
        .isEqualTo(ResponseCode.NOT_IMPLEMENTED);
    CoapResponse out =
        client("/actions/submit")
            .post("{\"objectId\":\"coap-act\",\"data\":[1,2]}", MediaTypeRegistry.APPLICATION_JSON);
    assertThat(out.getCode()).isEqualTo(ResponseCode.CHANGED);
    assertThat(json(out).get("record").get("payload").asText()).isEqualTo("[1,2]");

    LinkedBlockingQueue<String> blocks = new LinkedBlockingQueue<>();
    CoapClient events = client("/events/blockMined");
    CoapObserveRelation rel =
        events.observeAndWait(
            new CoapHandler() {
              @Override
              public void onLoad(CoapResponse response) {
                if (response.getPayload().length > 0) {
                  blocks.add(response.getResponseText());
                }
              }

              @Override
              public void onError() {}
            });
    try {
      long no = f.node.mineBlock().no();
      String m = blocks.poll(10, TimeUnit.SECONDS);
      assertThat(m).isNotNull();
      assertThat(WotJson.MAPPER.readTree(m).get("no").asLong()).isEqualTo(no);
    } finally {
      rel.proactiveCancel();
      events.shutdown();
    }
  }

  @Test
  void badInputGetsA4xxAndChangesNothing() throws Exception {
    long before = f.node.recordCount();
    assertThat(client("/object/-bad/send").post("{}", MediaTypeRegistry.APPLICATION_JSON).getCode())
        .isEqualTo(ResponseCode.BAD_REQUEST);
    CoapResponse malformed =
        client("/object/ok-dev/send").post("{\"a\":", MediaTypeRegistry.APPLICATION_JSON);
    assertThat(malformed.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
    assertThat(json(malformed).get("detail").asText()).contains("JSON");
    assertThat(client("/object/ok-dev/send").post("x", MediaTypeRegistry.TEXT_PLAIN).getCode())
        .isEqualTo(ResponseCode.UNSUPPORTED_CONTENT_FORMAT);
    assertThat(client("/object/ok-dev/send").get().getCode())
        .isEqualTo(ResponseCode.METHOD_NOT_ALLOWED);
    assertThat(client("/properties/colour").get().getCode()).isEqualTo(ResponseCode.NOT_FOUND);
    assertThat(client("/things/never-here").get().getCode()).isEqualTo(ResponseCode.NOT_FOUND);
    assertThat(f.node.recordCount()).isEqualTo(before);
  }
}
