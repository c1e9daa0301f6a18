package io.flowchain.net.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowchain.core.types.Key;
import io.flowchain.core.types.NodeId;
import io.flowchain.dht.Peer;
import io.flowchain.dht.message.CheckTtl;
import io.flowchain.dht.message.Message;
import io.flowchain.dht.message.NotifySuccessor;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Decoding rejects every malformed frame with a {@link WireException} and nothing else. */
class WireCodecStrictnessTest {
  private static final String ID = "00112233445566778899aabbccddeeff00112233";
  private static final String FROM = "{\"id\":\"" + ID + "\",\"address\":\"ws://127.0.0.1:7001\"}";
  private final WireCodec codec = new WireCodec(4096);

  private static String frame(String message) {
    return "{\"message\":" + message + ",\"from\":" + FROM + "}";
  }

  @Test
  void aValidFrameDecodes() {
    Frame f = codec.decode(frame("{\"type\":\"CHECK_TTL\",\"id\":7}"));
    assertThat(f)
        .isEqualTo(
            new ChordFrame(new CheckTtl(7), new Peer(NodeId.parse(ID), "ws://127.0.0.1:7001")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not json",
        "[]",
        "42",
        "null",
        "{",
        "{}",
        "{\"message\":{\"type\":\"CHECK_TTL\",\"id\":7}}",
        "{\"from\":{\"id\":\"" + ID + "\",\"address\":\"a\"}}",
        // trailing garbage
        "{\"error\":\"x\",\"code\":400} {}",
        // duplicate field
        "{\"error\":\"x\",\"error\":\"y\",\"code\":400}",
        "{\"error\":\"x\",\"code\":\"400\"}",
        "{\"error\":\"x\",\"code\":42}",
        "{\"proof\":{\"signature\":\"00\"}}",
        "{\"proof\":{\"signature\":7}}",
        "{\"hello\":{}}",
        "{\"hello\":{\"version\":1},\"extra\":1}",
      })
  void malformedFramesAreRejected(String text) {
    assertThatThrownBy(() -> codec.decode(text))
        .isInstanceOf(WireException.class)
        .satisfies(e -> assertThat(((WireException) e).code()).isEqualTo(Refusal.MALFORMED));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // unknown type
        "{\"type\":\"PING\",\"id\":1}",
        "{\"type\":\"check_ttl\",\"id\":1}",
        // missing id, wrong id types, id out of range
        "{\"type\":\"CHECK_TTL\"}",
        "{\"type\":\"CHECK_TTL\",\"id\":\"7\"}",
        "{\"type\":\"CHECK_TTL\",\"id\":7.5}",
        "{\"type\":\"CHECK_TTL\",\"id\":1e3}",
        "{\"type\":\"CHECK_TTL\",\"id\":true}",
        "{\"type\":\"CHECK_TTL\",\"id\":9223372036854775808}",
        // unknown field
        "{\"type\":\"CHECK_TTL\",\"id\":7,\"extra\":null}",
        // type not a string
        "{\"type\":3,\"id\":7}",
        // neighbours: predecessor missing, successors not an array, bad peer inside
        "{\"type\":\"NOTIFY_SUCCESSOR\",\"id\":1,\"successors\":[]}",
        "{\"type\":\"NOTIFY_SUCCESSOR\",\"id\":1,\"predecessor\":null,\"successors\":{}}",
        "{\"type\":\"NOTIFY_SUCCESSOR\",\"id\":1,\"predecessor\":null,\"successors\":[1]}",
        "{\"type\":\"NOTIFY_SUCCESSOR\",\"id\":1,\"predecessor\":{\"id\":\""
            + ID
            + "\"},\"successors\":[]}",
        // upper-case or short hex, address with a space
        "{\"type\":\"FIND_SUCCESSOR\",\"id\":1,\"lookupId\":2,\"target\":\"00112233445566778899AABBCCDDEEFF00112233\",\"origin\":"
            + FROM
            + ",\"hops\":0}",
        "{\"type\":\"FIND_SUCCESSOR\",\"id\":1,\"lookupId\":2,\"target\":\"0011\",\"origin\":"
            + FROM
            + ",\"hops\":0}",
        "{\"type\":\"FIND_SUCCESSOR\",\"id\":1,\"lookupId\":2,\"target\":\""
            + ID
            + "\",\"origin\":{\"id\":\""
            + ID
            + "\",\"address\":\"a b\"},\"hops\":0}",
        // negative or huge hops
        "{\"type\":\"FIND_SUCCESSOR\",\"id\":1,\"lookupId\":2,\"target\":\""
            + ID
            + "\",\"origin\":"
            + FROM
            + ",\"hops\":-1}",
        "{\"type\":\"FIND_SUCCESSOR\",\"id\":1,\"lookupId\":2,\"target\":\""
            + ID
            + "\",\"origin\":"
            + FROM
            + ",\"hops\":2147483648}",
        // payload: not base64, unpadded, deliver not a boolean
        "{\"type\":\"MESSAGE\",\"id\":1,\"key\":\""
            + ID
            + "\",\"payload\":\"!!\",\"origin\":"
            + FROM
            + ",\"hops\":0,\"deliver\":true}",
        "{\"type\":\"MESSAGE\",\"id\":1,\"key\":\""
            + ID
            + "\",\"payload\":\"AQI\",\"origin\":"
            + FROM
            + ",\"hops\":0,\"deliver\":true}",
        "{\"type\":\"MESSAGE\",\"id\":1,\"key\":\""
            + ID
            + "\",\"payload\":\"AQI=\",\"origin\":"
            + FROM
            + ",\"hops\":0,\"deliver\":1}",
        // message not an object
        "[1,2]",
        "\"CHECK_TTL\"",
      })
  void malformedMessagesAreRejected(String message) {
    assertThatThrownBy(() -> codec.decode(frame(message))).isInstanceOf(WireException.class);
  }

