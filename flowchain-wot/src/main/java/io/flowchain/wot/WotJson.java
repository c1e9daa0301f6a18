package io.flowchain.wot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowchain.core.approval.ApprovalReceipt;
import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.RecordJson;
import io.flowchain.core.store.LedgerStore.Cursor;
import io.flowchain.core.types.Hex;
import io.flowchain.core.types.TxId;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The JSON forms of what the web API and the broker answer with (docs/wot.md). */
public final class WotJson {
  /** One mapper for the module (thread-safe once configured). */
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private static final Pattern CURSOR = Pattern.compile("([0-9]{1,19})-([0-9a-f]{64})");

  private WotJson() {}

  /** A record as the ledger's JSON-LD form ({@link RecordJson}). */
  public static ObjectNode record(Record r) {
    return RecordJson.toJson(r);
  }

  /** The receipt of an acknowledged reading, with the header of the block it went into. */
  public static ObjectNode receipt(Submitted s) {
    ObjectNode n = compactReceipt(s);
    n.set("block", block(s.block(), null));
    return n;
  }

  /**
   * The receipt without the block header (under 1 KiB, one CoAP datagram; the header is at {@code
   * /api/blocks?from=<blockNo>&limit=1}).
   */
  public static ObjectNode compactReceipt(Submitted s) {
    Record r = s.record();
    ObjectNode n = MAPPER.createObjectNode();
    n.put("txID", r.txId().toHex());
    n.put("dataKey", r.dataKey().toHex());
    n.put("recordedAt", r.recordedAt());
    n.put("blockNo", r.blockNo());
    n.put("blockHash", r.blockHash().toHex());
    n.put("recorder", r.recorder().toHex());
    n.put("signature", r.signature().toHex());
    n.put("copies", s.copies());
    return n;
  }

  /**
   * A verified record's approval receipt (its Flowcoin), summarised: the record, the endpoint that
   * approved it, the confirmations of its replica set, when, and the receipt's canonical bytes
   * (docs/protocol.md §14) for anyone who wants to check the signatures.
   */
  public static ObjectNode verified(ApprovalReceipt receipt) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("txID", receipt.txId().toHex());
    n.put("dataKey", receipt.approval().dataKey().toHex());
    n.put("recorder", receipt.recorderId().toHex());
    n.put("approver", receipt.approval().approver().toHex());
    n.put("approvedAt", receipt.approval().approvedAt());
    n.put("verifiedAt", receipt.verifiedAt());
    n.put("replicaSet", receipt.replicaSet());
    n.put("confirmations", receipt.confirmations().size());
    n.put("receipt", Hex.encode(receipt.toBytes()));
    return n;
  }

  /** What a submit answers: the record and its receipt. */
  public static ObjectNode submitted(Submitted s) {
    ObjectNode n = MAPPER.createObjectNode();
    n.set("record", record(s.record()));
    n.set("receipt", receipt(s));
    return n;
  }

  /** A block header, and its invalid reason if it has one. */
  public static ObjectNode block(BlockHeader h, String invalidReason) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("no", h.no());
    n.put("hash", h.hash().toHex());
    n.put("previousHash", h.previousHash().toHex());
    n.put("timestamp", h.timestamp());
    n.put("sealedNo", h.seal().sealedNo());
    n.put("sealedRecords", h.seal().recordCount());
    if (h.seal().reason() != null) {
      n.put("sealedReason", h.seal().reason().name());
    }
    n.put("merkleRoot", h.merkleRoot().toHex());
    n.put("nonce", h.nonce());
    n.put("miner", h.minerId().toHex());
    n.put("minerKey", h.minerKey().toHex());
    n.put("signature", h.signature().toHex());
    n.put("header", java.util.HexFormat.of().formatHex(h.toBytes()));
    if (invalidReason != null) {
      n.put("invalidReason", invalidReason);
    }
    n.put("valid", invalidReason == null);
    return n;
  }

  public static ArrayNode blocks(List<BlockInfo> blocks) {
    ArrayNode a = MAPPER.createArrayNode();
    for (BlockInfo b : blocks) {
      a.add(block(b.header(), b.invalidReason()));
    }
    return a;
  }

  /** A page of a time series; {@code next} is the cursor of the next page or null. */
  public static ObjectNode page(RecordPage p) {
    ObjectNode n = MAPPER.createObjectNode();
    ArrayNode records = n.putArray("records");
    p.records().forEach(r -> records.add(record(r)));
    if (p.next() == null) {
      n.putNull("next");
    } else {
      n.put("next", cursor(p.next()));
    }
    n.put("nodesAnswered", p.nodesAnswered());
    n.put("nodesUnreachable", p.nodesUnreachable());
    return n;
  }

  public static ObjectNode status(NodeStatus s) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("nodeId", s.nodeId());
    n.put("network", s.network());
    n.put("member", s.member());
    n.put("address", s.address());
    n.set("ring", ring(s));
    n.put("chainHeight", s.chainHeight());
    if (s.validBlock() == null) {
      n.putNull("validBlock");
    } else {
      n.put("validBlock", s.validBlock());
    }
    n.put("records", s.records());
    ObjectNode c = n.putObject("counters");
    s.counters().entrySet().stream()
        .sorted(java.util.Map.Entry.comparingByKey())
        .forEach(e -> c.put(e.getKey(), e.getValue()));
    return n;
  }

  /** The node's ring neighbours. */
  public static ObjectNode ring(NodeStatus s) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("predecessor", s.predecessor());
    ArrayNode succ = n.putArray("successors");
    s.successors().forEach(succ::add);
    return n;
  }

  /** The ring members a node knows ({@code GET /api/ring/members}). */
  public static ObjectNode ringMembers(RingMembers m) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("member", m.member());
    n.put("wholeRing", m.wholeRing());
    ArrayNode a = n.putArray("members");
    for (RingMember r : m.members()) {
      ObjectNode o = a.addObject();
      o.put("nodeId", r.nodeId());
      o.put("address", r.address());
      ArrayNode roles = o.putArray("roles");
      r.roles().forEach(roles::add);
      o.put("state", r.state());
      if (r.balance() == null) {
        o.putNull("balance");
      } else {
        o.put("balance", r.balance());
      }
    }
    return n;
  }

  /** A page cursor as the API shows it: {@code <timestamp>-<txID>}. */
  public static String cursor(Cursor c) {
    return c.timestamp() + "-" + c.txId().toHex();
  }

  /**
   * Parses a cursor of {@link #cursor(Cursor)}.
   *
   * @throws IllegalArgumentException if it is not one
   */
  public static Cursor parseCursor(String s) {
    Matcher m = s == null ? null : CURSOR.matcher(s);
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException(
          "'after' must be the 'next' cursor of a previous page (<timestamp>-<txID>)");
    }
    return new Cursor(Long.parseLong(m.group(1)), TxId.parse(m.group(2)));
  }
}
