#!/usr/bin/env python3
"""Recomputes every hash in the protocol test vectors from docs/protocol.md alone.

Independent of the Java code: only hashlib and the byte layouts of the spec. Signatures are not
checked here (no Ed25519 in the standard library); the Java tests check them with the JDK's own
Ed25519 as well as BouncyCastle's. Usage: tools/check-vectors.py [ledger.json] [merkle.json]
"""
import hashlib
import json
import struct
import sys

VECTORS = "flowchain-core/src/test/resources/vectors/"


def sha256(b):
    return hashlib.sha256(b).digest()


def sha256d(b):
    return sha256(sha256(b))


def i64(v):
    return struct.pack(">q", v)


def string(s):
    b = s.encode("utf-8")
    return struct.pack(">H", len(b)) + b


def tag(s):
    return s.encode("ascii") + b"\x00"


def leaf(t):
    return sha256(b"\x00" + t)


def node(l, r):
    return sha256(b"\x01" + l + r)


def mth(leaves):
    """RFC 6962 Merkle Tree Hash over txIDs, empty tree = 32 zero bytes (spec section 6)."""
    n = len(leaves)
    if n == 0:
        return bytes(32)
    if n == 1:
        return leaf(leaves[0])
    k = 1
    while k * 2 < n:
        k *= 2
    return node(mth(leaves[:k]), mth(leaves[k:]))


def parse_header(b):
    """Splits the 254 header bytes at the offsets of spec section 4."""
    assert len(b) == 254, len(b)
    f = {}
    f["version"] = b[0]
    f["no"] = struct.unpack(">q", b[1:9])[0]
    f["previousHash"] = b[9:41]
    f["timestamp"] = struct.unpack(">q", b[41:49])[0]
    f["sealedNo"] = struct.unpack(">q", b[49:57])[0]
    f["merkleRoot"] = b[57:89]
    f["recordCount"] = struct.unpack(">q", b[89:97])[0]
    f["sealStatus"] = b[97]
    f["difficulty"] = b[98:130]
    f["nonce"] = struct.unpack(">q", b[130:138])[0]
    f["minerId"] = b[138:158]
    f["minerKey"] = b[158:190]
    f["signature"] = b[190:254]
    f["hash"] = sha256d(b[:190])
    return f


def check(what, actual, expected):
    if actual != expected:
        sys.exit(f"MISMATCH {what}: computed {actual!r}, vectors say {expected!r}")
    print(f"ok  {what}")


