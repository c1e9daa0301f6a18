package io.flowchain.core.ledger;

import io.flowchain.core.codec.CanonicalReader;
import io.flowchain.core.codec.CanonicalWriter;
import io.flowchain.core.codec.MalformedEncodingException;
import io.flowchain.core.crypto.Hashes;
import io.flowchain.core.crypto.NodePublicKey;
import io.flowchain.core.types.Difficulty;
import io.flowchain.core.types.Hash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The parameters every node of one network shares and that its genesis block commits to: the
 * network name, the genesis timestamp, the difficulty table (easiest last) and the administrator
 * keys. Everything else (timers, ports) is node configuration.
 */
public record NetworkParams(
    String name,
    long genesisTimestamp,
    List<Difficulty> difficultyTable,
    List<NodePublicKey> administrators) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  static final String TAG = "flowchain/network/v1";

  /** The default difficulty table: 16, 14, 12, 10 and 8 leading zero bits. */
  public static final List<Difficulty> DEFAULT_TABLE =
      List.of(
          Difficulty.leadingZeroBits(16),
          Difficulty.leadingZeroBits(14),
          Difficulty.leadingZeroBits(12),
          Difficulty.leadingZeroBits(10),
          Difficulty.leadingZeroBits(8));

  public NetworkParams {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "network name must be 1-64 characters of letters, digits, '.', '_' or '-', starting with"
              + " a letter or digit: "
              + name);
    }
    if (genesisTimestamp < 0) {
      throw new IllegalArgumentException("genesis timestamp must not be negative");
    }
    if (difficultyTable == null || difficultyTable.isEmpty() || difficultyTable.size() > 64) {
      throw new IllegalArgumentException("difficulty table must have 1 to 64 entries");
    }
    for (int i = 1; i < difficultyTable.size(); i++) {
      if (difficultyTable.get(i).compareTo(difficultyTable.get(i - 1)) < 0) {
        throw new IllegalArgumentException(
            "difficulty table must get easier from first to last entry (entry " + i + ")");
      }
    }
    if (administrators == null || administrators.size() > 64) {
      throw new IllegalArgumentException("at most 64 administrator keys");
    }
    difficultyTable = List.copyOf(difficultyTable);
    administrators = List.copyOf(administrators);
  }

  /** A network with the default difficulty table. */
  public static NetworkParams of(String name, long genesisTimestamp, List<NodePublicKey> admins) {
    return new NetworkParams(name, genesisTimestamp, DEFAULT_TABLE, admins);
  }

  /** The canonical bytes that the genesis block commits to. */
  public byte[] canonicalBytes() {
    CanonicalWriter w = new CanonicalWriter();
    w.tag(TAG).string(name).i64(genesisTimestamp).u16(difficultyTable.size());
    for (Difficulty d : difficultyTable) {
      w.raw(d.toBytes());
    }
    w.u16(administrators.size());
    for (NodePublicKey k : administrators) {
      w.fixed(k);
    }
    return w.toByteArray();
  }

  /** Decodes {@link #canonicalBytes()}. */
  public static NetworkParams parse(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    byte[] tag = r.raw(TAG.length() + 1);
    if (!Arrays.equals(tag, (TAG + "\0").getBytes(StandardCharsets.US_ASCII))) {
      throw new MalformedEncodingException("not network parameters (bad tag)");
    }
    String name = r.string();
    long genesisTimestamp = r.i64();
    int n = r.u16();
    List<Difficulty> table = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      table.add(Difficulty.of(r.raw(32)));
    }
    int m = r.u16();
    List<NodePublicKey> admins = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      admins.add(NodePublicKey.of(r.raw(32)));
    }
    r.expectEnd();
    return new NetworkParams(name, genesisTimestamp, table, admins);
  }

  /** SHA-256 of {@link #canonicalBytes()}: the genesis block's previousHash. */
  public Hash digest() {
    return Hash.of(Hashes.sha256(canonicalBytes()));
  }

  /** True if {@code d} is one of the table's targets. */
  public boolean allowsDifficulty(Difficulty d) {
    return difficultyTable.contains(d);
  }
}
