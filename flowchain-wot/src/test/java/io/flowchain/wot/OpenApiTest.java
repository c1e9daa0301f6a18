package io.flowchain.wot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowchain.wot.http.HttpOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OpenAPI document the node serves lists exactly the HTTP routes it has. */
class OpenApiTest {
  @Test
  void theDocumentMatchesTheRoutesWithoutMetrics() {
    try (WotFixture f = new WotFixture()) {
      assertThat(documented(f)).containsExactlyInAnyOrderElementsOf(f.server.httpRoutes());
      assertThat(documented(f)).doesNotContain("GET /metrics");
    }
  }

  @Test
  void theDocumentMatchesTheRoutesWithMetrics() {
    try (WotFixture f =
        new WotFixture(
            WotConfig.defaults(0, -1),
            new HttpOptions(null, () -> new HttpOptions.Metrics("text/plain", "")))) {
      assertThat(documented(f)).containsExactlyInAnyOrderElementsOf(f.server.httpRoutes());
      assertThat(documented(f)).contains("GET /metrics");
      JsonNode doc = WotFixture.json(f.get("/openapi.json"));
      assertThat(doc.get("servers").get(0).get("url").asText())
          .isEqualTo(f.server.endpoints().http());
    }
  }

  private static List<String> documented(WotFixture f) {
    JsonNode doc = WotFixture.json(f.get("/openapi.json"));
    List<String> out = new ArrayList<>();
    doc.get("paths")
        .fields()
        .forEachRemaining(
            p ->
                p.getValue()
                    .fieldNames()
                    .forEachRemaining(m -> out.add(m.toUpperCase() + " " + p.getKey())));
    return out;
  }
}
