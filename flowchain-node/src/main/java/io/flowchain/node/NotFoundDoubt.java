package io.flowchain.node;

import io.flowchain.core.types.TxId;
import java.util.Optional;

/**
 * Whether a ring walk that found no copy of a txID may say "not found": only if every member it
 * learnt of answered. Otherwise the record may be on the members that did not.
 */
final class NotFoundDoubt {
  private NotFoundDoubt() {}

  /**
   * Why "not found" cannot be said, or empty if it can.
   *
   * @param answered members that answered, none with the record
   * @param unreachable members asked that did not answer in time
   * @param unasked members left out by the walk's bound on the peers it asks
   */
  static Optional<String> of(TxId txId, int answered, int unreachable, int unasked) {
    if (unreachable == 0 && unasked == 0) {
      return Optional.empty();
    }
    if (answered == 0 && unasked == 0) {
      return Optional.of("no member answered");
    }
    StringBuilder why =
        new StringBuilder("no copy of ")
            .append(txId)
            .append(" among the ")
            .append(answered)
            .append(" members that answered, but");
    if (unreachable > 0) {
      why.append(' ').append(unreachable).append(" did not answer in time");
    }
    if (unasked > 0) {
      why.append(unreachable > 0 ? " and " : " ")
          .append(unasked)
          .append(" were not asked (the walk's bound on the peers it asks)");
    }
    return Optional.of(why.append("; the record may be on them").toString());
  }
}
