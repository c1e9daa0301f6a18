package io.flowchain.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowchain.core.crypto.KeyFiles;
import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.types.Hex;
import java.io.InputStream;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The vectors in docs/protocol.md and vectors/ledger.json are what the code computes. */
class ProtocolVectorsTest {

  private static JsonNode file() throws Exception {
    try (InputStream in = ProtocolVectorsTest.class.getResourceAsStream("/vectors/ledger.json")) {
      return ProtocolVectors.JSON.readTree(in);
    }
  }

  @Test
  void theCommittedVectorsAreWhatTheCodeComputes() throws Exception {
    JsonNode expected = file();
    // through text, so that numbers compare by value, not by Java type
    JsonNode actual = ProtocolVectors.JSON.readTree(ProtocolVectors.compute().toString());
    expected
        .fieldNames()
        .forEachRemaining(f -> assertThat(actual.get(f)).as(f).isEqualTo(expected.get(f)));
    assertThat(actual.size()).isEqualTo(expected.size());
  }

  @Test
  void theVectorSignaturesVerifyWithTheJdksOwnEd25519() throws Exception {
    JsonNode v = file();
    NodeKeyPair node = NodeKeyPair.fromSeedHex(v.at("/keys/nodeSeed").asText());
    String pem = KeyFiles.toPem(node.publicKey());
    byte[] spki = Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----|\\s", ""));
    var pub = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    for (String[] pair :
        new String[][] {
          {"/record/signingInput", "/record/signature"},
          {"/block1/signingInput", "/block1/signature"},
          {"/block2/signingInput", "/block2/signature"},
          {"/approvalReceipt/signingInput", "/approvalReceipt/signature"}
        }) {
      java.security.Signature jdk = java.security.Signature.getInstance("Ed25519");
      jdk.initVerify(pub);
      jdk.update(Hex.decode(v.at(pair[0]).asText()));
      assertThat(jdk.verify(Hex.decode(v.at(pair[1]).asText()))).as(pair[1]).isTrue();
    }
  }

  @Test
  void theVectorRecordAndHeadersParseAndVerify() throws Exception {
    JsonNode v = file();
    Record r = Record.parse(Hex.decode(v.at("/record/bytes").asText()));
    assertThat(RecordJson.fromJson(v.at("/record/json"))).isEqualTo(r);
    BlockHeader b1 = BlockHeader.parse(Hex.decode(v.at("/block1/bytes").asText()));
    BlockHeader b2 = BlockHeader.parse(Hex.decode(v.at("/block2/bytes").asText()));
    assertThat(b1.signatureValid()).isTrue();
    assertThat(r.signatureValidFor(b1.minerKey())).isTrue();
    assertThat(b2.previousHash()).isEqualTo(b1.hash());
    assertThat(b2.seal().recordCount()).isEqualTo(1);
  }

  @Test
  void theApprovalVectorsVerifyWithTheJdksOwnEd25519AndPassTheRules() throws Exception {
    JsonNode v = file();
    String[][] bySigner = {
      {"/approval/endpointSeed", "/approval/signingInput", "/approval/signature"},
      {"/confirmation/replicaSeed", "/confirmation/signingInput", "/confirmation/signature"}
    };
    for (String[] t : bySigner) {
      NodeKeyPair signer = NodeKeyPair.fromSeedHex(v.at(t[0]).asText());
      String pem = KeyFiles.toPem(signer.publicKey());
      byte[] spki = Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----|\\s", ""));
      var pub = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
      java.security.Signature jdk = java.security.Signature.getInstance("Ed25519");
      jdk.initVerify(pub);
      jdk.update(Hex.decode(v.at(t[1]).asText()));
      assertThat(jdk.verify(Hex.decode(v.at(t[2]).asText()))).as(t[2]).isTrue();
    }
    Record r = Record.parse(Hex.decode(v.at("/record/bytes").asText()));
    BlockHeader b1 = BlockHeader.parse(Hex.decode(v.at("/block1/bytes").asText()));
    var receipt =
        io.flowchain.core.approval.ApprovalReceipt.parse(
            Hex.decode(v.at("/approvalReceipt/bytes").asText()));
    NetworkParams params =
        new NetworkParams(
            "vector-net",
            1_700_000_000_000L,
            NetworkParams.DEFAULT_TABLE,
            java.util.List.of(
                io.flowchain.core.crypto.NodePublicKey.parse(
                    v.at("/keys/adminPublicKey").asText())));
    assertThat(
            new io.flowchain.core.approval.ApprovalRules(params)
                .checkReceipt(receipt, r, b1.minerKey()))
        .isEmpty();
  }
}
