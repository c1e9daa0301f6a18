package io.flowchain.core.merkle;

import io.flowchain.core.crypto.Hashes;
import io.flowchain.core.types.Hash;
import io.flowchain.core.types.TxId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A deliberately naive Merkle tree written straight from the definitions in RFC 6962 §2.1 (MTH and
 * PATH), recursive and allocation-heavy, sharing no code with the main implementation. Tests
 * compare the real implementation against it.
 */
final class MerkleReference {
  private MerkleReference() {}

  /** MTH(D[n]) of raw leaves, with the empty tree's root being 32 zero bytes. */
  static byte[] mth(List<byte[]> d) {
    int n = d.size();
    if (n == 0) {
      return new byte[32];
    }
    if (n == 1) {
      return Hashes.sha256(new byte[] {0x00}, d.get(0));
    }
    int k = split(n);
    return Hashes.sha256(new byte[] {0x01}, mth(d.subList(0, k)), mth(d.subList(k, n)));
  }

  /** PATH(m, D[n]) of raw leaves, leaf level first. */
  static List<byte[]> path(int m, List<byte[]> d) {
    int n = d.size();
    List<byte[]> out = new ArrayList<>();
    if (n == 1) {
      return out;
    }
    int k = split(n);
    if (m < k) {
      out.addAll(path(m, d.subList(0, k)));
      out.add(mth(d.subList(k, n)));
    } else {
      out.addAll(path(m - k, d.subList(k, n)));
      out.add(mth(d.subList(0, k)));
    }
    return out;
  }

  /**
   * For each element of PATH(m, D[n]), leaf level first: {@code true} if that sibling is on the
   * right of the leaf's subtree, {@code false} if on the left. Two positions whose audit paths have
   * the same directions are indistinguishable to a verifier holding only the path.
   */
  static List<Boolean> directions(long m, long n) {
    List<Boolean> out = new ArrayList<>();
    while (n > 1) {
      long k = 1;
      while (k * 2 < n) {
        k *= 2;
      }
      if (m < k) {
        out.add(0, true);
        n = k;
      } else {
        out.add(0, false);
        m -= k;
        n -= k;
      }
    }
    return out;
  }

  /** The largest power of two smaller than {@code n}, found by doubling. */
  private static int split(int n) {
    int k = 1;
    while (k * 2 < n) {
      k *= 2;
    }
    return k;
  }

  static Hash mthOfTx(List<TxId> txIds) {
    return Hash.of(mth(raw(txIds)));
  }

  static List<Hash> pathOfTx(int m, List<TxId> txIds) {
    return path(m, raw(txIds)).stream().map(Hash::of).toList();
  }

  static List<byte[]> raw(List<TxId> txIds) {
    return txIds.stream().map(t -> t.hash().toBytes()).toList();
  }

  /** {@code n} distinct txIDs: SHA-256 of "{@code seed}/{@code i}". */
  static List<TxId> txIds(long seed, int n) {
    List<TxId> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(txId(seed + "/" + i));
    }
    return out;
  }

  static TxId txId(String text) {
    return new TxId(Hash.of(Hashes.sha256(text.getBytes(StandardCharsets.US_ASCII))));
  }
}
