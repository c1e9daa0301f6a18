package io.flowchain.wot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Thing Descriptions the node serves validate against the official TD 1.1 JSON Schema, and
 * every affordance has a form for each binding the node offers.
 */
class ThingDescriptionTest {
  private static JsonSchema schema;

  @BeforeAll
  static void loadSchema() throws Exception {
    try (InputStream in =
        ThingDescriptionTest.class.getResourceAsStream("/wot/td-json-schema-validation.json")) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    }
  }

  static Set<ValidationMessage> problems(JsonNode td) {
    return schema.validate(td);
  }

  @Test
  void theSchemaRejectsABrokenDescription() throws Exception {
    JsonNode broken =
        WotJson.MAPPER.readTree(
            "{\"@context\":\"https://www.w3.org/2022/wot/td/v1.1\",\"title\":\"x\"}");
    assertThat(problems(broken)).isNotEmpty(); // security definitions missing
  }

  @Test
  void theNodesDescriptionIsValidAndOffersEveryBinding() {
    try (WotFixture f = new WotFixture()) {
      f.post("/api/objects/sensor-7/records", "{\"t\":1}");
      var r = f.get("/.well-known/wot");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("content-type")).hasValue("application/td+json");
      JsonNode td = WotFixture.json(r);
      assertThat(problems(td)).isEmpty();
      assertThat(td.get("id").asText()).isEqualTo("urn:flowchain:node:" + f.node.info().nodeId());
      assertThat(td.get("securityDefinitions").get("nosec_sc").get("scheme").asText())
          .isEqualTo("nosec");
      assertThat(fieldNames(td.get("properties")))
          .containsExactlyInAnyOrderElementsOf(Affordances.PROPERTIES);
      assertThat(fieldNames(td.get("actions")))
          .containsExactlyInAnyOrderElementsOf(Affordances.ACTIONS);
      assertThat(fieldNames(td.get("events")))
          .containsExactlyInAnyOrderElementsOf(NodeEventHub.EVENTS);
      td.get("properties").forEach(p -> assertThat(schemes(p)).containsExactly("http", "coap"));
      td.get("actions").forEach(a -> assertThat(schemes(a)).containsExactly("http", "coap"));
      td.get("events").forEach(e -> assertThat(schemes(e)).containsExactly("http", "ws", "coap"));
      assertThat(td.get("links").get(0).get("href").asText()).endsWith("/things/sensor-7");
    }
  }

  @Test
  void aDeviceIsAVirtualThingLinkedToItsNode() {
    try (WotFixture f = new WotFixture()) {
      assertThat(f.get("/things/sensor-8").statusCode()).isEqualTo(404);
      assertThat(f.post("/api/objects/sensor-8/records", "{\"t\":2}").statusCode()).isEqualTo(201);
      var r = f.get("/things/sensor-8");
      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode td = WotFixture.json(r);
      assertThat(problems(td)).isEmpty();
      assertThat(td.get("id").asText()).isEqualTo("urn:flowchain:object:sensor-8");
      assertThat(td.get("links").get(0).get("href").asText())
          .isEqualTo(f.server.endpoints().nodeTd());
      assertThat(td.get("links").get(0).get("rel").asText()).isEqualTo("collection");
      assertThat(schemes(td.get("actions").get("send"))).containsExactly("http", "ws", "coap");
      assertThat(schemes(td.get("events").get("reading"))).containsExactly("http", "ws", "coap");
      assertThat(td.get("actions").get("send").get("forms").get(1).get("href").asText())
          .isEqualTo(f.server.endpoints().ws() + "/object/sensor-8/send");
      assertThat(WotFixture.json(f.get("/things"))).hasSize(2);
    }
  }

  @Test
  void withoutCoapTheDescriptionOffersNoCoapForms() {
    try (WotFixture f =
        new WotFixture(WotConfig.defaults(0, -1), io.flowchain.wot.http.HttpOptions.defaults())) {
      JsonNode td = WotFixture.json(f.get("/.well-known/wot"));
      assertThat(problems(td)).isEmpty();
      assertThat(td.toString()).doesNotContain("coap://");
      assertThat(f.server.coapPort()).isEqualTo(-1);
    }
  }

  private static java.util.List<String> fieldNames(JsonNode n) {
    java.util.List<String> out = new java.util.ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static java.util.List<String> schemes(JsonNode affordance) {
    java.util.List<String> out = new java.util.ArrayList<>();
    affordance.get("forms").forEach(f -> out.add(f.get("href").asText().split(":", 2)[0]));
    return out;
  }
}