  @Test
  void theFromOfAFrameMustBeAPeer() {
    String text = "{\"message\":{\"type\":\"CHECK_TTL\",\"id\":7},\"from\":\"" + ID + "\"}";
    assertThatThrownBy(() -> codec.decode(text)).isInstanceOf(WireException.class);
  }

  @Test
  void frameSizeIsLimitedOnBothSides() {
    Peer from = new Peer(NodeId.parse(ID), "ws://127.0.0.1:7001");
    Message big = new Message(1, Key.of(new byte[20]), new byte[4096], from, 0, true);
    assertThatThrownBy(() -> codec.encode(big, from))
        .isInstanceOf(WireException.class)
        .satisfies(e -> assertThat(((WireException) e).code()).isEqualTo(Refusal.TOO_LARGE));
    assertThatThrownBy(() -> codec.encodeUtf8(big, from))
        .isInstanceOf(WireException.class)
        .satisfies(e -> assertThat(((WireException) e).code()).isEqualTo(Refusal.TOO_LARGE));
    String oversized = new WireCodec(64 * 1024).encode(big, from);
    assertThatThrownBy(() -> codec.decode(oversized))
        .isInstanceOf(WireException.class)
        .satisfies(e -> assertThat(((WireException) e).code()).isEqualTo(Refusal.TOO_LARGE));
  }

  @Test
  void tooManyPeersInAListAreRejected() {
    Peer p = new Peer(NodeId.parse(ID), "a");
    NotifySuccessor n =
        new NotifySuccessor(1, null, java.util.Collections.nCopies(WireCodec.MAX_PEERS + 1, p));
    assertThatThrownBy(() -> new WireCodec(1 << 20).encode(n, p)).isInstanceOf(WireException.class);
    StringBuilder list = new StringBuilder();
    for (int i = 0; i <= WireCodec.MAX_PEERS; i++) {
      list.append(i == 0 ? "" : ",").append(FROM);
    }
    String text =
        frame(
            "{\"type\":\"NOTIFY_SUCCESSOR\",\"id\":1,\"predecessor\":null,\"successors\":["
                + list
                + "]}");
    assertThatThrownBy(() -> new WireCodec(1 << 20).decode(text))
        .isInstanceOf(WireException.class)
        .hasMessageContaining("at most 64");
  }

  @Test
  void deeplyNestedJsonIsRejectedWithoutRecursion() {
    String deep = "[".repeat(2_000) + "]".repeat(2_000);
    assertThatThrownBy(() -> codec.decode(frame(deep))).isInstanceOf(WireException.class);
  }

  @Test
  void aRefusalRoundTrips() {
    Refusal r = new Refusal("no certificate", Refusal.UNAUTHENTICATED);
    assertThat(codec.decode(codec.encode(r))).isEqualTo(r);
  }

  @Test
  void aNotifySuccessorWithoutPredecessorRoundTrips() {
    Peer p = new Peer(NodeId.parse(ID), "coap://127.0.0.1:5683");
    NotifySuccessor n = new NotifySuccessor(-5, null, List.of(p, p));
    assertThat(codec.decode(codec.encode(n, p))).isEqualTo(new ChordFrame(n, p));
  }

  /** Arbitrary text never makes the decoder fail with anything but a WireException. */
  @Property(tries = 2_000)
  void arbitraryTextIsRejectedCleanly(@ForAll String text) {
    try {
      codec.decode(text);
    } catch (WireException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  /** Mutations of a valid frame either decode to a frame or fail with a WireException. */
  @Property(tries = 2_000)
  void mutatedFramesFailCleanly(
      @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 400) int at,
      @ForAll char replacement) {
    Peer from = new Peer(NodeId.parse(ID), "ws://127.0.0.1:7001");
    String valid =
        codec.encode(
            new NotifySuccessor(3, from, List.of(from, new Peer(NodeId.parse(ID), "coap://h:1"))),
            from);
    StringBuilder b = new StringBuilder(valid);
    b.setCharAt(at % b.length(), replacement);
    try {
      assertThat(codec.decode(b.toString())).isNotNull();
    } catch (WireException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }
}
