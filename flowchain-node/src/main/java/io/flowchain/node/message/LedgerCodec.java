package io.flowchain.node.message;

import io.flowchain.core.approval.Approval;
import io.flowchain.core.approval.ApprovalReceipt;
import io.flowchain.core.approval.Confirmation;
import io.flowchain.core.codec.CanonicalReader;
import io.flowchain.core.codec.CanonicalWriter;
import io.flowchain.core.crypto.NodePublicKey;
import io.flowchain.core.crypto.Signature;
import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.InvalidReason;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.Submission;
import io.flowchain.core.store.LedgerStore.Cursor;
import io.flowchain.core.types.Bytes;
import io.flowchain.core.types.Hash;
import io.flowchain.core.types.Key;
import io.flowchain.core.types.NodeId;
import io.flowchain.core.types.TxId;
import io.flowchain.dht.Peer;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of {@link LedgerMessage}s (docs/protocol.md §13): a version byte, a kind byte,
 * then the fields in the canonical encoding of {@link CanonicalWriter}; records and block headers
 * are embedded as their canonical bytes, exactly what their signatures cover.
 *
 * <p>Decoding is strict: any truncation, trailing byte, unknown version or kind, out-of-range count
 * or field that its type refuses gives a {@link MalformedMessageException} naming the problem,
 * never another exception. Stateless and thread-safe.
 */
public final class LedgerCodec {
  /** The version byte every message starts with. */
  public static final int VERSION = 1;

  private static final int BY_KEY = 1;
  private static final int BY_TXID = 2;

  private LedgerCodec() {}

  /** The bytes of {@code message}. */
  public static byte[] encode(LedgerMessage message) {
    CanonicalWriter w = new CanonicalWriter(256);
    w.u8(VERSION).u8(message.kind().code());
    switch (message.kind()) {
      case SUBMIT -> {
        Submit m = (Submit) message;
        w.i64(m.requestId());
        peer(w, m.origin());
        Submission s = m.submission();
        w.string(s.objectId())
            .string(s.contentType())
            .i64(s.timestamp())
            .raw(s.salt().toByteArray())
            .bytes(s.payload().toByteArray());
      }
      case RECEIPT -> {
        Receipt m = (Receipt) message;
        w.i64(m.requestId())
            .fixed(m.txId().hash())
            .fixed(m.dataKey())
            .i64(m.recordedAt())
            .i64(m.blockNo())
            .fixed(m.blockHash())
            .fixed(m.recorder())
            .fixed(m.signature())
            .raw(m.block().toBytes())
            .u8(m.copies());
      }
      case FAILURE -> {
        Failure m = (Failure) message;
        w.i64(m.requestId()).u8(m.reason().code()).string(m.message());
      }
      case REPLICATE -> {
        Replicate m = (Replicate) message;
        w.i64(m.batchId());
        batch(w, m.headers(), m.records());
      }
      case REPLICA_ACK -> {
        ReplicaAck m = (ReplicaAck) message;
        w.i64(m.batchId()).u16(m.stored()).u16(m.refused());
      }
      case GET -> {
        Get m = (Get) message;
        w.i64(m.requestId());
        peer(w, m.origin());
        if (m.dataKey() != null) {
          w.u8(BY_KEY).fixed(m.dataKey());
        } else {
          w.u8(BY_TXID).fixed(m.txId().hash());
        }
      }
      case FOUND -> {
        Found m = (Found) message;
        w.i64(m.requestId()).raw(m.block().toBytes()).bytes(m.record().toBytes());
      }
      case NOT_FOUND -> {
        NotFound m = (NotFound) message;
        w.i64(m.requestId());
        peers(w, m.successors());
      }
      case QUERY -> {
        Query m = (Query) message;
        w.i64(m.requestId());
        peer(w, m.origin());
        w.string(m.objectId()).i64(m.fromMillis()).i64(m.toMillis()).u16(m.limit());
        if (m.after() == null) {
          w.u8(0);
        } else {
          w.u8(1).i64(m.after().timestamp()).fixed(m.after().txId().hash());
        }
      }
      case QUERY_PAGE -> {
        QueryPage m = (QueryPage) message;
        w.i64(m.requestId()).u8(m.more() ? 1 : 0);
        batch(w, m.headers(), m.records());
        peers(w, m.successors());
      }
      case TRANSFER -> {
        Transfer m = (Transfer) message;
        w.i64(m.batchId()).u8(m.reason().code());
        batch(w, m.headers(), m.records());
      }
      case SUBSCRIBE -> {
        Subscribe m = (Subscribe) message;
        w.i64(m.requestId());
        peer(w, m.subscriber());
        w.string(m.objectId()).i64(m.ttlMillis());
      }
      case SUBSCRIBED -> {
        Subscribed m = (Subscribed) message;
        w.i64(m.requestId());
        peers(w, m.successors());
      }
      case RECORDED -> {
        Recorded m = (Recorded) message;
        w.raw(m.block().toBytes()).bytes(m.record().toBytes());
      }
      case APPROVE -> {
        Approve m = (Approve) message;
        w.i64(m.requestId());
        peer(w, m.origin());
        w.bytes(m.approval().toBytes());
      }
      case CONFIRM -> {
        Confirm m = (Confirm) message;
        w.i64(m.requestId());
        peer(w, m.origin());
        w.bytes(m.approval().toBytes()).raw(m.block().toBytes()).bytes(m.record().toBytes());
      }
      case CONFIRMED -> {
        Confirmed m = (Confirmed) message;
        w.i64(m.requestId()).fixed(m.confirmation().replica()).fixed(m.confirmation().signature());
      }
      case APPROVED -> {
        Approved m = (Approved) message;
        w.i64(m.requestId()).bytes(m.receipt().toBytes());
      }
      case RECEIPTS -> {
        Receipts m = (Receipts) message;
        w.i64(m.batchId()).u16(m.receipts().size());
        m.receipts().forEach(r -> w.bytes(r.toBytes()));
      }
      case BALANCE -> {
        Balance m = (Balance) message;
        w.i64(m.requestId());
        peer(w, m.origin());
      }
      case BALANCE_IS -> {
        BalanceIs m = (BalanceIs) message;
        w.i64(m.requestId()).fixed(m.node()).i64(m.coins());
      }
      case BRANCH -> {
        BranchRequest m = (BranchRequest) message;
        w.i64(m.requestId());
        peer(w, m.origin());
        w.i64(m.fromBlock()).u32(m.fromRecord()).u32(m.maxBytes());
      }
      case BRANCH_PAGE -> {
        BranchPage m = (BranchPage) message;
        w.i64(m.requestId()).i64(m.height()).u16(m.blocks().size());
        for (BranchPage.Section s : m.blocks()) {
          w.raw(s.header().toBytes())
              .u8(s.label() == null ? 0 : s.label().code())
              .u32(s.first())
              .u32(s.total())
              .u16(s.records().size());
          s.records().forEach(rec -> w.bytes(rec.toBytes()));
        }
        w.u16(m.receipts().size());
        m.receipts().forEach(a -> w.bytes(a.toBytes()));
        w.u8(m.more() ? 1 : 0);
        peers(w, m.successors());
      }
    }
    return w.toByteArray();
  }

