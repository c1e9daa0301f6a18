package io.flowchain.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowchain.core.types.Hex;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysTest {
  private final NodeKeyPair keys = NodeKeyPair.generate(new SplittableRandom(1));

  @Test
  void rfc8032TestVector1() {
    // RFC 8032 §7.1, TEST 1: empty message
    NodeKeyPair k =
        NodeKeyPair.fromSeedHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    assertThat(k.publicKey().toHex())
        .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    assertThat(k.sign(new byte[0]).toHex())
        .isEqualTo(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
  }

  @Test
  void nodeIdIsSha1OfThePublicKey() {
    assertThat(keys.nodeId().toBytes()).isEqualTo(Hashes.sha1(keys.publicKey().toBytes()));
  }

  @Test
  void signaturesVerifyAndTamperingIsCaught() {
    byte[] msg = "reading".getBytes(StandardCharsets.UTF_8);
    Signature sig = keys.sign(msg);
    assertThat(keys.publicKey().verify(msg, sig)).isTrue();
    msg[0] ^= 1;
    assertThat(keys.publicKey().verify(msg, sig)).isFalse();
  }

  /**
   * Verification with the kept decoded point gives BouncyCastle's verdict on the encoded key, the
   * first time and again from the cache: for real keys with good and tampered signatures, and for
   * encodings that are no key at all (random bytes, small-order points, y not below p).
   */
  @Test
  void verificationAgreesWithVerificationOfTheEncodedKey() {
    SplittableRandom random = new SplittableRandom(7);
    java.util.List<byte[]> keyBytes = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      byte[] k = new byte[32];
      random.nextBytes(k);
      keyBytes.add(k);
      keyBytes.add(NodeKeyPair.generate(random).publicKey().toBytes());
    }
    keyBytes.add(Hex.decode("01" + "00".repeat(31))); // the neutral element
    keyBytes.add(Hex.decode("ec" + "ff".repeat(30) + "7f")); // y = p - 1 (order 2)
    keyBytes.add(Hex.decode("ed" + "ff".repeat(30) + "7f")); // y = p, not canonical
    int valid = 0;
    for (byte[] k : keyBytes) {
      NodeKeyPair signer = NodeKeyPair.generate(random);
      byte[] msg = new byte[1 + random.nextInt(64)];
      random.nextBytes(msg);
      Signature good = signer.sign(msg);
      NodePublicKey key = NodePublicKey.of(k);
      for (int round = 0; round < 2; round++) {
        assertThat(key.verify(msg, good))
            .isEqualTo(
                org.bouncycastle.math.ec.rfc8032.Ed25519.verify(
                    good.toBytes(), 0, k, 0, msg, 0, msg.length));
      }
      NodePublicKey signerKey = signer.publicKey();
      assertThat(signerKey.verify(msg, good)).isTrue();
      assertThat(signerKey.verify(msg, good)).isTrue();
      byte[] tampered = good.toBytes();
      tampered[random.nextInt(64)] ^= (byte) (1 << random.nextInt(8));
      assertThat(signerKey.verify(msg, Signature.of(tampered))).isFalse();
      if (org.bouncycastle.math.ec.rfc8032.Ed25519.validatePublicKeyPartial(k, 0)) {
        valid++;
      }
    }
    assertThat(valid).as("the generated keys and some random ones decode").isGreaterThan(40);
    assertThat(valid).as("some encodings are no key").isLessThan(keyBytes.size());
  }

  @Test
  void signaturesVerifyWithTheJdksOwnEd25519() throws Exception {
    byte[] msg = "cross-check".getBytes(StandardCharsets.UTF_8);
    Signature sig = keys.sign(msg);
    var pub =
        KeyFactory.getInstance("Ed25519")
            .generatePublic(new X509EncodedKeySpec(pemBody(KeyFiles.toPem(keys.publicKey()))));
    java.security.Signature v = java.security.Signature.getInstance("Ed25519");
    v.initVerify(pub);
    v.update(msg);
    assertThat(v.verify(sig.toBytes())).isTrue();
  }

  @Test
  void pemPrivateKeyIsStandardPkcs8() throws Exception {
    byte[] der = pemBody(KeyFiles.toPem(keys));
    var priv = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
    java.security.Signature s = java.security.Signature.getInstance("Ed25519");
    s.initSign(priv);
    s.update(new byte[] {1, 2, 3});
    assertThat(s.sign()).isEqualTo(keys.sign(new byte[] {1, 2, 3}).toBytes());
  }

  @Test
  void keyFilesRoundTripInBothFormats(@TempDir Path dir) throws Exception {
    Path pem = dir.resolve("node.pem");
    Path json = dir.resolve("node.json");
    KeyFiles.writeKeyPair(pem, keys);
    KeyFiles.writeKeyPair(json, keys);
    assertThat(KeyFiles.readKeyPair(pem)).isEqualTo(keys);
    assertThat(KeyFiles.readKeyPair(json)).isEqualTo(keys);
    assertThat(KeyFiles.readPublicKey(json)).isEqualTo(keys.publicKey());
    assertThat(KeyFiles.parsePublicKey(KeyFiles.toPem(keys.publicKey())))
        .isEqualTo(keys.publicKey());
    assertThat(Files.readString(json)).contains(keys.nodeId().toHex());
    assertThatThrownBy(() -> KeyFiles.writeKeyPair(pem, keys))
        .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
  }

  @Test
  void badKeyFilesAreRefusedClearly() {
    assertThatThrownBy(() -> KeyFiles.parseKeyPair("hello"))
        .hasMessageContaining("not a PEM PRIVATE KEY");
    assertThatThrownBy(() -> KeyFiles.parseKeyPair("{\"type\":\"rsa\"}"))
        .hasMessageContaining("ed25519");
    String mismatched =
        "{\"type\":\"ed25519\",\"privateKey\":\""
            + Hex.encode(keys.seed())
            + "\",\"publicKey\":\""
            + "00".repeat(32)
            + "\"}";
    assertThatThrownBy(() -> KeyFiles.parseKeyPair(mismatched))
        .hasMessageContaining("does not match");
  }

  private static byte[] pemBody(String pem) {
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return Base64.getDecoder().decode(body);
  }
}
