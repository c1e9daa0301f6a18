package io.flowchain.net.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.flowchain.core.crypto.Signature;
import io.flowchain.core.types.Hex;
import io.flowchain.core.types.Key;
import io.flowchain.core.types.NodeId;
import io.flowchain.core.types.RingId;
import io.flowchain.dht.Peer;
import io.flowchain.dht.message.CheckPredecessor;
import io.flowchain.dht.message.CheckSuccessor;
import io.flowchain.dht.message.CheckTtl;
import io.flowchain.dht.message.ChordMessage;
import io.flowchain.dht.message.FindSuccessor;
import io.flowchain.dht.message.FoundSuccessor;
import io.flowchain.dht.message.Message;
import io.flowchain.dht.message.MessageType;
import io.flowchain.dht.message.NotifyJoin;
import io.flowchain.dht.message.NotifyLeave;
import io.flowchain.dht.message.NotifyPredecessor;
import io.flowchain.dht.message.NotifyStabilize;
import io.flowchain.dht.message.NotifySuccessor;
import io.flowchain.net.membership.CertificateJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Maps {@link Frame}s to and from JSON text (docs/protocol.md §11). Encoding writes fields in a
 * fixed order; decoding accepts any order but nothing else: a frame larger than the limit, invalid
 * JSON, an unknown, missing, duplicated or mistyped field, upper-case hex, non-canonical base64 or
 * an out-of-range number is a {@link WireException}, never another exception. Ring points ({@code
 * target}, {@code key}) decode as {@link Key}, node ids as {@link NodeId}. Thread-safe.
 */
public final class WireCodec {
  /** The default largest frame: 256 KiB of UTF-8. */
  public static final int DEFAULT_MAX_FRAME_BYTES = 256 * 1024;

  /** The longest peer address. */
  public static final int MAX_ADDRESS_LENGTH = 255;

  /** The longest peer list (a successor list; r is at most 64). */
  public static final int MAX_PEERS = 64;

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final Set<String> CHORD_FRAME = Set.of("message", "from");
  private static final Set<String> PEER = Set.of("id", "address");
  private static final Set<String> ID_ONLY = Set.of("type", "id");
  private static final Set<String> NEIGHBOURS = Set.of("type", "id", "predecessor", "successors");
  private static final Set<String> FIND =
      Set.of("type", "id", "lookupId", "target", "origin", "hops");
  private static final Set<String> FOUND =
      Set.of("type", "id", "target", "successor", "successors", "hops");
  private static final Set<String> MESSAGE =
      Set.of("type", "id", "key", "payload", "origin", "hops", "deliver");
  private static final Set<String> HELLO = Set.of("version", "certificate", "nonce", "address");

  private final int maxFrameBytes;

  public WireCodec(int maxFrameBytes) {
    if (maxFrameBytes < 1024) {
      throw new IllegalArgumentException("max frame size must be at least 1024 bytes");
    }
    this.maxFrameBytes = maxFrameBytes;
  }

  public WireCodec() {
    this(DEFAULT_MAX_FRAME_BYTES);
  }

  public int maxFrameBytes() {
    return maxFrameBytes;
  }

  // ---- encoding

  /** The text of {@code frame}; a frame over the size limit is a {@link WireException} (413). */
  public String encode(Frame frame) {
    StringWriter out = new StringWriter(128);
    try (JsonGenerator g = generator(out)) {
      g.writeStartObject();
      if (frame instanceof ChordFrame c) {
        g.writeFieldName("message");
        writeMessage(g, c.message());
        g.writeFieldName("from");
        writePeer(g, c.from());
      } else if (frame instanceof Hello h) {
        g.writeObjectFieldStart("hello");
        g.writeNumberField("version", Hello.VERSION);
        g.writeFieldName("certificate");
        CertificateJson.write(g, h.certificate());
        g.writeStringField("nonce", Hex.encode(h.nonce()));
        g.writeStringField("address", h.address());
        g.writeEndObject();
        if (h.proof() != null) {
          writeProof(g, h.proof());
        }
      } else if (frame instanceof Proof p) {
        writeProof(g, p);
      } else if (frame instanceof Refusal r) {
        g.writeStringField("error", r.error());
        g.writeNumberField("code", r.code());
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String text = out.toString();
    if (utf8Length(text) > maxFrameBytes) {
      throw new WireException(
          Refusal.TOO_LARGE, "frame of " + utf8Length(text) + " bytes exceeds " + maxFrameBytes);
    }
    return text;
  }

  /** Shorthand for {@code encode(new ChordFrame(message, from))}. */
  public String encode(ChordMessage message, Peer from) {
    return encode(new ChordFrame(message, from));
  }

  /**
   * The UTF-8 bytes of {@code encode(message, from)}, written straight into bytes (no intermediate
   * string): what a binding puts into a text frame. A frame over the size limit is a {@link
   * WireException} (413).
   */
  public byte[] encodeUtf8(ChordMessage message, Peer from) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeFieldName("message");
      writeMessage(g, message);
      g.writeFieldName("from");
      writePeer(g, from);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (out.size() > maxFrameBytes) {
      throw new WireException(
          Refusal.TOO_LARGE, "frame of " + out.size() + " bytes exceeds " + maxFrameBytes);
    }
    return out.toByteArray();
  }

  public static JsonGenerator generator(Writer out) throws IOException {
    return FACTORY.createGenerator(out);
  }

  private static void writeProof(JsonGenerator g, Proof p) throws IOException {
    g.writeObjectFieldStart("proof");
    g.writeStringField("signature", p.signature().toHex());
    g.writeEndObject();
  }

  private static void writeMessage(JsonGenerator g, ChordMessage m) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", m.type().name());
    g.writeNumberField("id", m.requestId());
    if (m instanceof NotifySuccessor n) {
      writeNeighbours(g, n.predecessor(), n.successors());
    } else if (m instanceof NotifyLeave n) {
      writeNeighbours(g, n.predecessor(), n.successors());
    } else if (m instanceof FindSuccessor f) {
      g.writeNumberField("lookupId", f.lookupId());
      g.writeStringField("target", f.target().toHex());
      g.writeFieldName("origin");
      writePeer(g, f.origin());
      g.writeNumberField("hops", f.hops());
    } else if (m instanceof FoundSuccessor f) {
      g.writeStringField("target", f.target().toHex());
      g.writeFieldName("successor");
      writePeer(g, f.successor());
      writePeers(g, "successors", f.successors());
      g.writeNumberField("hops", checkHops(f.hops()));
    } else if (m instanceof Message msg) {
      g.writeStringField("key", msg.key().toHex());
      // Jackson's default variant is RFC 4648 base64 with padding and no line feeds
      g.writeBinaryField("payload", msg.payload());
      g.writeFieldName("origin");
      writePeer(g, msg.origin());
      g.writeNumberField("hops", msg.hops());
      g.writeBooleanField("deliver", msg.deliver());
    }
    g.writeEndObject();
  }

