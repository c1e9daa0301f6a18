package io.flowchain.core.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowchain.core.types.Hash;
import io.flowchain.core.types.Hex;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The published RFC 6962 test vectors of the Certificate Transparency reference implementation,
 * checked through the raw-leaf variant of the tree. Source: github.com/transparency-dev/merkle,
 * files {@code testonly/constants.go} (leaf inputs, node hashes, roots for tree sizes 1 to 8) and
 * {@code proof/verify_test.go} (inclusion proofs). The one deliberate difference is the empty tree:
 * RFC 6962 gives it SHA-256 of the empty string, this tree gives it 32 zero bytes.
 */
class Rfc6962VectorsTest {
  private static final List<byte[]> LEAVES =
      List.of(
          Hex.decode(""),
          Hex.decode("00"),
          Hex.decode("10"),
          Hex.decode("2021"),
          Hex.decode("3031"),
          Hex.decode("40414243"),
          Hex.decode("5051525354555657"),
          Hex.decode("606162636465666768696a6b6c6d6e6f"));

  /** Leaf hashes of LEAVES (level 0 of the node hashes). */
  private static final List<String> LEAF_HASHES =
      List.of(
          "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
          "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
          "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
          "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
          "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
          "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
          "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
          "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1");

  /** Roots of the trees of the first 1, 2, ..., 8 leaves. */
  private static final List<String> ROOTS =
      List.of(
          "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
          "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
          "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
          "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
          "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
          "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
          "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

  /** RFC 6962's root of the empty tree, SHA-256(""), which this tree does not use. */
  private static final String RFC6962_EMPTY_ROOT =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  /** Published inclusion proofs: leaf index (from 0), tree size, audit path. */
  private record Inclusion(int index, int size, List<String> path) {}

  private static final List<Inclusion> INCLUSIONS =
      List.of(
          new Inclusion(0, 1, List.of()),
          new Inclusion(
              0,
              8,
              List.of(
                  "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                  "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                  "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
          new Inclusion(
              5,
              8,
              List.of(
                  "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                  "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
          new Inclusion(
              2, 3, List.of("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")),
          new Inclusion(
              1,
              5,
              List.of(
                  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                  "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                  "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")));

  @Test
  void leafHashes() {
    for (int i = 0; i < LEAVES.size(); i++) {
      assertThat(MerkleTree.leafHashOfRaw(LEAVES.get(i)).toHex())
          .as("leaf %d", i)
          .isEqualTo(LEAF_HASHES.get(i));
    }
  }

  @Test
  void rootsForTreeSizesOneToEight() {
    for (int n = 1; n <= 8; n++) {
      assertThat(MerkleTree.rootOfRaw(LEAVES.subList(0, n)).toHex())
          .as("n=%d", n)
          .isEqualTo(ROOTS.get(n - 1));
    }
  }

  @Test
  void emptyTreeDeliberatelyDiffersFromRfc6962() {
    assertThat(MerkleTree.rootOfRaw(List.of())).isEqualTo(Hash.ZERO);
    assertThat(MerkleTree.rootOfRaw(List.of()).toHex()).isNotEqualTo(RFC6962_EMPTY_ROOT);
  }

  @Test
  void publishedInclusionProofsAreProducedAndVerify() {
    for (Inclusion v : INCLUSIONS) {
      List<byte[]> leaves = LEAVES.subList(0, v.size());
      MerkleProof produced = MerkleTree.proofOfRaw(leaves, v.index());
      assertThat(produced.pathHex()).as("%s", v).isEqualTo(v.path());

      MerkleProof published = MerkleProof.of(v.index(), v.size(), v.path());
      Hash leafHash = MerkleTree.leafHashOfRaw(leaves.get(v.index()));
      Hash root = Hash.parse(ROOTS.get(v.size() - 1));
      assertThat(published.verifyLeafHash(leafHash, root)).as("%s", v).isTrue();
      assertThat(published.verifyLeafHash(Hash.parse(LEAF_HASHES.get(7)), root))
          .as("%s with another leaf", v)
          .isEqualTo(v.index() == 7);
    }
  }

  @Test
  void everyProofInTheEightLeafTreesVerifiesAgainstThePublishedRoots() {
    for (int n = 1; n <= 8; n++) {
      Hash root = Hash.parse(ROOTS.get(n - 1));
      for (int i = 0; i < n; i++) {
        MerkleProof proof = MerkleTree.proofOfRaw(LEAVES.subList(0, n), i);
        assertThat(proof.verifyLeafHash(Hash.parse(LEAF_HASHES.get(i)), root))
            .as("n=%d i=%d", n, i)
            .isTrue();
      }
    }
  }
}