def main():
    ledger = json.load(open(sys.argv[1] if len(sys.argv) > 1 else VECTORS + "ledger.json"))
    merkle = json.load(open(sys.argv[2] if len(sys.argv) > 2 else VECTORS + "merkle.json"))
    h = bytes.fromhex

    net = ledger["network"]
    admin = h(ledger["keys"]["adminPublicKey"])
    params = tag("flowchain/network/v1") + string(net["name"]) + i64(net["genesisTimestamp"])
    params += struct.pack(">H", len(net["difficultyTable"]))
    params += b"".join(h(t) for t in net["difficultyTable"])
    params += struct.pack(">H", 1) + admin
    check("network canonical bytes", params.hex(), net["canonicalBytes"])
    check("network digest", sha256(params).hex(), net["digest"])

    genesis = (b"\x01" + i64(0) + sha256(params) + i64(net["genesisTimestamp"]) + i64(0)
               + bytes(32) + i64(0) + b"\x00" + b"\xff" * 32 + i64(0) + bytes(20) + bytes(32)
               + bytes(64))
    check("genesis bytes", genesis.hex(), ledger["genesis"]["bytes"])
    check("genesis hash", sha256d(genesis[:190]).hex(), ledger["genesis"]["hash"])

    node_key = h(ledger["keys"]["nodePublicKey"])
    check("node id = SHA-1(public key)", hashlib.sha1(node_key).hexdigest(),
          ledger["keys"]["nodeId"])

    prev = sha256d(genesis[:190])
    blocks = {}
    for name in ("block1", "block2"):
        v = ledger[name]
        f = parse_header(h(v["bytes"]))
        check(name + " hash", f["hash"].hex(), v["hash"])
        check(name + " links to previous", f["previousHash"], prev)
        check(name + " meets difficulty", int.from_bytes(f["hash"], "big")
              <= int.from_bytes(f["difficulty"], "big"), True)
        check(name + " miner id", hashlib.sha1(f["minerKey"]).digest(), f["minerId"])
        check(name + " signing input", (tag("flowchain/block/v1") + f["hash"]).hex(),
              v["signingInput"])
        blocks[f["no"]] = f
        prev = f["hash"]

    sub = ledger["submission"]
    tx = ledger["transaction"]
    payload = sub["payloadUtf8"].encode("utf-8")
    salt = h(sub["salt"])
    h_data = hashlib.sha1(payload + i64(sub["timestamp"]) + salt).digest()
    check("H_DATA", h_data.hex(), tx["hData"])
    b1 = blocks[1]
    h_block = sha256(i64(b1["no"]) + i64(b1["timestamp"]) + i64(b1["nonce"]))
    check("H_BLOCK", h_block.hex(), tx["hBlock"])
    tx_id = sha256d(h_block + h_data)
    check("txID", tx_id.hex(), tx["txId"])

    rec = ledger["record"]
    body = (tx_id + h_data + string(sub["objectId"]) + i64(sub["timestamp"]) + salt
            + i64(rec["recordedAt"]) + i64(1) + b1["hash"] + b1["minerId"]
            + string(sub["contentType"]) + struct.pack(">I", len(payload)) + payload)
    check("record body", body.hex(), rec["body"])
    check("record signing input", (tag("flowchain/record/v1") + body).hex(), rec["signingInput"])
    check("record bytes", (body + h(rec["signature"])).hex(), rec["bytes"])
    check("record json txID", rec["json"]["txID"], tx_id.hex())

    b2 = blocks[2]
    check("block2 seals block 1", (b2["sealedNo"], b2["recordCount"], b2["sealStatus"]), (1, 1, 0))
    check("block2 merkle root", b2["merkleRoot"], mth([tx_id]))

    # section 14: approval, confirmation, receipt
    ap = ledger["approval"]
    endpoint = h(ap["endpointPublicKey"])
    record_bytes = body + h(rec["signature"])
    check("approval record digest", sha256(record_bytes).hex(), ap["recordDigest"])
    cert = (tag("flowchain/membership/v1") + sha256d(genesis[:190]) + endpoint
            + hashlib.sha1(endpoint).digest() + i64(1700000000000) + i64(1731536000000)
            + struct.pack(">H", 1) + string("endpoint") + admin)
    check("approver certificate (signed part)", ap["certificate"][: 2 * len(cert)], cert.hex())
    check("approver certificate length", len(h(ap["certificate"])), len(cert) + 64)
    signed = tx_id + h_data + sha256(record_bytes) + i64(ap["approvedAt"]) + endpoint
    check("approval signing input", (tag("flowchain/approval/v1") + signed).hex(),
          ap["signingInput"])
    cert_bytes = h(ap["certificate"])
    approval = signed + struct.pack(">I", len(cert_bytes)) + cert_bytes + h(ap["signature"])
    check("approval bytes", approval.hex(), ap["bytes"])
    check("approval digest", sha256(approval).hex(), ap["digest"])
    cf = ledger["confirmation"]
    replica = h(cf["replicaPublicKey"])
    check("confirmation signing input",
          (tag("flowchain/confirmation/v1") + sha256(approval) + tx_id + replica).hex(),
          cf["signingInput"])
    rc = ledger["approvalReceipt"]
    receipt = (struct.pack(">I", len(approval)) + approval + bytes([rc["replicaSet"], 1])
               + replica + h(cf["signature"]) + i64(rc["verifiedAt"]) + node_key)
    check("receipt signing input", (tag("flowchain/approval-receipt/v1") + receipt).hex(),
          rc["signingInput"])
    check("receipt bytes", (receipt + h(rc["signature"])).hex(), rc["bytes"])

    ids = [h(t) for t in merkle["txIds"]]
    for i, t in enumerate(ids):
        check(f"merkle txIds[{i}]", t, sha256(f"tx{i}".encode("ascii")))
    for r in merkle["roots"]:
        check(f"merkle root of {r['leaves']}", mth(ids[: r["leaves"]]).hex(), r["root"])
    print("all vectors check out")


if __name__ == "__main__":
    main()
