package io.flowchain.node.message;

import io.flowchain.core.ledger.Submission;
import io.flowchain.dht.Peer;

/**
 * An endpoint's node asks a member to forward the records it records of an object (or of every
 * object: {@link #ALL}) to the subscriber, for {@code ttlMillis}. Sent directly to every member (a
 * ring walk) and renewed before it expires; answered with {@link Subscribed}.
 */
public record Subscribe(long requestId, Peer subscriber, String objectId, long ttlMillis)
    implements LedgerMessage {
  /** The object id that stands for every object. */
  public static final String ALL = "*";

  /** The longest subscription one message asks for: one hour. */
  public static final long MAX_TTL_MILLIS = 3_600_000;

  public Subscribe {
    Limits.peer(subscriber, "subscriber");
    if (objectId == null) {
      throw new IllegalArgumentException("object id missing");
    }
    if (!objectId.equals(ALL)) {
      Submission.checkObjectId(objectId);
    }
    if (ttlMillis < 1 || ttlMillis > MAX_TTL_MILLIS) {
      throw new IllegalArgumentException("subscription ttl must be 1.." + MAX_TTL_MILLIS + " ms");
    }
  }

  @Override
  public Kind kind() {
    return Kind.SUBSCRIBE;
  }
}
