package io.flowchain.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.apicatalog.jsonld.JsonLd;
import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.loader.DocumentLoader;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Records are valid JSON-LD under the shipped context, expanded without any network access. */
class JsonLdTest {
  private static final String FC = "https://flowchain.io/ns/ledger#";

  /** Serves only the project's context; any other URL fails the test instead of going online. */
  private static final DocumentLoader LOCAL_ONLY =
      (url, options) -> {
        if (!url.toString().equals(RecordJson.CONTEXT)) {
          throw new JsonLdError(JsonLdErrorCode.LOADING_DOCUMENT_FAILED, "offline: " + url);
        }
        return JsonDocument.of(
            new ByteArrayInputStream(
                RecordJson.contextDocument().getBytes(StandardCharsets.UTF_8)));
      };

  @Test
  void aRecordExpandsWithTheShippedContext() throws Exception {
    Fixture f = new Fixture(31, ValidBlockPolicy.mru());
    f.miner.tick();
    Record r = f.ledger.record(f.reading("sensor-1", 21.5)).join();
    String json = RecordJson.toJsonString(r);

    JsonArray expanded =
        JsonLd.expand(
                JsonDocument.of(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
            .loader(LOCAL_ONLY)
            .get();

    assertThat(expanded).hasSize(1);
    JsonObject node = expanded.getJsonObject(0);
    assertThat(node.getJsonArray("@type").getString(0)).isEqualTo(FC + "Record");
    JsonObject txId = node.getJsonArray(FC + "txID").getJsonObject(0);
    assertThat(txId.getString("@value")).isEqualTo(r.txId().toHex());
    assertThat(txId.getString("@type")).isEqualTo("http://www.w3.org/2001/XMLSchema#hexBinary");
    assertThat(node.getJsonArray(FC + "objectId").getJsonObject(0).getString("@value"))
        .isEqualTo("sensor-1");
    // every field of the record is a term of the context: nothing is dropped by expansion
    int fields = RecordJson.toJson(r).size() - 2; // minus @context and @type
    assertThat(node.keySet().stream().filter(k -> k.startsWith(FC)).count()).isEqualTo(fields);
  }
}
