package io.flowchain.core.ledger;

import java.util.List;

/** The newest {@code window} blocks are open; the newest valid one takes records. */
record MultiValidPolicy(int window) implements ValidBlockPolicy {
  MultiValidPolicy {
    if (window < 1 || window > 64) {
      throw new IllegalArgumentException("valid-block window must be 1..64: " + window);
    }
  }

  @Override
  public int choose(List<Boolean> openValid) {
    for (int i = openValid.size() - 1; i >= 0; i--) {
      if (openValid.get(i)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    return "multi:" + window;
  }
}
