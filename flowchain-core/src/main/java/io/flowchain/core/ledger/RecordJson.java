package io.flowchain.core.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowchain.core.crypto.Signature;
import io.flowchain.core.types.Bytes;
import io.flowchain.core.types.Hash;
import io.flowchain.core.types.Key;
import io.flowchain.core.types.NodeId;
import io.flowchain.core.types.TxId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Records as JSON-LD documents with the project's {@code @context}, shipped in the jar ({@link
 * #contextDocument()}) so nothing is fetched at run time. A textual payload (text/*, JSON, XML)
 * that is valid UTF-8 is written as a string; any other payload as base64 with {@code
 * "payloadEncoding":"base64"}. Parsing is strict: unknown fields and wrong types are rejected.
 */
public final class RecordJson {
  /** The {@code @context} IRI records carry; resolved to {@link #contextDocument()} locally. */
  public static final String CONTEXT = "https://flowchain.io/contexts/ledger-v1.jsonld";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FIELDS =
      Set.of(
          "@context",
          "@type",
          "txID",
          "dataKey",
          "objectId",
          "timestamp",
          "salt",
          "recordedAt",
          "blockNo",
          "blockHash",
          "recorder",
          "contentType",
          "payload",
          "payloadEncoding",
          "signature");

  private RecordJson() {}

  public static ObjectNode toJson(Record r) {
    ObjectNode n = JSON.createObjectNode();
    Submission s = r.submission();
    n.put("@context", CONTEXT);
    n.put("@type", "Record");
    n.put("txID", r.txId().toHex());
    n.put("dataKey", r.dataKey().toHex());
    n.put("objectId", s.objectId());
    n.put("timestamp", s.timestamp());
    n.put("salt", s.salt().toHex());
    n.put("recordedAt", r.recordedAt());
    n.put("blockNo", r.blockNo());
    n.put("blockHash", r.blockHash().toHex());
    n.put("recorder", r.recorder().toHex());
    n.put("contentType", s.contentType());
    String text = isTextual(s.contentType()) ? utf8OrNull(s.payload().toByteArray()) : null;
    if (text != null) {
      n.put("payload", text);
    } else {
      n.put("payload", s.payload().toBase64());
      n.put("payloadEncoding", "base64");
    }
    n.put("signature", r.signature().toHex());
    return n;
  }

  public static String toJsonString(Record r) {
    return toJson(r).toString();
  }

  public static Record parse(String json) {
    try {
      return fromJson(JSON.readTree(json));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("record is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  public static Record fromJson(JsonNode n) {
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("record must be a JSON object");
    }
    n.fieldNames()
        .forEachRemaining(
            f -> {
              if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException("record has an unknown field: " + f);
              }
            });
    if (!CONTEXT.equals(text(n, "@context")) || !"Record".equals(text(n, "@type"))) {
      throw new IllegalArgumentException(
          "record must have \"@context\": \"" + CONTEXT + "\" and \"@type\": \"Record\"");
    }
    String encoding = n.has("payloadEncoding") ? text(n, "payloadEncoding") : null;
    Bytes payload;
    if (encoding == null) {
      payload = Bytes.utf8(text(n, "payload"));
    } else if (encoding.equals("base64")) {
      payload = Bytes.parseBase64(text(n, "payload"));
    } else {
      throw new IllegalArgumentException("unknown payloadEncoding: " + encoding);
    }
    Submission s =
        new Submission(
            text(n, "objectId"),
            text(n, "contentType"),
            payload,
            number(n, "timestamp"),
            Bytes.parseHex(text(n, "salt")));
    return new Record(
        TxId.parse(text(n, "txID")),
        Key.parse(text(n, "dataKey")),
        s,
        number(n, "recordedAt"),
        number(n, "blockNo"),
        Hash.parse(text(n, "blockHash")),
        NodeId.parse(text(n, "recorder")),
        Signature.parse(text(n, "signature")));
  }

  /** The JSON-LD context document that {@link #CONTEXT} names. */
  public static String contextDocument() {
    try (InputStream in = RecordJson.class.getResourceAsStream("ledger-context.jsonld")) {
      if (in == null) {
        throw new IllegalStateException("ledger-context.jsonld is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean isTextual(String contentType) {
    String base = contentType.split(";", 2)[0].trim();
    return base.startsWith("text/")
        || base.equals("application/json")
        || base.endsWith("+json")
        || base.equals("application/ld+json")
        || base.equals("application/xml")
        || base.endsWith("+xml");
  }

  private static String utf8OrNull(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("record field \"" + field + "\" must be a string");
    }
    return v.asText();
  }

  private static long number(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new IllegalArgumentException("record field \"" + field + "\" must be an integer");
    }
    return v.asLong();
  }
}
