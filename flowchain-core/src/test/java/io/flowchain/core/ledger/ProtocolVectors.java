package io.flowchain.core.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowchain.core.approval.Approval;
import io.flowchain.core.approval.ApprovalReceipt;
import io.flowchain.core.approval.ApproverCertificate;
import io.flowchain.core.approval.Confirmation;
import io.flowchain.core.crypto.Hashes;
import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.crypto.Signature;
import io.flowchain.core.merkle.MerkleTree;
import io.flowchain.core.types.Bytes;
import io.flowchain.core.types.Difficulty;
import io.flowchain.core.types.Hash;
import io.flowchain.core.types.Hex;
import io.flowchain.core.types.Key;
import io.flowchain.core.types.TxId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * The test vectors of docs/protocol.md, computed from fixed inputs by the production code. {@code
 * ProtocolVectorsTest} checks the committed file against this; {@link #main} rewrites the file
 * (only when the protocol changes on purpose, together with docs/protocol.md).
 */
public final class ProtocolVectors {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String SEED = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
  static final String ADMIN_SEED =
      "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f";
  static final String ENDPOINT_SEED =
      "404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f";
  static final String REPLICA_SEED =
      "606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f";

  private ProtocolVectors() {}

  public static ObjectNode compute() {
    NodeKeyPair node = NodeKeyPair.fromSeedHex(SEED);
    NodeKeyPair admin = NodeKeyPair.fromSeedHex(ADMIN_SEED);
    NetworkParams params =
        new NetworkParams(
            "vector-net",
            1_700_000_000_000L,
            NetworkParams.DEFAULT_TABLE,
            List.of(admin.publicKey()));
    ObjectNode out = JSON.createObjectNode();
    out.put(
        "description", "Flowchain protocol test vectors (docs/protocol.md). All hex lower-case.");

    ObjectNode keys = out.putObject("keys");
    keys.put("nodeSeed", SEED);
    keys.put("nodePublicKey", node.publicKey().toHex());
    keys.put("nodeId", node.nodeId().toHex());
    keys.put("adminSeed", ADMIN_SEED);
    keys.put("adminPublicKey", admin.publicKey().toHex());

    ObjectNode net = out.putObject("network");
    net.put("name", params.name());
    net.put("genesisTimestamp", params.genesisTimestamp());
    net.putArray("difficultyTable")
        .addAll(
            params.difficultyTable().stream()
                .map(d -> JSON.getNodeFactory().textNode(d.toHex()))
                .toList());
    net.put("canonicalBytes", Hex.encode(params.canonicalBytes()));
    net.put("digest", params.digest().toHex());

    BlockHeader genesis = Genesis.of(params);
    ObjectNode g = out.putObject("genesis");
    g.put("bytes", Hex.encode(genesis.toBytes()));
    g.put("hash", genesis.hash().toHex());

    BlockHeader b1 = mine(node, 1, genesis.hash(), 1_700_000_001_000L, Seal.NONE);
    header(out.putObject("block1"), b1);

    Submission s =
        new Submission(
            "sensor-1",
            "application/json",
            Bytes.utf8("{\"temperature\":21.5}"),
            1_700_000_001_500L,
            Bytes.parseHex("000102030405060708090a0b0c0d0e0f"));
    Key hData = s.dataKey();
    Hash hBlock = b1.hBlock();
    TxId txId = TxHashes.txId(hBlock, hData);
    long recordedAt = 1_700_000_001_600L;
    byte[] input = Record.signingInput(txId, hData, s, recordedAt, 1, b1.hash(), node.nodeId());
    Signature sig = node.sign(input);
    Record record = new Record(txId, hData, s, recordedAt, 1, b1.hash(), node.nodeId(), sig);
    ObjectNode sub = out.putObject("submission");
    sub.put("objectId", s.objectId());
    sub.put("contentType", s.contentType());
    sub.put("payloadUtf8", "{\"temperature\":21.5}");
    sub.put("timestamp", s.timestamp());
    sub.put("salt", s.salt().toHex());
    ObjectNode tx = out.putObject("transaction");
    tx.put(
        "hDataInput",
        Hex.encode(concat(s.payload().toByteArray(), i64(s.timestamp()), s.salt().toByteArray())));
    tx.put("hData", hData.toHex());
    tx.put("hBlockInput", Hex.encode(concat(i64(b1.no()), i64(b1.timestamp()), i64(b1.nonce()))));
    tx.put("hBlock", hBlock.toHex());
    tx.put("txId", txId.toHex());
    ObjectNode rec = out.putObject("record");
    rec.put("recordedAt", recordedAt);
    rec.put("body", Hex.encode(record.body()));
    rec.put("signingInput", Hex.encode(input));
    rec.put("signature", sig.toHex());
    rec.put("bytes", Hex.encode(record.toBytes()));
    rec.set("json", RecordJson.toJson(record));

    Hash root = MerkleTree.root(List.of(txId));
    Seal seal = new Seal(1, root, 1, null);
    BlockHeader b2 = mine(node, 2, b1.hash(), 1_700_000_002_000L, seal);
    ObjectNode block2 = out.putObject("block2");
    block2.put("leafHash", MerkleTree.leafHash(txId).toHex());
    header(block2, b2);
    approval(out, params, admin, node, record);
    return out;
  }

  /** §14: the endpoint's approval of the record, a replica's confirmation, the receipt. */
  private static void approval(
      ObjectNode out, NetworkParams params, NodeKeyPair admin, NodeKeyPair node, Record record) {
    NodeKeyPair endpoint = NodeKeyPair.fromSeedHex(ENDPOINT_SEED);
    NodeKeyPair replica = NodeKeyPair.fromSeedHex(REPLICA_SEED);
    ApproverCertificate cert =
        ApproverCertificate.issue(
            admin,
            params,
            endpoint.publicKey(),
            1_700_000_000_000L,
            1_731_536_000_000L,
            List.of(ApproverCertificate.ENDPOINT_ROLE));
    Approval a = Approval.sign(record, 1_700_000_002_500L, endpoint, cert);
    ObjectNode n = out.putObject("approval");
    n.put("endpointSeed", ENDPOINT_SEED);
    n.put("endpointPublicKey", endpoint.publicKey().toHex());
    n.put("certificate", Hex.encode(cert.toBytes()));
    n.put("approvedAt", a.approvedAt());
    n.put("recordDigest", a.recordDigest().toHex());
    n.put("signingInput", Hex.encode(a.signingInput()));
    n.put("signature", a.signature().toHex());
    n.put("bytes", Hex.encode(a.toBytes()));
    n.put("digest", a.digest().toHex());
    Confirmation c = Confirmation.sign(a, replica);
    ObjectNode cn = out.putObject("confirmation");
    cn.put("replicaSeed", REPLICA_SEED);
    cn.put("replicaPublicKey", replica.publicKey().toHex());
    cn.put("signingInput", Hex.encode(Confirmation.signingInput(a, replica.publicKey())));
    cn.put("signature", c.signature().toHex());
    ApprovalReceipt r = ApprovalReceipt.sign(a, 3, List.of(c), 1_700_000_002_600L, node);
    ObjectNode rn = out.putObject("approvalReceipt");
    rn.put("replicaSet", r.replicaSet());
    rn.put("verifiedAt", r.verifiedAt());
    rn.put("signingInput", Hex.encode(r.signingInput()));
    rn.put("signature", r.signature().toHex());
    rn.put("bytes", Hex.encode(r.toBytes()));
  }

  /** Mines block {@code no} at 8 leading zero bits (the default table's easiest entry). */
  private static BlockHeader mine(
      NodeKeyPair node, long no, Hash previous, long timestamp, Seal seal) {
    Difficulty d = Difficulty.leadingZeroBits(8);
    BlockHeader template =
        new BlockHeader(
            no, previous, timestamp, seal, d, 0, node.nodeId(), node.publicKey(), Signature.NONE);
    OptionalLong nonce = HeaderHasher.search(template.unsignedBytes(), d, 0, 1_000_000);
    BlockHeader unsigned =
        new BlockHeader(
            no,
            previous,
            timestamp,
            seal,
            d,
            nonce.orElseThrow(),
            node.nodeId(),
            node.publicKey(),
            Signature.NONE);
    return unsigned.withSignature(node.sign(BlockHeader.signingInput(unsigned.hash())));
  }

  private static void header(ObjectNode n, BlockHeader h) {
    n.put("no", h.no());
    n.put("timestamp", h.timestamp());
    n.put("nonce", h.nonce());
    n.put("difficulty", h.difficulty().toHex());
    n.put("unsignedBytes", Hex.encode(h.unsignedBytes()));
    n.put("hash", h.hash().toHex());
    n.put("sha256OfUnsigned", Hex.encode(Hashes.sha256(h.unsignedBytes())));
    n.put("signingInput", Hex.encode(BlockHeader.signingInput(h.hash())));
    n.put("signature", h.signature().toHex());
    n.put("bytes", Hex.encode(h.toBytes()));
  }

  private static byte[] i64(long v) {
    return new io.flowchain.core.codec.CanonicalWriter(8).i64(v).toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  /** Rewrites the vectors file: {@code args[0]} is its path. */
  public static void main(String[] args) throws Exception {
    Files.writeString(
        Path.of(args[0]),
        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(compute()) + "\n");
  }
}
