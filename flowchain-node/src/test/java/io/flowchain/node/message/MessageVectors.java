package io.flowchain.node.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.Submission;
import io.flowchain.core.types.Bytes;
import io.flowchain.core.types.Hex;
import io.flowchain.core.types.Key;
import io.flowchain.core.types.NodeId;
import io.flowchain.dht.Peer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger-message test vectors of docs/protocol.md §13, built from fixed inputs (the record and
 * block 1 of the core vectors, {@code vectors/ledger.json}). {@code LedgerCodecTest} checks the
 * committed file against them; {@link #main} rewrites it (only when the format changes on purpose,
 * together with the document).
 */
public final class MessageVectors {
  static final Path FILE = Path.of("src/test/resources/vectors/ledger-messages.json");

  private MessageVectors() {}

  static JsonNode coreVectors() {
    try (InputStream in = MessageVectors.class.getResourceAsStream("/vectors/ledger.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The submission of the core vectors. */
  static Submission submission() {
    JsonNode s = coreVectors().get("submission");
    return new Submission(
        s.get("objectId").asText(),
        s.get("contentType").asText(),
        Bytes.utf8(s.get("payloadUtf8").asText()),
        Long.parseLong(s.get("timestamp").asText()),
        Bytes.of(Hex.decode(s.get("salt").asText(), 16, "salt")));
  }

  static Record record() {
    return Record.parse(Hex.decode(coreVectors().get("record").get("bytes").asText()));
  }

  static BlockHeader block1() {
    return BlockHeader.parse(Hex.decode(coreVectors().get("block1").get("bytes").asText()));
  }

  static Peer origin() {
    return new Peer(NodeId.of(Hex.decode("11".repeat(20))), "127.0.0.1:7001");
  }

  /** Name → message, in document order. */
  static Map<String, LedgerMessage> messages() {
    Map<String, LedgerMessage> m = new LinkedHashMap<>();
    m.put("failure", new Failure(1, FailureReason.NO_VALID_BLOCK, "no valid block yet"));
    m.put(
        "getByKey",
        Get.byKey(
            0x0102030405060708L, origin(), Key.parse("3716acb578c65fcf7f9f625caab3fd608a4388d2")));
    m.put("replicaAck", new ReplicaAck(9, 3, 0));
    m.put("submit", new Submit(42, origin(), submission()));
    m.put("receipt", Receipt.of(7, record(), block1(), 3));
    m.put("found", new Found(8, record(), block1()));
    m.put("replicate", Replicate.of(10, List.of(new RecordAndBlock(record(), block1()))));
    m.put("notFound", new NotFound(11, List.of(origin())));
    m.put("subscribe", new Subscribe(12, origin(), Subscribe.ALL, 30_000));
    m.put("balance", new Balance(13, origin()));
    m.put("balanceIs", new BalanceIs(14, origin().id(), 3));
    m.put("approve", new Approve(15, origin(), approval()));
    m.put("approved", new Approved(16, approvalReceipt()));
    m.put("branch", new BranchRequest(17, origin(), 1, 0, 163_840));
    m.put(
        "branchPage",
        new BranchPage(
            18,
            1,
            List.of(new BranchPage.Section(block1(), null, 0, 1, List.of(record()))),
            List.of(approvalReceipt()),
            false,
            List.of(origin())));
    return m;
  }

  /** The approval of the core vectors (§14): the record approved by the vector endpoint. */
  static io.flowchain.core.approval.Approval approval() {
    return io.flowchain.core.approval.Approval.parse(
        Hex.decode(coreVectors().get("approval").get("bytes").asText()));
  }

  /** The approval receipt of the core vectors. */
  static io.flowchain.core.approval.ApprovalReceipt approvalReceipt() {
    return io.flowchain.core.approval.ApprovalReceipt.parse(
        Hex.decode(coreVectors().get("approvalReceipt").get("bytes").asText()));
  }

  /** Name → hex of the encoded message. */
  static Map<String, String> compute() {
    Map<String, String> out = new LinkedHashMap<>();
    messages().forEach((name, msg) -> out.put(name, Hex.encode(LedgerCodec.encode(msg))));
    return out;
  }

  public static void main(String[] args) throws IOException {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Map<String, Object> file = new LinkedHashMap<>();
    file.put(
        "description",
        "Ledger message test vectors (docs/protocol.md §13): name -> hex of the encoded message."
            + " Record and block header from vectors/ledger.json of flowchain-core.");
    file.put("messages", compute());
    Files.writeString(FILE, json.writeValueAsString(file) + "\n");
  }
}
