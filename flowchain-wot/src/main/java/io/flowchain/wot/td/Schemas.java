package io.flowchain.wot.td;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowchain.wot.WotJson;

/** Data schemas (TD 1.1 §5.3.2) of what the node's affordances read, take and emit. */
final class Schemas {
  private Schemas() {}

  static ObjectNode of(String type) {
    ObjectNode n = WotJson.MAPPER.createObjectNode();
    n.put("type", type);
    return n;
  }

  static ObjectNode hex(int digits, String description) {
    ObjectNode n = of("string");
    n.put("pattern", "^[0-9a-f]{" + digits + "}$");
    n.put("description", description);
    return n;
  }

  static ObjectNode integer(long minimum, String description) {
    ObjectNode n = of("integer");
    n.put("minimum", minimum);
    n.put("description", description);
    return n;
  }

  static ObjectNode nullable(ObjectNode schema) {
    ObjectNode n = WotJson.MAPPER.createObjectNode();
    ArrayNode one = n.putArray("oneOf");
    one.add(schema);
    one.add(of("null"));
    return n;
  }

  static ObjectNode objectId() {
    ObjectNode n = of("string");
    n.put("pattern", "^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$");
    n.put("description", "The object (device) id.");
    return n;
  }

  static ObjectNode ring() {
    ObjectNode n = of("object");
    ObjectNode p = n.putObject("properties");
    p.set("predecessor", nullable(of("string")));
    ObjectNode succ = of("array");
    succ.set("items", of("string"));
    p.set("successors", succ);
    return n;
  }

  static ObjectNode status() {
    ObjectNode n = of("object");
    ObjectNode p = n.putObject("properties");
    p.set("nodeId", hex(40, "The node id."));
    p.set("network", of("string"));
    p.set("member", of("boolean"));
    p.set("ring", ring());
    p.set("chainHeight", integer(0, "The number of the branch's last block."));
    p.set("validBlock", nullable(integer(1, "The block records go into now.")));
    p.set("records", integer(0, "Records in the node's branch."));
    p.set("counters", of("object"));
    return n;
  }

  static ObjectNode block() {
    ObjectNode n = of("object");
    ObjectNode p = n.putObject("properties");
    p.set("no", integer(0, "Block number."));
    p.set("hash", hex(64, "Block hash."));
    p.set("timestamp", integer(0, "When it was mined (ms since the epoch)."));
    p.set("miner", hex(40, "The miner's node id."));
    p.set("valid", of("boolean"));
    return n;
  }

  static ObjectNode record() {
    ObjectNode n = of("object");
    n.put("description", "A record as the ledger's JSON-LD (docs/protocol.md).");
    ObjectNode p = n.putObject("properties");
    p.set("txID", hex(64, "The transaction id."));
    p.set("dataKey", hex(40, "H_DATA, the record's key on the ring."));
    p.set("objectId", objectId());
    p.set("timestamp", integer(0, "When it was submitted (ms)."));
    p.set("blockNo", integer(1, "The block it was recorded in."));
    p.set("recorder", hex(40, "The node that recorded it."));
    return n;
  }

  static ObjectNode receipt() {
    ObjectNode n = of("object");
    ObjectNode p = n.putObject("properties");
    p.set("txID", hex(64, "The transaction id."));
    p.set("dataKey", hex(40, "H_DATA."));
    p.set("blockNo", integer(1, "The block it was recorded in."));
    p.set("copies", integer(1, "Durable copies the recorder knew of when it answered."));
    p.set("block", block());
    return n;
  }

  static ObjectNode verified() {
    ObjectNode n = of("object");
    ObjectNode p = n.putObject("properties");
    p.set("txID", hex(64, "The verified record's transaction id (the coin's id)."));
    p.set("dataKey", hex(40, "H_DATA."));
    p.set("recorder", hex(40, "The node that recorded it and earned the coin."));
    p.set("approver", hex(64, "The endpoint's public key."));
    p.set("approvedAt", integer(0, "When the endpoint approved it (ms)."));
    p.set("verifiedAt", integer(0, "When it became verified (ms)."));
    p.set("replicaSet", integer(1, "Members of the replica set, the recorder included."));
    p.set("confirmations", integer(0, "Replicas that confirmed it."));
    ObjectNode receipt = of("string");
    receipt.put("description", "The signed approval receipt, hex (docs/protocol.md §14).");
    p.set("receipt", receipt);
    return n;
  }

  static ObjectNode recordWithReceipt() {
    ObjectNode n = of("object");
    ObjectNode p = n.putObject("properties");
    p.set("record", record());
    p.set("receipt", receipt());
    return n;
  }

  static ObjectNode page() {
    ObjectNode n = of("object");
    ObjectNode p = n.putObject("properties");
    ObjectNode records = of("array");
    records.set("items", record());
    p.set("records", records);
    p.set("next", nullable(of("string")));
    p.set("nodesAnswered", integer(0, "Members that answered."));
    p.set("nodesUnreachable", integer(0, "Members that did not answer in time."));
    return n;
  }

  static ObjectNode deviceStatus() {
    ObjectNode n = of("object");
    ObjectNode p = n.putObject("properties");
    p.set("objectId", objectId());
    p.set("online", of("boolean"));
    p.set("connections", integer(0, "WebSocket connections open now."));
    p.set("readings", integer(0, "Readings acknowledged since the node started."));
    p.set("lastSeen", nullable(integer(0, "When it was last heard (ms).")));
    ObjectNode bindings = of("array");
    bindings.set("items", of("string"));
    p.set("bindings", bindings);
    return n;
  }
}
