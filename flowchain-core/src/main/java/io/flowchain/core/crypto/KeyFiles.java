package io.flowchain.core.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowchain.core.types.Hex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;

/**
 * Reads and writes Ed25519 keys as PEM (PKCS#8 {@code PRIVATE KEY}, X.509 SubjectPublicKeyInfo
 * {@code PUBLIC KEY}, RFC 8410) or as a JSON key file ({@code
 * {"type":"ed25519","nodeId":…,"publicKey":…,"privateKey":…}}, hex). The format is chosen by
 * content when reading and by file name ({@code .json} or not) when writing.
 */
public final class KeyFiles {
  // RFC 8410 DER prefixes: the whole structure is fixed-size for Ed25519
  private static final byte[] PKCS8_PREFIX = Hex.decode("302e020100300506032b657004220420");
  private static final byte[] SPKI_PREFIX = Hex.decode("302a300506032b6570032100");
  private static final ObjectMapper JSON = new ObjectMapper();

  private KeyFiles() {}

  /** The private key as a PKCS#8 PEM document. */
  public static String toPem(NodeKeyPair keys) {
    return pem("PRIVATE KEY", concat(PKCS8_PREFIX, keys.seed()));
  }

  /** The public key as a SubjectPublicKeyInfo PEM document. */
  public static String toPem(NodePublicKey key) {
    return pem("PUBLIC KEY", concat(SPKI_PREFIX, key.toBytes()));
  }

  /** The key pair as a JSON key file. */
  public static String toJson(NodeKeyPair keys) {
    ObjectNode node = JSON.createObjectNode();
    node.put("type", "ed25519");
    node.put("nodeId", keys.nodeId().toHex());
    node.put("publicKey", keys.publicKey().toHex());
    node.put("privateKey", Hex.encode(keys.seed()));
    return node.toPrettyString() + "\n";
  }

  /** Parses a private key from PEM or JSON text. */
  public static NodeKeyPair parseKeyPair(String text) {
    String trimmed = text.strip();
    if (trimmed.startsWith("{")) {
      JsonNode node = readJson(trimmed);
      if (!"ed25519".equals(node.path("type").asText())) {
        throw new IllegalArgumentException("key file type must be \"ed25519\"");
      }
      NodeKeyPair keys = NodeKeyPair.fromSeedHex(node.path("privateKey").asText(null));
      String pub = node.path("publicKey").asText(null);
      if (pub != null && !NodePublicKey.parse(pub).equals(keys.publicKey())) {
        throw new IllegalArgumentException("key file's publicKey does not match its privateKey");
      }
      return keys;
    }
    byte[] der = unpem(trimmed, "PRIVATE KEY");
    return NodeKeyPair.fromSeed(stripPrefix(der, PKCS8_PREFIX, "PKCS#8 Ed25519 private key"));
  }

  /** Parses a public key from PEM, a JSON key file, or 64 hex digits. */
  public static NodePublicKey parsePublicKey(String text) {
    String trimmed = text.strip();
    if (trimmed.startsWith("{")) {
      JsonNode node = readJson(trimmed);
      if (node.hasNonNull("publicKey")) {
        return NodePublicKey.parse(node.get("publicKey").asText());
      }
      return parseKeyPair(trimmed).publicKey();
    }
    if (trimmed.startsWith("-----BEGIN PRIVATE KEY")) {
      return parseKeyPair(trimmed).publicKey();
    }
    if (!trimmed.startsWith("-----")) {
      return NodePublicKey.parse(trimmed);
    }
    byte[] der = unpem(trimmed, "PUBLIC KEY");
    return NodePublicKey.of(stripPrefix(der, SPKI_PREFIX, "Ed25519 SubjectPublicKeyInfo"));
  }

  public static NodeKeyPair readKeyPair(Path file) throws IOException {
    try {
      return parseKeyPair(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  public static NodePublicKey readPublicKey(Path file) throws IOException {
    try {
      return parsePublicKey(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes the private key to {@code file} (JSON if the name ends in {@code .json}, else PEM),
   * readable by the owner only where the file system supports it. Refuses to overwrite.
   */
  public static void writeKeyPair(Path file, NodeKeyPair keys) throws IOException {
    String text = file.toString().endsWith(".json") ? toJson(keys) : toPem(keys);
    Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: leave the default permissions
    }
  }

  private static String pem(String label, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  private static byte[] unpem(String text, String label) {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int b = text.indexOf(begin);
    int e = text.indexOf(end);
    if (b < 0 || e < b) {
      throw new IllegalArgumentException("not a PEM " + label + " document");
    }
    String body = text.substring(b + begin.length(), e).replaceAll("\\s", "");
    try {
      return Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException ex) {
      throw new IllegalArgumentException("PEM body is not valid base64", ex);
    }
  }

  private static byte[] stripPrefix(byte[] der, byte[] prefix, String what) {
    if (der.length != prefix.length + 32
        || !Arrays.equals(der, 0, prefix.length, prefix, 0, prefix.length)) {
      throw new IllegalArgumentException("not an " + what + " (RFC 8410)");
    }
    return Arrays.copyOfRange(der, prefix.length, der.length);
  }

  private static JsonNode readJson(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException("key file is not valid JSON: " + e.getMessage(), e);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
