package io.flowchain.core.ledger;

import java.util.List;

/** Only the newest block is open, and it takes records while it is valid. */
final class MruPolicy implements ValidBlockPolicy {
  static final MruPolicy INSTANCE = new MruPolicy();

  @Override
  public int window() {
    return 1;
  }

  @Override
  public int choose(List<Boolean> openValid) {
    int last = openValid.size() - 1;
    return last >= 0 && openValid.get(last) ? last : -1;
  }

  @Override
  public String toString() {
    return "mru";
  }
}
