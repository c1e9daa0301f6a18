package io.flowchain.net.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowchain.core.types.Key;
import io.flowchain.core.types.NodeId;
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
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Every Chord message survives encode then decode unchanged, whatever its fields hold. */
class WireCodecRoundTripTest {
  private final WireCodec codec = new WireCodec();

  @Property(tries = 600)
  void everyMessageRoundTrips(
      @ForAll("messages") ChordMessage message, @ForAll("peers") Peer from) {
    String text = codec.encode(message, from);
    Frame back = codec.decode(text);
    assertThat(back).isEqualTo(new ChordFrame(message, from));
    // the encoding is a function of the frame: decoding and encoding again gives the same text
    assertThat(codec.encode(back)).isEqualTo(text);
    // the bytes a binding sends are exactly the UTF-8 of that text
    assertThat(codec.encodeUtf8(message, from)).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theGeneratorCoversEveryMessageType() {
    Set<MessageType> seen = EnumSet.noneOf(MessageType.class);
    messages().sampleStream().limit(2_000).forEach(m -> seen.add(m.type()));
    assertThat(seen).containsExactlyInAnyOrder(MessageType.values());
  }

  @Provide
  Arbitrary<Peer> peers() {
    Arbitrary<NodeId> ids = Arbitraries.bytes().array(byte[].class).ofSize(20).map(NodeId::of);
    Arbitrary<String> addresses =
        Arbitraries.oneOf(
            Arbitraries.integers().between(1, 65535).map(p -> "ws://127.0.0.1:" + p),
            Arbitraries.integers().between(1, 65535).map(p -> "coap://10.0.0.7:" + p),
            Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(255));
    return Combinators.combine(ids, addresses).as(Peer::new);
  }

  private Arbitrary<Key> keys() {
    return Arbitraries.bytes().array(byte[].class).ofSize(20).map(Key::of);
  }

  private Arbitrary<List<Peer>> peerLists() {
    return peers().list().ofMaxSize(WireCodec.MAX_PEERS);
  }

  @Provide
  Arbitrary<ChordMessage> messages() {
    Arbitrary<Long> ids = Arbitraries.longs();
    Arbitrary<Integer> hops = Arbitraries.integers().between(0, Integer.MAX_VALUE);
    Arbitrary<Peer> maybePeer = peers().injectNull(0.3);
    return Arbitraries.oneOf(
        ids.map(NotifyStabilize::new),
        ids.map(NotifyPredecessor::new),
        ids.map(NotifyJoin::new),
        ids.map(CheckPredecessor::new),
        ids.map(CheckSuccessor::new),
        ids.map(CheckTtl::new),
        Combinators.combine(ids, maybePeer, peerLists()).as(NotifySuccessor::new),
        Combinators.combine(ids, maybePeer, peerLists()).as(NotifyLeave::new),
        Combinators.combine(ids, Arbitraries.longs(), keys(), peers(), hops).as(FindSuccessor::new),
        Combinators.combine(ids, keys(), peers(), peerLists(), hops).as(FoundSuccessor::new),
        Combinators.combine(
                ids,
                keys(),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(2_000),
                peers(),
                hops,
                Arbitraries.of(true, false))
            .as(Message::new));
  }
}
