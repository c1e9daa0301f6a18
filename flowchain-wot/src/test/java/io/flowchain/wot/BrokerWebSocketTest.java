package io.flowchain.wot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowchain.wot.http.HttpOptions;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A device on {@code /object/{id}/send}, its viewers and its status watchers, over WebSocket. */
class BrokerWebSocketTest {
  @Test
  void readingsGoThroughTheLedgerToTheViewersWithTheirReceipts() throws Exception {
    try (WotFixture f = new WotFixture();
        WsClient status = new WsClient(f.server.endpoints().ws() + "/object/thermo-1/status");
        WsClient viewer = new WsClient(f.server.endpoints().ws() + "/object/thermo-1/viewer");
        WsClient other = new WsClient(f.server.endpoints().ws() + "/object/thermo-2/viewer")) {
      assertThat(status.next().get("online").asBoolean()).isFalse();
      try (WsClient device = new WsClient(f.server.endpoints().ws() + "/object/thermo-1/send")) {
        JsonNode online = status.next();
        assertThat(online.get("online").asBoolean()).isTrue();
        assertThat(online.get("connections").asInt()).isEqualTo(1);
        assertThat(f.get("/things/thermo-1").statusCode()).isEqualTo(200);

        Set<String> acknowledged = new HashSet<>();
        for (int i = 0; i < 3; i++) {
          device.send("{\"temperature\":" + (20 + i) + "}");
        }
        for (int i = 0; i < 3; i++) {
          JsonNode receipt = device.next();
          assertThat(receipt.get("type").asText()).isEqualTo("receipt");
          assertThat(receipt.get("n").asLong()).isBetween(1L, 3L);
          acknowledged.add(receipt.get("txID").asText());
        }
        Set<String> viewed = new HashSet<>();
        for (int i = 0; i < 3; i++) {
          JsonNode m = viewer.next();
          assertThat(m.get("type").asText()).isEqualTo("record");
          assertThat(m.get("record").get("objectId").asText()).isEqualTo("thermo-1");
          assertThat(m.get("receipt").get("txID").asText())
              .isEqualTo(m.get("record").get("txID").asText());
          viewed.add(m.get("record").get("txID").asText());
        }
        assertThat(viewed).isEqualTo(acknowledged);
        for (String tx : acknowledged) {
          assertThat(f.get("/api/records/" + tx).statusCode()).isEqualTo(200);
        }
        assertThat(other.messages).isEmpty();

        long before = f.node.recordCount();
        device.send("{\"temperature\":");
        JsonNode error = device.next();
        assertThat(error.get("type").asText()).isEqualTo("error");
        assertThat(error.get("status").asInt()).isEqualTo(400);
        assertThat(error.get("n").asLong()).isEqualTo(4);
        device.socket.sendBinary(java.nio.ByteBuffer.wrap(new byte[] {1}), true).join();
        assertThat(device.next().get("status").asInt()).isEqualTo(415);
        assertThat(f.node.recordCount()).isEqualTo(before);
      }
      JsonNode offline = status.next();
      assertThat(offline.get("online").asBoolean()).isFalse();
      assertThat(offline.get("readings").asLong()).isEqualTo(3);
    }
  }

  @Test
  void aBadObjectIdIsRefusedBeforeTheUpgrade() {
    try (WotFixture f = new WotFixture()) {
      assertThatThrownBy(() -> new WsClient(f.server.endpoints().ws() + "/object/-bad/send"))
          .hasStackTraceContaining("400");
      assertThatThrownBy(() -> new WsClient(f.server.endpoints().ws() + "/events/nothing"))
          .hasStackTraceContaining("404");
    }
  }

  @Test
  void aDeviceOverItsRateGetsAnErrorPerReadingAndNothingIsRecorded() throws Exception {
    try (WotFixture f =
            new WotFixture(
                WotConfig.defaults(0, -1).withRateLimit(0.01, 2), HttpOptions.defaults());
        WsClient device = new WsClient(f.server.endpoints().ws() + "/object/fast-1/send")) {
      for (int i = 0; i < 3; i++) {
        device.send("{\"i\":" + i + "}");
      }
      int receipts = 0;
      int refused = 0;
      for (int i = 0; i < 3; i++) {
        JsonNode m = device.next();
        if (m.get("type").asText().equals("receipt")) {
          receipts++;
        } else {
          assertThat(m.get("status").asInt()).isEqualTo(429);
          assertThat(m.get("n").asLong()).isEqualTo(3);
          refused++;
        }
      }
      assertThat(receipts).isEqualTo(2);
      assertThat(refused).isEqualTo(1);
      await().atMost(Duration.ofSeconds(10)).until(() -> f.node.recordCount() == 2);
    }
  }

  @Test
  void nodeEventsReachWebSocketSubscribers() throws Exception {
    try (WotFixture f = new WotFixture();
        WsClient blocks = new WsClient(f.server.endpoints().ws() + "/events/blockMined");
        WsClient records = new WsClient(f.server.endpoints().ws() + "/events/recordRecorded")) {
      long no = f.node.mineBlock().no();
      assertThat(blocks.next().get("no").asLong()).isEqualTo(no);
      JsonNode s = WotFixture.json(f.post("/api/objects/ev-1/records", "{\"x\":1}"));
      assertThat(records.next().get("txID").asText())
          .isEqualTo(s.get("record").get("txID").asText());
    }
  }
}
