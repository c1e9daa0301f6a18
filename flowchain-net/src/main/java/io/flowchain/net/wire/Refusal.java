package io.flowchain.net.wire;

/**
 * {@code {"error": "...", "code": n}}: why the receiver will not act on what it was sent. After a
 * refusal a WebSocket connection is closed; over CoAP the refusal is the response to the request
 * (with the matching CoAP response code) and an authenticated session is forgotten.
 */
public record Refusal(String error, int code) implements Frame {
  /** The frame is not a valid frame: not JSON, or a missing, unknown or mistyped field. */
  public static final int MALFORMED = 400;

  /** A Chord frame without an authenticated session, or a proof that does not verify. */
  public static final int UNAUTHENTICATED = 401;

  /** The membership certificate is not acceptable (network, issuer, validity, key). */
  public static final int CERTIFICATE_REFUSED = 403;

  /** The frame was addressed to another node id. */
  public static final int WRONG_NODE = 404;

  /** Out of order (a second hello, a proof without hello) or a {@code from} of another node. */
  public static final int PROTOCOL_VIOLATION = 409;

  /** The frame is larger than the receiver accepts. */
  public static final int TOO_LARGE = 413;

  /** The receiver is overloaded or shutting down. */
  public static final int UNAVAILABLE = 503;

  public Refusal {
    if (error == null || error.isBlank()) {
      throw new IllegalArgumentException("refusal needs a reason");
    }
    if (code < 100 || code > 599) {
      throw new IllegalArgumentException("refusal code must be in [100, 599]: " + code);
    }
  }
}