  private static int checkHops(int hops) {
    if (hops < 0) {
      throw new WireException("hop count must not be negative: " + hops);
    }
    return hops;
  }

  private static void writeNeighbours(JsonGenerator g, Peer predecessor, List<Peer> successors)
      throws IOException {
    g.writeFieldName("predecessor");
    if (predecessor == null) {
      g.writeNull();
    } else {
      writePeer(g, predecessor);
    }
    writePeers(g, "successors", successors);
  }

  private static void writePeers(JsonGenerator g, String field, List<Peer> peers)
      throws IOException {
    if (peers.size() > MAX_PEERS) {
      throw new WireException("peer list of " + peers.size() + " exceeds " + MAX_PEERS);
    }
    g.writeArrayFieldStart(field);
    for (Peer p : peers) {
      writePeer(g, p);
    }
    g.writeEndArray();
  }

  private static void writePeer(JsonGenerator g, Peer p) throws IOException {
    checkAddress(p.address());
    g.writeStartObject();
    g.writeStringField("id", p.id().toHex());
    g.writeStringField("address", p.address());
    g.writeEndObject();
  }

  // ---- decoding

  /** Parses one frame; anything but a valid frame is a {@link WireException}. */
  public Frame decode(String text) {
    if (text == null) {
      throw new WireException("frame is missing");
    }
    int bytes = utf8Length(text);
    if (bytes > maxFrameBytes) {
      throw new WireException(
          Refusal.TOO_LARGE, "frame of " + bytes + " bytes exceeds the limit of " + maxFrameBytes);
    }
    JsonNode root = StrictJson.parseObject(text, "frame");
    try {
      if (root.has("message") || root.has("from")) {
        StrictJson.fields(root, "frame", CHORD_FRAME, Set.of());
        return new ChordFrame(readMessage(root.get("message")), readPeer(root.get("from"), "from"));
      }
      if (root.has("hello")) {
        StrictJson.fields(root, "frame", Set.of("hello"), Set.of("proof"));
        return readHello(root);
      }
      if (root.has("proof")) {
        StrictJson.fields(root, "frame", Set.of("proof"), Set.of());
        return readProof(root.get("proof"));
      }
      if (root.has("error")) {
        StrictJson.fields(root, "frame", Set.of("error", "code"), Set.of());
        return new Refusal(
            StrictJson.text(root, "error", "frame"),
            (int) StrictJson.integer(root, "code", "frame", 100, 599));
      }
    } catch (WireException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new WireException(e.getMessage());
    }
    throw new WireException(
        "frame must have \"message\" and \"from\", \"hello\", \"proof\" or \"error\"");
  }

  /** Decodes a Chord frame; any other valid frame is a {@link WireException} too. */
  public ChordFrame decodeChordFrame(String text) {
    if (decode(text) instanceof ChordFrame c) {
      return c;
    }
    throw new WireException("expected a Chord frame (\"message\" and \"from\")");
  }

  private static Hello readHello(JsonNode root) {
    JsonNode h = root.get("hello");
    StrictJson.fields(h, "hello", HELLO, Set.of());
    StrictJson.integer(h, "version", "hello", Hello.VERSION, Hello.VERSION);
    Hello hello =
        new Hello(
            CertificateJson.fromJson(h.get("certificate")),
            StrictJson.hex(h, "nonce", "hello", Hello.NONCE_SIZE),
            StrictJson.text(h, "address", "hello"));
    return root.has("proof") ? hello.withProof(readProof(root.get("proof"))) : hello;
  }

