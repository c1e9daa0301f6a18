package io.flowchain.core.ledger;

import io.flowchain.core.types.Bytes;
import io.flowchain.core.types.Key;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * A data chunk as it enters the network at node N: which object it belongs to, its content type and
 * payload, the time it was submitted and a random salt. Its data key H_DATA places it on the ring.
 */
public record Submission(
    String objectId, String contentType, Bytes payload, long timestamp, Bytes salt) {

  /** Largest payload accepted, in bytes. */
  public static final int MAX_PAYLOAD = 64 * 1024;

  public static final int SALT_SIZE = 16;

  private static final Pattern OBJECT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
  private static final Pattern CONTENT_TYPE =
      Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*(;[ -~]*)?");

  public Submission {
    checkObjectId(objectId);
    if (contentType == null
        || contentType.length() > 128
        || !CONTENT_TYPE.matcher(contentType).matches()) {
      throw new IllegalArgumentException(
          "content type must be a lower-case media type such as application/json: " + contentType);
    }
    if (payload == null) {
      throw new IllegalArgumentException("payload is missing");
    }
    if (payload.length() > MAX_PAYLOAD) {
      throw new IllegalArgumentException(
          "payload is " + payload.length() + " bytes; the limit is " + MAX_PAYLOAD);
    }
    if (timestamp < 0) {
      throw new IllegalArgumentException("timestamp must not be negative: " + timestamp);
    }
    if (salt == null || salt.length() != SALT_SIZE) {
      throw new IllegalArgumentException("salt must be " + SALT_SIZE + " bytes");
    }
  }

  /** A submission with a fresh salt from {@code random}. */
  public static Submission of(
      String objectId, String contentType, Bytes payload, long timestamp, RandomGenerator random) {
    byte[] salt = new byte[SALT_SIZE];
    random.nextBytes(salt);
    return new Submission(objectId, contentType, payload, timestamp, Bytes.of(salt));
  }

  /** H_DATA of this submission. */
  public Key dataKey() {
    return TxHashes.hData(payload, timestamp, salt);
  }

  /** Throws a clear {@link IllegalArgumentException} unless {@code objectId} is well formed. */
  public static void checkObjectId(String objectId) {
    if (objectId == null || !OBJECT_ID.matcher(objectId).matches()) {
      throw new IllegalArgumentException(
          "object id must be 1-128 characters of letters, digits, '.', '_', ':' or '-', starting"
              + " with a letter or digit: "
              + objectId);
    }
  }
}
