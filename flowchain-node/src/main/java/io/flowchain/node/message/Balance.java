package io.flowchain.node.message;

import io.flowchain.dht.Peer;

/** Asks a member for its Flowcoin balance; answered with {@link BalanceIs}. */
public record Balance(long requestId, Peer origin) implements LedgerMessage {
  public Balance {
    Limits.peer(origin, "origin");
  }

  @Override
  public Kind kind() {
    return Kind.BALANCE;
  }
}
