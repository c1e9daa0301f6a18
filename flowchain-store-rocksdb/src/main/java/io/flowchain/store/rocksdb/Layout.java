package io.flowchain.store.rocksdb;

import io.flowchain.core.ledger.Submission;
import io.flowchain.core.types.Hash;
import io.flowchain.core.types.Key;
import io.flowchain.core.types.TxId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The on-disk layout (docs/storage.md): column family names and key encodings. Every integer in a
 * key is fixed-width big-endian, so RocksDB's bytewise order is numeric order (block numbers,
 * sequence numbers and timestamps are never negative).
 */
final class Layout {
  /** Format version kept in {@link #META} under {@link #FORMAT_KEY}. */
  static final int FORMAT = 1;

  static final String META = "meta";
  static final String HEADERS = "headers";
  static final String INVALID = "invalid";
  static final String RECORDS = "records";
  static final String TX_INDEX = "tx_index";
  static final String KEY_INDEX = "key_index";
  static final String SERIES_INDEX = "series_index";

  /** Column families in the order the store opens them (after RocksDB's "default"). */
  static final List<String> FAMILIES =
      List.of(META, HEADERS, INVALID, RECORDS, TX_INDEX, KEY_INDEX, SERIES_INDEX);

  /** Internal metadata keys; user keys must not start with {@link #INTERNAL_PREFIX}. */
  static final String INTERNAL_PREFIX = "store/";

  static final byte[] FORMAT_KEY = utf8(INTERNAL_PREFIX + "format");
  static final byte[] RECORD_COUNT_KEY = utf8(INTERNAL_PREFIX + "record-count");
  static final byte[] APPROVAL_COUNT_KEY = utf8(INTERNAL_PREFIX + "approval-count");

  /** Approval receipts live in {@link #META} under this prefix followed by the 32-byte txID. */
  static final byte[] APPROVAL_PREFIX = utf8(INTERNAL_PREFIX + "approval/");

  /** Size of a record key: block number (8) and sequence number in the block (4). */
  static final int RECORD_KEY_SIZE = 12;

  private Layout() {}

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] blockKey(long no) {
    byte[] k = new byte[8];
    putLong(k, 0, no);
    return k;
  }

  static long blockNo(byte[] key) {
    return getLong(key, 0);
  }

  /** The key of the {@code seq}-th record (from 0) recorded in block {@code no}. */
  static byte[] recordKey(long no, int seq) {
    byte[] k = new byte[RECORD_KEY_SIZE];
    putLong(k, 0, no);
    putInt(k, 8, seq);
    return k;
  }

  static int recordSeq(byte[] recordKey) {
    return getInt(recordKey, 8);
  }

  static byte[] txKey(TxId txId) {
    return txId.hash().toBytes();
  }

  static byte[] approvalKey(TxId txId) {
    byte[] k = Arrays.copyOf(APPROVAL_PREFIX, APPROVAL_PREFIX.length + Hash.SIZE);
    txId.hash().copyTo(k, APPROVAL_PREFIX.length);
    return k;
  }

  static boolean isApprovalKey(byte[] key) {
    return key.length == APPROVAL_PREFIX.length + Hash.SIZE
        && Arrays.equals(
            key, 0, APPROVAL_PREFIX.length, APPROVAL_PREFIX, 0, APPROVAL_PREFIX.length);
  }

  static byte[] dataKey(Key key) {
    return key.toBytes();
  }

  /**
   * The series prefix of an object: one length byte, then the object id's ASCII bytes. Object ids
   * are 1–128 ASCII characters ({@link Submission#checkObjectId}), so the length fits a byte and no
   * object's prefix is a prefix of another object's keys.
   */
  static byte[] seriesPrefix(String objectId) {
    byte[] id = objectId.getBytes(StandardCharsets.US_ASCII);
    byte[] p = new byte[1 + id.length];
    p[0] = (byte) id.length;
    System.arraycopy(id, 0, p, 1, id.length);
    return p;
  }

  /** Series index key: {@link #seriesPrefix}, timestamp (i64 BE), txID (32 bytes). */
  static byte[] seriesKey(byte[] prefix, long timestamp, TxId txId) {
    byte[] k = new byte[prefix.length + 8 + Hash.SIZE];
    System.arraycopy(prefix, 0, k, 0, prefix.length);
    putLong(k, prefix.length, timestamp);
    txId.hash().copyTo(k, prefix.length + 8);
    return k;
  }

  static byte[] seriesKey(String objectId, long timestamp, TxId txId) {
    return seriesKey(seriesPrefix(objectId), timestamp, txId);
  }

  static long seriesTimestamp(byte[] key, int prefixLength) {
    return getLong(key, prefixLength);
  }

  static TxId seriesTxId(byte[] key, int prefixLength) {
    byte[] h = new byte[Hash.SIZE];
    System.arraycopy(key, prefixLength + 8, h, 0, Hash.SIZE);
    return new TxId(Hash.of(h));
  }

  static void putLong(byte[] b, int at, long v) {
    for (int i = 7; i >= 0; i--) {
      b[at + i] = (byte) v;
      v >>>= 8;
    }
  }

  static long getLong(byte[] b, int at) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[at + i] & 0xff);
    }
    return v;
  }

  static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  static int getInt(byte[] b, int at) {
    return ((b[at] & 0xff) << 24)
        | ((b[at + 1] & 0xff) << 16)
        | ((b[at + 2] & 0xff) << 8)
        | (b[at + 3] & 0xff);
  }
}