  /**
   * The message in {@code bytes}.
   *
   * @throws MalformedMessageException if the bytes are not exactly one well-formed message
   */
  public static LedgerMessage decode(byte[] bytes) {
    if (bytes == null || bytes.length < 2) {
      throw new MalformedMessageException("a ledger message has at least 2 bytes");
    }
    if (bytes.length > Limits.MAX_MESSAGE_BYTES) {
      throw new MalformedMessageException(
          "message of " + bytes.length + " bytes exceeds " + Limits.MAX_MESSAGE_BYTES);
    }
    CanonicalReader r = new CanonicalReader(bytes);
    int version = r.u8();
    if (version != VERSION) {
      throw new MalformedMessageException("unsupported ledger message version " + version);
    }
    int code = r.u8();
    LedgerMessage.Kind kind = LedgerMessage.Kind.ofCode(code);
    if (kind == null) {
      throw new MalformedMessageException("unknown ledger message kind " + code);
    }
    try {
      LedgerMessage m = decode(kind, r);
      r.expectEnd();
      return m;
    } catch (MalformedMessageException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new MalformedMessageException(
          "malformed " + kind + " message: " + e.getMessage() + " (at offset " + r.position() + ")",
          e);
    }
  }

  private static LedgerMessage decode(LedgerMessage.Kind kind, CanonicalReader r) {
    return switch (kind) {
      case SUBMIT -> {
        long id = r.i64();
        Peer origin = peer(r);
        String objectId = r.string();
        String contentType = r.string();
        long timestamp = r.i64();
        Bytes salt = Bytes.of(r.raw(Submission.SALT_SIZE));
        Bytes payload = Bytes.of(r.bytes());
        yield new Submit(
            id, origin, new Submission(objectId, contentType, payload, timestamp, salt));
      }
      case RECEIPT ->
          new Receipt(
              r.i64(),
              new TxId(Hash.of(r.raw(Hash.SIZE))),
              Key.of(r.raw(Key.SIZE)),
              r.i64(),
              r.i64(),
              Hash.of(r.raw(Hash.SIZE)),
              NodeId.of(r.raw(NodeId.SIZE)),
              Signature.of(r.raw(Signature.SIZE)),
              BlockHeader.parse(r.raw(BlockHeader.SIZE)),
              r.u8());
      case FAILURE -> {
        long id = r.i64();
        int code = r.u8();
        FailureReason reason = FailureReason.ofWireCode(code);
        if (reason == null) {
          throw new MalformedMessageException("unknown failure reason " + code);
        }
        yield new Failure(id, reason, r.string());
      }
      case REPLICATE -> {
        long id = r.i64();
        List<BlockHeader> headers = headers(r);
        yield new Replicate(id, headers, records(r, Limits.MAX_RECORDS));
      }
      case REPLICA_ACK -> new ReplicaAck(r.i64(), r.u16(), r.u16());
      case GET -> {
        long id = r.i64();
        Peer origin = peer(r);
        int by = r.u8();
        if (by == BY_KEY) {
          yield Get.byKey(id, origin, Key.of(r.raw(Key.SIZE)));
        } else if (by == BY_TXID) {
          yield Get.byTxId(id, origin, new TxId(Hash.of(r.raw(Hash.SIZE))));
        }
        throw new MalformedMessageException("unknown get selector " + by);
      }
      case FOUND -> {
        long id = r.i64();
        BlockHeader header = BlockHeader.parse(r.raw(BlockHeader.SIZE));
        yield new Found(id, Record.parse(r.bytes()), header);
      }
      case NOT_FOUND -> {
        long id = r.i64();
        yield new NotFound(id, peers(r));
      }
      case QUERY -> {
        long id = r.i64();
        Peer origin = peer(r);
        String objectId = r.string();
        long from = r.i64();
        long to = r.i64();
        int limit = r.u16();
        int hasCursor = r.u8();
        Cursor after =
            switch (hasCursor) {
              case 0 -> null;
              case 1 -> new Cursor(r.i64(), new TxId(Hash.of(r.raw(Hash.SIZE))));
              default -> throw new MalformedMessageException("cursor flag must be 0 or 1");
            };
        yield new Query(id, origin, objectId, from, to, limit, after);
      }
      case QUERY_PAGE -> {
        long id = r.i64();
        boolean more = flag(r, "more");
        List<BlockHeader> headers = headers(r);
        List<Record> records = records(r, Limits.MAX_QUERY_LIMIT);
        yield new QueryPage(id, headers, records, more, peers(r));
      }
      case TRANSFER -> {
        long id = r.i64();
        int code = r.u8();
        Transfer.Reason reason = Transfer.Reason.ofCode(code);
        if (reason == null) {
          throw new MalformedMessageException("unknown transfer reason " + code);
        }
        List<BlockHeader> headers = headers(r);
        yield new Transfer(id, reason, headers, records(r, Limits.MAX_RECORDS));
      }
      case SUBSCRIBE -> {
        long id = r.i64();
        Peer subscriber = peer(r);
        yield new Subscribe(id, subscriber, r.string(), r.i64());
      }
      case SUBSCRIBED -> {
        long id = r.i64();
        yield new Subscribed(id, peers(r));
      }
      case RECORDED -> {
        BlockHeader header = BlockHeader.parse(r.raw(BlockHeader.SIZE));
        yield new Recorded(Record.parse(r.bytes()), header);
      }
      case APPROVE -> {
        long id = r.i64();
        Peer origin = peer(r);
        yield new Approve(id, origin, Approval.parse(r.bytes()));
      }
      case CONFIRM -> {
        long id = r.i64();
        Peer origin = peer(r);
        Approval approval = Approval.parse(r.bytes());
        BlockHeader header = BlockHeader.parse(r.raw(BlockHeader.SIZE));
        yield new Confirm(id, origin, approval, Record.parse(r.bytes()), header);
      }
      case CONFIRMED -> {
        long id = r.i64();
        NodePublicKey key = NodePublicKey.of(r.raw(NodePublicKey.SIZE));
        yield new Confirmed(id, new Confirmation(key, Signature.of(r.raw(Signature.SIZE))));
      }
      case APPROVED -> {
        long id = r.i64();
        yield new Approved(id, ApprovalReceipt.parse(r.bytes()));
      }
      case RECEIPTS -> {
        long batchId = r.i64();
        int n = count(r, Limits.MAX_RECORDS, "approval receipts");
        List<ApprovalReceipt> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          out.add(ApprovalReceipt.parse(r.bytes()));
        }
        yield new Receipts(batchId, out);
      }
      case BALANCE -> {
        long id = r.i64();
        yield new Balance(id, peer(r));
      }
      case BALANCE_IS -> new BalanceIs(r.i64(), NodeId.of(r.raw(NodeId.SIZE)), r.i64());
      case BRANCH -> {
        long id = r.i64();
        Peer origin = peer(r);
        yield new BranchRequest(id, origin, r.i64(), r.u32(), r.u32());
      }
      case BRANCH_PAGE -> branchPage(r);
    };
  }

  private static BranchPage branchPage(CanonicalReader r) {
    long id = r.i64();
    long height = r.i64();
    int b = count(r, Limits.MAX_RECORDS, "blocks");
    if ((long) b * (BlockHeader.SIZE + 11) > r.remaining()) {
      throw new MalformedMessageException(b + " blocks run past the end of the message");
    }
    List<BranchPage.Section> blocks = new ArrayList<>(b);
    for (int i = 0; i < b; i++) {
      BlockHeader header = BlockHeader.parse(r.raw(BlockHeader.SIZE));
      int label = r.u8();
      long first = r.u32();
      long total = r.u32();
      List<Record> records = records(r, Limits.MAX_RECORDS);
      blocks.add(
          new BranchPage.Section(
              header, label == 0 ? null : InvalidReason.ofCode(label), first, total, records));
    }
    int a = count(r, Limits.MAX_RECORDS, "approval receipts");
    List<ApprovalReceipt> receipts = new ArrayList<>(a);
    for (int i = 0; i < a; i++) {
      receipts.add(ApprovalReceipt.parse(r.bytes()));
    }
    boolean more = flag(r, "more");
    return new BranchPage(id, height, blocks, receipts, more, peers(r));
  }

  // ---- pieces

  private static void peer(CanonicalWriter w, Peer p) {
    w.fixed(p.id()).string(p.address());
  }

  private static Peer peer(CanonicalReader r) {
    NodeId id = NodeId.of(r.raw(NodeId.SIZE));
    return Limits.peer(new Peer(id, r.string()), "peer");
  }

  private static void peers(CanonicalWriter w, List<Peer> peers) {
    w.u8(peers.size());
    peers.forEach(p -> peer(w, p));
  }

  private static List<Peer> peers(CanonicalReader r) {
    int n = r.u8();
    if (n > Limits.MAX_PEERS) {
      throw new MalformedMessageException("too many peers: " + n);
    }
    List<Peer> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(peer(r));
    }
    return out;
  }

  private static void batch(CanonicalWriter w, List<BlockHeader> headers, List<Record> records) {
    w.u16(headers.size());
    headers.forEach(h -> w.raw(h.toBytes()));
    w.u16(records.size());
    records.forEach(rec -> w.bytes(rec.toBytes()));
  }

  private static List<BlockHeader> headers(CanonicalReader r) {
    int n = count(r, Limits.MAX_RECORDS, "headers");
    if ((long) n * BlockHeader.SIZE > r.remaining()) {
      throw new MalformedMessageException(n + " headers run past the end of the message");
    }
    List<BlockHeader> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(BlockHeader.parse(r.raw(BlockHeader.SIZE)));
    }
    return out;
  }

  private static List<Record> records(CanonicalReader r, int max) {
    int n = count(r, max, "records");
    if ((long) n * 4 > r.remaining()) {
      throw new MalformedMessageException(n + " records run past the end of the message");
    }
    List<Record> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(Record.parse(r.bytes()));
    }
    return out;
  }

  private static int count(CanonicalReader r, int max, String what) {
    int n = r.u16();
    if (n > max) {
      throw new MalformedMessageException("too many " + what + ": " + n + " (at most " + max + ")");
    }
    return n;
  }

  private static boolean flag(CanonicalReader r, String what) {
    int v = r.u8();
    if (v > 1) {
      throw new MalformedMessageException(what + " flag must be 0 or 1, not " + v);
    }
    return v == 1;
  }
}
