package io.flowchain.wot.broker;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.flowchain.core.ledger.Submission;
import io.flowchain.wot.Problem;
import java.io.IOException;
import java.util.Locale;

/** Checks of what devices and clients send, before anything reaches the ledger. */
public final class Readings {
  /** The content type of device readings. */
  public static final String JSON = "application/json";

  private static final ObjectMapper STRICT =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();

  private Readings() {}

  /** The object id, checked: 400 unless it is well formed. */
  public static String objectId(String id) {
    try {
      Submission.checkObjectId(id);
      return id;
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest(e.getMessage());
    }
  }

  /**
   * The media type of a body ({@code Content-Type} without parameters, lower case): 415 if it is
   * missing or is not one the ledger takes.
   */
  public static String contentType(String header) {
    if (header == null || header.isBlank()) {
      throw Problem.unsupportedMediaType("a Content-Type is required (for readings: " + JSON + ")");
    }
    String type = header.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!type.matches("[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*")
        || type.length() > 128) {
      throw Problem.unsupportedMediaType("not a media type: " + header);
    }
    return type;
  }

  /** Whether a media type is JSON ({@code application/json} or {@code +json}). */
  public static boolean isJson(String mediaType) {
    return mediaType.equals(JSON) || mediaType.endsWith("+json");
  }

  /**
   * Checks a body's size, and that a JSON body is one well-formed JSON value: 413 if too large for
   * the ledger, 400 if empty or malformed.
   */
  public static byte[] body(byte[] body, String mediaType) {
    if (body == null || body.length == 0) {
      throw Problem.badRequest("the body is empty");
    }
    if (body.length > Submission.MAX_PAYLOAD) {
      throw Problem.tooLarge(Submission.MAX_PAYLOAD);
    }
    if (isJson(mediaType)) {
      parse(body);
    }
    return body;
  }

  /** Parses one JSON value, strictly: 400 with the parser's reason if it is not one. */
  public static JsonNode parse(byte[] body) {
    try {
      JsonNode n = STRICT.readTree(body);
      if (n == null || n.isMissingNode()) {
        throw Problem.badRequest("the body is not JSON");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw Problem.badRequest("the body is not well-formed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw Problem.badRequest("the body cannot be read: " + e.getMessage());
    }
  }
}
