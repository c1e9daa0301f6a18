package io.flowchain.core.ledger;

import io.flowchain.core.codec.CanonicalWriter;
import io.flowchain.core.crypto.Hashes;
import io.flowchain.core.types.Bytes;
import io.flowchain.core.types.Hash;
import io.flowchain.core.types.Key;
import io.flowchain.core.types.TxId;

/** The talk's three transaction hashes, over canonical bytes (docs/protocol.md). */
public final class TxHashes {
  private TxHashes() {}

  /** H_BLOCK = SHA-256(i64 no ‖ i64 timestamp ‖ i64 nonce). */
  public static Hash hBlock(long no, long timestamp, long nonce) {
    return Hash.of(
        Hashes.sha256(new CanonicalWriter(24).i64(no).i64(timestamp).i64(nonce).toByteArray()));
  }

  /**
   * H_DATA = SHA-1(payload ‖ i64 timestamp ‖ salt): the data key that places a record on the ring.
   */
  public static Key hData(Bytes payload, long timestamp, Bytes salt) {
    byte[] ts = new CanonicalWriter(8).i64(timestamp).toByteArray();
    return Key.of(Hashes.sha1(payload.toByteArray(), ts, salt.toByteArray()));
  }

  /** txID = SHA-256(SHA-256(H_BLOCK ‖ H_DATA)). */
  public static TxId txId(Hash hBlock, Key hData) {
    byte[] in = new CanonicalWriter(52).fixed(hBlock).fixed(hData).toByteArray();
    return new TxId(Hashes.sha256d(in));
  }
}
