#!/usr/bin/env python3
"""Recomputes the byte layouts of the network vectors from docs/protocol.md sections 11-12 alone.

Independent of the Java code: only the standard library. It rebuilds the membership certificate's
signing input from the certificate's JSON fields and the handshake transcript from its fields, and
checks every wire frame's shape (fields, types, hex). Signatures are checked by the Java tests (with
BouncyCastle and with the JDK's own Ed25519). Usage: tools/check-net-vectors.py [net.json]
"""
import base64
import json
import re
import struct
import sys

VECTORS = "flowchain-net/src/test/resources/vectors/net.json"
HEX40 = re.compile(r"^[0-9a-f]{40}$")


def i64(v):
    return struct.pack(">q", v)


def string(s):
    b = s.encode("utf-8")
    return struct.pack(">H", len(b)) + b


def tag(s):
    return s.encode("ascii") + b"\x00"


def check(what, actual, expected):
    if actual != expected:
        sys.exit(f"MISMATCH {what}:\n  computed {actual}\n  expected {expected}")


def peer_ok(p):
    return set(p) == {"id", "address"} and HEX40.match(p["id"]) and 0 < len(p["address"]) < 256


FIELDS = {
    "NOTIFY_STABILIZE": {"type", "id"},
    "NOTIFY_PREDECESSOR": {"type", "id"},
    "NOTIFY_JOIN": {"type", "id"},
    "CHECK_PREDECESSOR": {"type", "id"},
    "CHECK_SUCCESSOR": {"type", "id"},
    "CHECK_TTL": {"type", "id"},
    "NOTIFY_SUCCESSOR": {"type", "id", "predecessor", "successors"},
    "NOTIFY_LEAVE": {"type", "id", "predecessor", "successors"},
    "FIND_SUCCESSOR": {"type", "id", "lookupId", "target", "origin", "hops"},
    "FOUND_SUCCESSOR": {"type", "id", "target", "successor", "successors", "hops"},
    "MESSAGE": {"type", "id", "key", "payload", "origin", "hops", "deliver"},
}


def main():
    v = json.load(open(sys.argv[1] if len(sys.argv) > 1 else VECTORS))
    c = json.loads(v["certificate"]["json"])
    signing = (
        tag("flowchain/membership/v1")
        + bytes.fromhex(c["genesisHash"])
        + bytes.fromhex(c["nodeKey"])
        + bytes.fromhex(c["nodeId"])
        + i64(c["notBefore"])
        + i64(c["notAfter"])
        + struct.pack(">H", len(c["roles"]))
        + b"".join(string(r) for r in c["roles"])
        + bytes.fromhex(c["issuer"])
    )
    check("certificate signing input", signing.hex(), v["certificate"]["signingInput"])
    check("certificate signature", c["signature"], v["certificate"]["signature"])
    h = v["handshake"]
    transcript = (
        tag("flowchain/handshake/v1")
        + bytes.fromhex(v["keys"]["genesisHash"])
        + bytes.fromhex(h["channel"])
        + bytes.fromhex(h["signer"])
        + bytes.fromhex(h["verifier"])
        + bytes.fromhex(h["verifierNonce"])
        + bytes.fromhex(h["signerNonce"])
        + string(h["signerAddress"])
    )
    check("handshake transcript", transcript.hex(), h["transcript"])
    hello = json.loads(h["helloFrame"])
    check("hello frame fields", set(hello["hello"]), {"version", "certificate", "nonce", "address"})
    check("hello certificate", hello["hello"]["certificate"], c)
    check("proof frame", json.loads(h["proofFrame"]), {"proof": {"signature": h["signature"]}})
    for name, text in v["frames"].items():
        f = json.loads(text)
        check(f"{name} frame fields", set(f), {"message", "from"})
        m = f["message"]
        check(f"{name} type", m["type"], name)
        check(f"{name} fields", set(m), FIELDS[name])
        check(f"{name} from", bool(peer_ok(f["from"])), True)
        check(f"{name} id is an integer", type(m["id"]), int)
        for p in m.get("successors", []) + [m[k] for k in ("origin", "successor") if k in m]:
            check(f"{name} peer", bool(peer_ok(p)), True)
        if "payload" in m:
            raw = base64.b64decode(m["payload"], validate=True)
            check(f"{name} payload is canonical base64", base64.b64encode(raw).decode(), m["payload"])
    check("refusal frame fields", set(json.loads(v["refusalFrame"])), {"error", "code"})
    print("all network vectors check out")


if __name__ == "__main__":
    main()
