package io.flowchain.node.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowchain.core.ledger.InvalidReason;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.store.LedgerStore.Cursor;
import io.flowchain.core.types.Hex;
import io.flowchain.core.types.TxId;
import io.flowchain.dht.Peer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class LedgerCodecTest {

  private static List<LedgerMessage> everyKind() {
    Record r = MessageVectors.record();
    Peer origin = MessageVectors.origin();
    List<LedgerMessage> all = new ArrayList<>(MessageVectors.messages().values());
    all.add(new Failure(2, FailureReason.BUSY, "é ünïcode"));
    all.add(Get.byTxId(3, origin, r.txId()));
    all.add(new Query(4, origin, "sensor-1", 0, Long.MAX_VALUE, 1000, null));
    all.add(new Query(5, origin, "sensor-1", 10, 20, 1, new Cursor(15, r.txId())));
    all.add(
        QueryPage.of(
            6,
            List.of(new RecordAndBlock(r, MessageVectors.block1())),
            true,
            List.of(origin, new Peer(r.recorder(), "host-b:9"))));
    all.add(QueryPage.of(7, List.of(), false, List.of()));
    all.add(
        Transfer.of(
            8, Transfer.Reason.JOIN, List.of(new RecordAndBlock(r, MessageVectors.block1()))));
    all.add(Transfer.of(9, Transfer.Reason.LEAVE, List.of()));
    all.add(Replicate.of(10, List.of()));
    all.add(new Subscribe(11, origin, "sensor-1", 1));
    all.add(new Subscribed(12, List.of(origin)));
    all.add(new Recorded(r, MessageVectors.block1()));
    var approval = MessageVectors.approval();
    all.add(new Confirm(13, origin, approval, r, MessageVectors.block1()));
    all.add(new Confirmed(14, MessageVectors.approvalReceipt().confirmations().get(0)));
    all.add(new Receipts(17, List.of(MessageVectors.approvalReceipt())));
    all.add(new Receipts(18, List.of()));
    all.add(new Failure(15, FailureReason.ALREADY_APPROVED, "approved already"));
    all.add(
        new BranchPage(
            16,
            5,
            List.of(
                new BranchPage.Section(
                    MessageVectors.block1(), InvalidReason.LOW_BATTERY, 0, 3, List.of(r))),
            List.of(),
            true,
            List.of()));
    all.add(new BranchPage(17, 0, List.of(), List.of(), false, List.of(origin)));
    return all;
  }

  @Test
  void everyKindRoundTrips() {
    List<LedgerMessage> all = everyKind();
    assertThat(all.stream().map(LedgerMessage::kind).distinct())
        .containsExactlyInAnyOrder(LedgerMessage.Kind.values());
    for (LedgerMessage m : all) {
      byte[] bytes = LedgerCodec.encode(m);
      assertThat(LedgerCodec.decode(bytes)).as("%s", m.kind()).isEqualTo(m);
      assertThat(LedgerCodec.encode(LedgerCodec.decode(bytes))).isEqualTo(bytes);
    }
  }

  @Test
  void theCodeComputesExactlyTheCommittedVectors() throws IOException {
    JsonNode file = new ObjectMapper().readTree(MessageVectors.FILE.toFile());
    Map<String, String> computed = MessageVectors.compute();
    assertThat(file.get("messages").size()).isEqualTo(computed.size());
    computed.forEach(
        (name, hex) -> {
          assertThat(file.get("messages").get(name).asText()).as(name).isEqualTo(hex);
          assertThat(LedgerCodec.decode(Hex.decode(hex)))
              .isEqualTo(MessageVectors.messages().get(name));
        });
  }

  @Test
  void theProtocolDocumentQuotesTheShortVectors() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "protocol.md"));
    Map<String, String> computed = MessageVectors.compute();
    for (String name :
        List.of(
            "failure",
            "getByKey",
            "replicaAck",
            "notFound",
            "subscribe",
            "balance",
            "balanceIs",
            "branch")) {
      assertThat(doc)
          .as("docs/protocol.md quotes the %s vector", name)
          .contains(computed.get(name));
    }
  }

  @Test
  void theReceiptVectorProvesTheCoreSubmission() {
    Receipt r = (Receipt) MessageVectors.messages().get("receipt");
    assertThat(r.problem(MessageVectors.submission())).isEmpty();
    assertThat(r.toRecord(MessageVectors.submission())).isEqualTo(MessageVectors.record());
    // any other submission is not proven
    var other =
        new io.flowchain.core.ledger.Submission(
            "sensor-1",
            "application/json",
            io.flowchain.core.types.Bytes.utf8("{\"temperature\":21.6}"),
            1_700_000_001_500L,
            MessageVectors.submission().salt());
    assertThat(r.problem(other)).hasValue("the receipt is for another data key");
  }

  @Test
  void everyTruncationAndAnyTrailingByteIsRefused() {
    for (LedgerMessage m : everyKind()) {
      byte[] bytes = LedgerCodec.encode(m);
      for (int n = 0; n < bytes.length; n++) {
        byte[] cut = Arrays.copyOf(bytes, n);
        assertThatThrownBy(() -> LedgerCodec.decode(cut))
            .as("%s cut to %d bytes", m.kind(), n)
            .isInstanceOf(MalformedMessageException.class);
      }
      byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
      assertThatThrownBy(() -> LedgerCodec.decode(longer))
          .isInstanceOf(MalformedMessageException.class)
          .hasMessageContaining("trailing");
    }
  }

  @Test
  void outOfRangeFieldsAreRefusedWithAClearMessage() {
    byte[] failure = LedgerCodec.encode(new Failure(1, FailureReason.BUSY, "x"));
    failure[10] = 64; // a reason that never travels
    assertThatThrownBy(() -> LedgerCodec.decode(failure))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageContaining("unknown failure reason 64");
    byte[] version = LedgerCodec.encode(new ReplicaAck(1, 1, 0));
    version[0] = 9;
    assertThatThrownBy(() -> LedgerCodec.decode(version)).hasMessageContaining("version 9");
    byte[] kind = LedgerCodec.encode(new ReplicaAck(1, 1, 0));
    kind[1] = 0;
    assertThatThrownBy(() -> LedgerCodec.decode(kind)).hasMessageContaining("kind 0");
    byte[] get = LedgerCodec.encode(MessageVectors.messages().get("getByKey"));
    get[get.length - 21] = 3; // the selector
    assertThatThrownBy(() -> LedgerCodec.decode(get)).hasMessageContaining("selector");
    Query q = new Query(4, MessageVectors.origin(), "s", 0, 1, 10, null);
    byte[] query = LedgerCodec.encode(q);
    query[query.length - 1] = 2; // cursor flag
    assertThatThrownBy(() -> LedgerCodec.decode(query)).hasMessageContaining("cursor flag");
    byte[] limit = LedgerCodec.encode(q);
    limit[limit.length - 3] = 0;
    limit[limit.length - 2] = 0; // limit 0
    assertThatThrownBy(() -> LedgerCodec.decode(limit))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageContaining("limit");
    byte[] badObject =
        LedgerCodec.encode(new Query(4, MessageVectors.origin(), "s", 0, 1, 10, null));
    int at = indexOf(badObject, new byte[] {0, 1, 's'});
    badObject[at + 2] = '!';
    assertThatThrownBy(() -> LedgerCodec.decode(badObject)).hasMessageContaining("object id");
    // a record whose block header is not in the batch
    Replicate rep =
        Replicate.of(
            1, List.of(new RecordAndBlock(MessageVectors.record(), MessageVectors.block1())));
    byte[] noHeader = LedgerCodec.encode(new Replicate(1, List.of(), List.of()));
    byte[] full = LedgerCodec.encode(rep);
    byte[] spliced = new byte[noHeader.length + full.length - noHeader.length];
    System.arraycopy(full, 0, spliced, 0, full.length);
    spliced[10] = 0;
    spliced[11] = 0; // claim no headers: the header bytes are then read as records
    assertThatThrownBy(() -> LedgerCodec.decode(spliced))
        .isInstanceOf(MalformedMessageException.class);
    assertThatThrownBy(() -> new Replicate(1, List.of(), List.of(MessageVectors.record())))
        .hasMessageContaining("without the header");
  }

  @Test
  void getNamesExactlyOneSelector() {
    assertThatThrownBy(() -> new Get(1, MessageVectors.origin(), null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new Get(
                    1,
                    MessageVectors.origin(),
                    MessageVectors.record().dataKey(),
                    new TxId(MessageVectors.record().txId().hash())))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static int indexOf(byte[] in, byte[] part) {
    outer:
    for (int i = 0; i + part.length <= in.length; i++) {
      for (int j = 0; j < part.length; j++) {
        if (in[i + j] != part[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }

  // ---- fuzzing: garbage never gets anything but a MalformedMessageException

  @Property(tries = 2000)
  void randomBytesDecodeOrAreRefusedCleanly(@ForAll("garbage") byte[] bytes) {
    decodeOrRefuse(bytes);
  }

  @Property(tries = 3000)
  void mutatedMessagesDecodeOrAreRefusedCleanly(
      @ForAll("messageIndex") int which, @ForAll("positions") int position, @ForAll byte value) {
    List<LedgerMessage> all = everyKind();
    byte[] bytes = LedgerCodec.encode(all.get(which % all.size()));
    bytes[position % bytes.length] = value;
    decodeOrRefuse(bytes);
  }

  private static void decodeOrRefuse(byte[] bytes) {
    try {
      LedgerMessage m = LedgerCodec.decode(bytes);
      // whatever decodes encodes back to the same bytes: the form is canonical
      assertThat(LedgerCodec.encode(m)).isEqualTo(bytes);
    } catch (MalformedMessageException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<byte[]> garbage() {
    Arbitrary<byte[]> any = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
    // mostly with a plausible version and kind, to get past the first two bytes
    Arbitrary<byte[]> plausible =
        Arbitraries.integers()
            .between(1, 11)
            .flatMap(
                kind ->
                    Arbitraries.bytes()
                        .array(byte[].class)
                        .ofMaxSize(600)
                        .map(
                            tail -> {
                              byte[] b = new byte[tail.length + 2];
                              b[0] = 1;
                              b[1] = (byte) (int) kind;
                              System.arraycopy(tail, 0, b, 2, tail.length);
                              return b;
                            }));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(1, any), net.jqwik.api.Tuple.of(4, plausible));
  }

  @Provide
  Arbitrary<Integer> messageIndex() {
    return Arbitraries.integers().between(0, 1000);
  }

  @Provide
  Arbitrary<Integer> positions() {
    return Arbitraries.integers().between(0, 100_000);
  }
}
