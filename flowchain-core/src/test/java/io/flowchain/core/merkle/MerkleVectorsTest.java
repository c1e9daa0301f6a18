package io.flowchain.core.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowchain.core.crypto.Hashes;
import io.flowchain.core.types.Hash;
import io.flowchain.core.types.TxId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The protocol's Merkle test vectors, {@code vectors/merkle.json} (docs/protocol.md §6). */
class MerkleVectorsTest {
  private static JsonNode vectors;
  private static List<TxId> txIds;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = MerkleVectorsTest.class.getResourceAsStream("/vectors/merkle.json")) {
      assertThat(in).as("vectors/merkle.json on the test class path").isNotNull();
      vectors = new ObjectMapper().readTree(in);
    }
    txIds = new ArrayList<>();
    for (JsonNode t : vectors.get("txIds")) {
      txIds.add(TxId.parse(t.asText()));
    }
  }

  @Test
  void txIdsAreTheHashesOfTxI() {
    assertThat(txIds).hasSize(5);
    for (int i = 0; i < txIds.size(); i++) {
      byte[] ascii = ("tx" + i).getBytes(StandardCharsets.US_ASCII);
      assertThat(txIds.get(i).hash()).as("t%d", i).isEqualTo(Hash.of(Hashes.sha256(ascii)));
    }
  }

  @Test
  void leafHashes() {
    JsonNode leafHashes = vectors.get("leafHashes");
    assertThat(leafHashes).hasSize(txIds.size());
    for (int i = 0; i < txIds.size(); i++) {
      assertThat(MerkleTree.leafHash(txIds.get(i)).toHex())
          .as("leaf hash %d", i)
          .isEqualTo(leafHashes.get(i).asText());
    }
  }

  @Test
  void roots() {
    JsonNode roots = vectors.get("roots");
    assertThat(roots).hasSize(4);
    for (JsonNode v : roots) {
      int n = v.get("leaves").asInt();
      Hash expected = Hash.parse(v.get("root").asText());
      List<TxId> leaves = txIds.subList(0, n);
      assertThat(MerkleTree.root(leaves)).as("n=%d", n).isEqualTo(expected);
      MerkleAccumulator acc = new MerkleAccumulator();
      acc.addAll(leaves);
      assertThat(acc.root()).as("accumulator n=%d", n).isEqualTo(expected);
    }
  }

  @Test
  void interiorNodes() {
    JsonNode subtrees = vectors.get("subtrees");
    assertThat(subtrees).hasSize(3);
    for (JsonNode v : subtrees) {
      int from = v.get("from").asInt();
      int to = v.get("to").asInt();
      assertThat(MerkleTree.root(txIds.subList(from, to)).toHex())
          .as("node over [%d, %d)", from, to)
          .isEqualTo(v.get("root").asText());
    }
  }

  @Test
  void inclusionProofs() {
    JsonNode proofs = vectors.get("inclusionProofs");
    assertThat(proofs).isNotEmpty();
    for (JsonNode v : proofs) {
      int n = v.get("leaves").asInt();
      int index = v.get("index").asInt();
      TxId leaf = TxId.parse(v.get("txId").asText());
      Hash root = Hash.parse(v.get("root").asText());
      List<String> path = new ArrayList<>();
      v.get("path").forEach(p -> path.add(p.asText()));

      assertThat(leaf).isEqualTo(txIds.get(index));
      assertThat(MerkleTree.root(txIds.subList(0, n))).isEqualTo(root);
      MerkleProof produced = MerkleTree.proof(txIds.subList(0, n), index);
      assertThat(produced.pathHex()).isEqualTo(path);

      MerkleProof parsed = MerkleProof.of(index, n, path);
      assertThat(parsed).isEqualTo(produced);
      assertThat(parsed.verify(leaf, root)).isTrue();
      assertThat(parsed.verify(leaf, root, n)).isTrue();
    }
  }
}
