package io.flowchain.net.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowchain.core.crypto.KeyFiles;
import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.types.Hex;
import io.flowchain.dht.message.MessageType;
import io.flowchain.net.membership.CertificateJson;
import java.io.InputStream;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The vectors in docs/protocol.md §11-12 and vectors/net.json are what the code computes. */
class NetVectorsTest {
  private static JsonNode file() throws Exception {
    try (InputStream in = NetVectorsTest.class.getResourceAsStream("/vectors/net.json")) {
      return NetVectors.JSON.readTree(in);
    }
  }

  @Test
  void theCommittedVectorsAreWhatTheCodeComputes() throws Exception {
    JsonNode expected = file();
    JsonNode actual = NetVectors.JSON.readTree(NetVectors.compute().toString());
    expected
        .fieldNames()
        .forEachRemaining(f -> assertThat(actual.get(f)).as(f).isEqualTo(expected.get(f)));
    assertThat(actual.size()).isEqualTo(expected.size());
  }

  @Test
  void everyMessageTypeHasAFrameThatDecodesAndEncodesBackToTheSameText() throws Exception {
    JsonNode frames = file().get("frames");
    WireCodec codec = new WireCodec();
    for (MessageType t : MessageType.values()) {
      String text = frames.get(t.name()).asText();
      Frame f = codec.decode(text);
      assertThat(((ChordFrame) f).message().type()).isEqualTo(t);
      assertThat(codec.encode(f)).isEqualTo(text);
    }
    assertThat(codec.decode(file().get("refusalFrame").asText())).isInstanceOf(Refusal.class);
  }

  private static PublicKey jdkKey(String seedHex) throws Exception {
    String pem = KeyFiles.toPem(NodeKeyPair.fromSeedHex(seedHex).publicKey());
    byte[] spki = Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----|\\s", ""));
    return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
  }

  private static boolean jdkVerifies(PublicKey key, String inputHex, String sigHex)
      throws Exception {
    java.security.Signature jdk = java.security.Signature.getInstance("Ed25519");
    jdk.initVerify(key);
    jdk.update(Hex.decode(inputHex));
    return jdk.verify(Hex.decode(sigHex));
  }

  @Test
  void theCertificateAndProofSignaturesVerifyWithTheJdksOwnEd25519() throws Exception {
    JsonNode v = file();
    assertThat(
            jdkVerifies(
                jdkKey(NetVectors.ADMIN_SEED),
                v.at("/certificate/signingInput").asText(),
                v.at("/certificate/signature").asText()))
        .isTrue();
    assertThat(
            jdkVerifies(
                jdkKey(NetVectors.NODE_SEED),
                v.at("/handshake/transcript").asText(),
                v.at("/handshake/signature").asText()))
        .isTrue();
    var cert = CertificateJson.parse(v.at("/certificate/json").asText());
    assertThat(Hex.encode(cert.signingInput()))
        .isEqualTo(v.at("/certificate/signingInput").asText());
    assertThat(cert.signatureValid()).isTrue();
  }
}
