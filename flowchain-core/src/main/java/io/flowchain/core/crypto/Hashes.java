package io.flowchain.core.crypto;

import io.flowchain.core.types.Hash;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256, double SHA-256 and SHA-1 (SHA-1 for ring placement only, never for integrity). */
public final class Hashes {
  private static final ThreadLocal<MessageDigest> SHA256 = digest("SHA-256");
  private static final ThreadLocal<MessageDigest> SHA1 = digest("SHA-1");

  private Hashes() {}

  public static byte[] sha256(byte[] data) {
    return SHA256.get().digest(data);
  }

  public static byte[] sha256(byte[] data, int offset, int length) {
    MessageDigest md = SHA256.get();
    md.update(data, offset, length);
    return md.digest();
  }

  /** SHA-256 of the concatenation of {@code parts}. */
  public static byte[] sha256(byte[]... parts) {
    MessageDigest md = SHA256.get();
    for (byte[] p : parts) {
      md.update(p);
    }
    return md.digest();
  }

  /** SHA-256(SHA-256(data)). */
  public static Hash sha256d(byte[] data) {
    return Hash.of(sha256(sha256(data)));
  }

  public static byte[] sha1(byte[]... parts) {
    MessageDigest md = SHA1.get();
    for (byte[] p : parts) {
      md.update(p);
    }
    return md.digest();
  }

  private static ThreadLocal<MessageDigest> digest(String algorithm) {
    return ThreadLocal.withInitial(
        () -> {
          try {
            return MessageDigest.getInstance(algorithm);
          } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is not available in this JDK", e);
          }
        });
  }
}