  private static Proof readProof(JsonNode p) {
    StrictJson.fields(p, "proof", Set.of("signature"), Set.of());
    return new Proof(Signature.of(StrictJson.hex(p, "signature", "proof", Signature.SIZE)));
  }

  private static ChordMessage readMessage(JsonNode m) {
    if (m == null || !m.isObject()) {
      throw new WireException("frame.message must be a JSON object");
    }
    String typeName = StrictJson.text(m, "type", "message");
    MessageType type;
    try {
      type = MessageType.valueOf(typeName);
    } catch (IllegalArgumentException e) {
      throw new WireException("message.type \"" + typeName + "\" is not a known message type");
    }
    String what = "message(" + typeName + ")";
    Set<String> fields =
        switch (type) {
          case NOTIFY_STABILIZE,
              NOTIFY_PREDECESSOR,
              NOTIFY_JOIN,
              CHECK_PREDECESSOR,
              CHECK_SUCCESSOR,
              CHECK_TTL ->
              ID_ONLY;
          case NOTIFY_SUCCESSOR, NOTIFY_LEAVE -> NEIGHBOURS;
          case FIND_SUCCESSOR -> FIND;
          case FOUND_SUCCESSOR -> FOUND;
          case MESSAGE -> MESSAGE;
        };
    StrictJson.fields(m, what, fields, Set.of());
    long id = StrictJson.int64(m, "id", what);
    return switch (type) {
      case NOTIFY_STABILIZE -> new NotifyStabilize(id);
      case NOTIFY_PREDECESSOR -> new NotifyPredecessor(id);
      case NOTIFY_JOIN -> new NotifyJoin(id);
      case CHECK_PREDECESSOR -> new CheckPredecessor(id);
      case CHECK_SUCCESSOR -> new CheckSuccessor(id);
      case CHECK_TTL -> new CheckTtl(id);
      case NOTIFY_SUCCESSOR ->
          new NotifySuccessor(id, optionalPeer(m, what), readPeers(m, "successors", what));
      case NOTIFY_LEAVE ->
          new NotifyLeave(id, optionalPeer(m, what), readPeers(m, "successors", what));
      case FIND_SUCCESSOR ->
          new FindSuccessor(
              id,
              StrictJson.int64(m, "lookupId", what),
              ringPoint(m, "target", what),
              readPeer(m.get("origin"), what + ".origin"),
              hops(m, what));
      case FOUND_SUCCESSOR ->
          new FoundSuccessor(
              id,
              ringPoint(m, "target", what),
              readPeer(m.get("successor"), what + ".successor"),
              readPeers(m, "successors", what),
              hops(m, what));
      case MESSAGE ->
          new Message(
              id,
              ringPoint(m, "key", what),
              StrictJson.base64(m, "payload", what),
              readPeer(m.get("origin"), what + ".origin"),
              hops(m, what),
              StrictJson.bool(m, "deliver", what));
    };
  }

  private static int hops(JsonNode m, String what) {
    return (int) StrictJson.integer(m, "hops", what, 0, Integer.MAX_VALUE);
  }

  private static RingId ringPoint(JsonNode m, String field, String what) {
    return Key.of(StrictJson.hex(m, field, what, RingId.SIZE));
  }

  private static Peer optionalPeer(JsonNode m, String what) {
    JsonNode p = m.get("predecessor");
    return p.isNull() ? null : readPeer(p, what + ".predecessor");
  }

  private static List<Peer> readPeers(JsonNode m, String field, String what) {
    List<Peer> out = new ArrayList<>();
    for (JsonNode p : StrictJson.array(m, field, what, MAX_PEERS)) {
      out.add(readPeer(p, what + "." + field + "[]"));
    }
    return out;
  }

  private static Peer readPeer(JsonNode p, String what) {
    StrictJson.fields(p, what, PEER, Set.of());
    String address = StrictJson.text(p, "address", what);
    checkAddress(address);
    return new Peer(NodeId.of(StrictJson.hex(p, "id", what, NodeId.SIZE)), address);
  }

  /** A peer address: 1 to 255 printable ASCII characters without spaces. */
  public static void checkAddress(String address) {
    if (address == null || address.isEmpty() || address.length() > MAX_ADDRESS_LENGTH) {
      throw new WireException("peer address must be 1 to " + MAX_ADDRESS_LENGTH + " characters");
    }
    for (int i = 0; i < address.length(); i++) {
      char c = address.charAt(i);
      if (c <= ' ' || c > '~') {
        throw new WireException("peer address must be printable ASCII without spaces: " + address);
      }
    }
  }

  /** The number of UTF-8 bytes of {@code s}. */
  static int utf8Length(String s) {
    int n = s.length();
    int bytes = n;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        if (c < 0x800) {
          bytes += 1;
        } else if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          bytes += 2;
          i++;
        } else {
          bytes += 2;
        }
      }
    }
    return bytes;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
