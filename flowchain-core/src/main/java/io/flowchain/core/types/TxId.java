package io.flowchain.core.types;

/** A transaction id: SHA-256(SHA-256(H_BLOCK ‖ H_DATA)). */
public record TxId(Hash hash) implements Comparable<TxId> {
  public TxId {
    if (hash == null) {
      throw new IllegalArgumentException("txID is missing");
    }
  }

  public static TxId parse(String hex) {
    return new TxId(Hash.of(Hex.decode(hex, Hash.SIZE, "txID")));
  }

  public String toHex() {
    return hash.toHex();
  }

  @Override
  public int compareTo(TxId o) {
    return hash.compareTo(o.hash);
  }

  @Override
  public String toString() {
    return hash.toHex();
  }
}
