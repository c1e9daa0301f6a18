package io.flowchain.net.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Strict reading of the project's JSON objects: no duplicate or unknown fields, exact types,
 * lower-case hex, canonical base64, integers that fit. Every failure is a {@link WireException}
 * naming the field.
 */
public final class StrictJson {
  static final ObjectMapper MAPPER =
      new ObjectMapper(
              JsonFactory.builder()
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(16)
                          .maxNumberLength(32)
                          .build())
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

  private static final Pattern LOWER_HEX = Pattern.compile("[0-9a-f]*");

  private StrictJson() {}

  /** Parses one JSON object. */
  public static JsonNode parseObject(String text, String what) {
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new WireException(what + " is not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new WireException(what + " must be a JSON object");
    }
    return node;
  }

  /**
   * Checks that {@code node} is an object with exactly the fields {@code required} plus any of
   * {@code optional}.
   */
  public static void fields(
      JsonNode node, String what, Set<String> required, Set<String> optional) {
    if (node == null || !node.isObject()) {
      throw new WireException(what + " must be a JSON object");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!required.contains(f) && !optional.contains(f)) {
        throw new WireException(what + " has an unknown field \"" + f + "\"");
      }
    }
    for (String f : required) {
      if (!node.has(f)) {
        throw new WireException(what + " is missing the field \"" + f + "\"");
      }
    }
  }

  public static String text(JsonNode parent, String field, String what) {
    JsonNode n = parent.get(field);
    if (n == null || !n.isTextual()) {
      throw new WireException(what + "." + field + " must be a string");
    }
    return n.textValue();
  }

  public static long int64(JsonNode parent, String field, String what) {
    JsonNode n = parent.get(field);
    if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
      throw new WireException(
          what + "." + field + " must be an integer in the signed 64-bit range");
    }
    return n.longValue();
  }

  /** An integer in [min, max]. */
  public static long integer(JsonNode parent, String field, String what, long min, long max) {
    long v = int64(parent, field, what);
    if (v < min || v > max) {
      throw new WireException(what + "." + field + " must be in [" + min + ", " + max + "]: " + v);
    }
    return v;
  }

  public static boolean bool(JsonNode parent, String field, String what) {
    JsonNode n = parent.get(field);
    if (n == null || !n.isBoolean()) {
      throw new WireException(what + "." + field + " must be true or false");
    }
    return n.booleanValue();
  }

  /** Lower-case hex of exactly {@code size} bytes. */
  public static byte[] hex(JsonNode parent, String field, String what, int size) {
    String s = text(parent, field, what);
    if (s.length() != 2 * size || !LOWER_HEX.matcher(s).matches()) {
      throw new WireException(
          what + "." + field + " must be " + 2 * size + " lower-case hex digits");
    }
    return io.flowchain.core.types.Hex.decode(s);
  }

  /** Standard base64 with padding (RFC 4648 §4), in its one canonical spelling. */
  public static byte[] base64(JsonNode parent, String field, String what) {
    String s = text(parent, field, what);
    byte[] out;
    try {
      out = Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw new WireException(what + "." + field + " is not valid base64: " + e.getMessage());
    }
    if (!Base64.getEncoder().encodeToString(out).equals(s)) {
      throw new WireException(what + "." + field + " is not canonical padded base64");
    }
    return out;
  }

  public static JsonNode array(JsonNode parent, String field, String what, int maxSize) {
    JsonNode n = parent.get(field);
    if (n == null || !n.isArray()) {
      throw new WireException(what + "." + field + " must be an array");
    }
    if (n.size() > maxSize) {
      throw new WireException(
          what + "." + field + " has " + n.size() + " entries, at most " + maxSize + " allowed");
    }
    return n;
  }
}
