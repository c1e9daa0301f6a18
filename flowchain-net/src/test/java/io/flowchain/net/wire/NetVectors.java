package io.flowchain.net.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.ledger.Genesis;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.types.Hash;
import io.flowchain.core.types.Hex;
import io.flowchain.core.types.Key;
import io.flowchain.dht.Peer;
import io.flowchain.dht.message.CheckPredecessor;
import io.flowchain.dht.message.CheckSuccessor;
import io.flowchain.dht.message.CheckTtl;
import io.flowchain.dht.message.ChordMessage;
import io.flowchain.dht.message.FindSuccessor;
import io.flowchain.dht.message.FoundSuccessor;
import io.flowchain.dht.message.Message;
import io.flowchain.dht.message.NotifyJoin;
import io.flowchain.dht.message.NotifyLeave;
import io.flowchain.dht.message.NotifyPredecessor;
import io.flowchain.dht.message.NotifyStabilize;
import io.flowchain.dht.message.NotifySuccessor;
import io.flowchain.net.membership.CertificateJson;
import io.flowchain.net.membership.Handshake;
import io.flowchain.net.membership.MembershipCertificate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The test vectors of docs/protocol.md §11-12 (wire frames, membership certificate, handshake),
 * computed by the production code from fixed inputs. {@code NetVectorsTest} checks the committed
 * file against this; {@link #main} rewrites it (only when the protocol changes on purpose, with the
 * document).
 */
public final class NetVectors {
  static final ObjectMapper JSON = new ObjectMapper();
  // the keys and network of flowchain-core's vectors/ledger.json
  static final String NODE_SEED =
      "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
  static final String ADMIN_SEED =
      "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f";
  static final String PEER_SEED =
      "404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f";

  private NetVectors() {}

  public static ObjectNode compute() {
    NodeKeyPair node = NodeKeyPair.fromSeedHex(NODE_SEED);
    NodeKeyPair admin = NodeKeyPair.fromSeedHex(ADMIN_SEED);
    NodeKeyPair peer = NodeKeyPair.fromSeedHex(PEER_SEED);
    NetworkParams params =
        new NetworkParams(
            "vector-net",
            1_700_000_000_000L,
            NetworkParams.DEFAULT_TABLE,
            List.of(admin.publicKey()));
    Hash genesis = Genesis.of(params).hash();
    ObjectNode out = JSON.createObjectNode();
    out.put(
        "description",
        "Flowchain network test vectors (docs/protocol.md sections 11 and 12). All hex lower-case.");
    ObjectNode keys = out.putObject("keys");
    keys.put("nodeSeed", NODE_SEED);
    keys.put("nodePublicKey", node.publicKey().toHex());
    keys.put("nodeId", node.nodeId().toHex());
    keys.put("peerSeed", PEER_SEED);
    keys.put("peerPublicKey", peer.publicKey().toHex());
    keys.put("peerId", peer.nodeId().toHex());
    keys.put("adminSeed", ADMIN_SEED);
    keys.put("adminPublicKey", admin.publicKey().toHex());
    keys.put("genesisHash", genesis.toHex());

    MembershipCertificate cert =
        MembershipCertificate.issue(
            admin,
            genesis,
            node.publicKey(),
            1_700_000_000_000L,
            1_731_536_000_000L,
            List.of("gateway"));
    ObjectNode c = out.putObject("certificate");
    c.put("signingInput", Hex.encode(cert.signingInput()));
    c.put("signature", cert.signature().toHex());
    c.put("json", CertificateJson.toText(cert));

    byte[] nodeNonce = new byte[32];
    Arrays.fill(nodeNonce, (byte) 0x11);
    byte[] peerNonce = new byte[32];
    Arrays.fill(peerNonce, (byte) 0x22);
    String nodeAddress = "ws://127.0.0.1:7001";
    // over TLS the channel binding is the SHA-256 of the server's TLS certificate; 33.. stands in
    byte[] channel = new byte[32];
    Arrays.fill(channel, (byte) 0x33);
    String tlsAddress = "wss://127.0.0.1:7443";
    byte[] transcript =
        Handshake.transcript(
            genesis, channel, node.nodeId(), peer.nodeId(), peerNonce, nodeNonce, tlsAddress);
    ObjectNode h = out.putObject("handshake");
    h.put("channel", Hex.encode(channel));
    h.put("signer", node.nodeId().toHex());
    h.put("verifier", peer.nodeId().toHex());
    h.put("verifierNonce", Hex.encode(peerNonce));
    h.put("signerNonce", Hex.encode(nodeNonce));
    h.put("signerAddress", tlsAddress);
    h.put("transcript", Hex.encode(transcript));
    h.put("signature", node.sign(transcript).toHex());
    WireCodec codec = new WireCodec();
    h.put("helloFrame", codec.encode(new Hello(cert, nodeNonce, tlsAddress)));
    h.put("proofFrame", codec.encode(new Proof(node.sign(transcript))));

    Peer from = new Peer(node.nodeId(), nodeAddress);
    Peer other = new Peer(peer.nodeId(), "coap://[2001:db8::7]:5683");
    Key key = Key.of(Hex.decode("3716acb578c65fcf7f9f625caab3fd608a4388d2"));
    List<ChordMessage> messages =
        List.of(
            new NotifyStabilize(1),
            new NotifySuccessor(1, other, List.of(other, from)),
            new NotifyPredecessor(2),
            new NotifyJoin(3),
            new NotifyLeave(4, null, List.of(other)),
            new FindSuccessor(4611686018427387904L, 77, key, from, 2),
            new FoundSuccessor(77, key, other, List.of(other, from), 3),
            new CheckPredecessor(5),
            new CheckSuccessor(6),
            new CheckTtl(7),
            new Message(8, key, "{\"t\":21.5}".getBytes(StandardCharsets.UTF_8), from, 1, false));
    ObjectNode frames = out.putObject("frames");
    for (ChordMessage m : messages) {
      frames.put(m.type().name(), codec.encode(m, from));
    }
    out.put(
        "refusalFrame",
        codec.encode(new Refusal("not authenticated: send a hello and a proof first", 401)));
    return out;
  }

  /** Rewrites the vectors file: {@code args[0]} is its path. */
  public static void main(String[] args) throws Exception {
    Files.writeString(
        Path.of(args[0]),
        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(compute()) + "\n");
  }
}
