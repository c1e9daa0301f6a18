package io.flowchain.core.ledger;

import java.util.List;

/**
 * Which blocks of a branch accept records (paper §3.2 and §4.2). A branch keeps its newest {@link
 * #window()} blocks open: block k is sealed by block k + window. Among the open blocks that are
 * still valid, {@link #choose} picks the one the next record goes into.
 *
 * <p>The window is fixed for the life of a branch. Implementations are stateless and thread-safe.
 */
public interface ValidBlockPolicy {
  /** How many of the newest blocks stay open: the seal lag. At least 1. */
  int window();

  /** Index into {@code open} (oldest first) of the block to record into, or -1 if none is valid. */
  int choose(List<Boolean> openValid);

  /** The single-valid-block (MRU) model of paper listing 3: only the newest block, O(1). */
  static ValidBlockPolicy mru() {
    return MruPolicy.INSTANCE;
  }

  /**
   * The multi-valid model of paper listing 1 ({@code GetOneValidBlock}): the newest {@code window}
   * blocks stay open and the newest valid one among them takes records, so a node whose newest
   * block turns invalid keeps recording into an older open block.
   */
  static ValidBlockPolicy multiValid(int window) {
    return new MultiValidPolicy(window);
  }

  /** Parses "mru" or "multi:W". */
  static ValidBlockPolicy parse(String text) {
    if (text.equals("mru")) {
      return mru();
    }
    if (text.startsWith("multi:")) {
      try {
        return multiValid(Integer.parseInt(text.substring(6)));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad window in valid-block policy: " + text, e);
      }
    }
    throw new IllegalArgumentException("valid-block policy must be 'mru' or 'multi:W': " + text);
  }
}
