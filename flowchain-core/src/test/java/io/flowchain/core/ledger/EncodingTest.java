package io.flowchain.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowchain.core.codec.MalformedEncodingException;
import io.flowchain.core.types.Bytes;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class EncodingTest {
  private static final Fixture F = sample();

  private static Fixture sample() {
    Fixture f = new Fixture(21, ValidBlockPolicy.mru());
    f.miner.tick();
    f.record("s1", 2);
    f.miner.tick();
    return f;
  }

  @Test
  void headerBytesRoundTripAndHaveTheDocumentedSize() {
    BlockHeader h = F.ledger.tip();
    byte[] bytes = h.toBytes();
    assertThat(bytes).hasSize(BlockHeader.SIZE).hasSize(254);
    assertThat(BlockHeader.parse(bytes)).isEqualTo(h);
    assertThat(h.unsignedBytes()).hasSize(190);
  }

  @Test
  void truncatedOrPaddedHeadersAreRefused() {
    byte[] bytes = F.ledger.tip().toBytes();
    assertThatThrownBy(() -> BlockHeader.parse(Arrays.copyOf(bytes, bytes.length - 1)))
        .isInstanceOf(MalformedEncodingException.class)
        .hasMessageContaining("truncated");
    assertThatThrownBy(() -> BlockHeader.parse(Arrays.copyOf(bytes, bytes.length + 1)))
        .hasMessageContaining("trailing");
  }

  @Test
  void recordBytesAndJsonRoundTrip() {
    for (Record r : F.store.recordsInBlock(1)) {
      assertThat(Record.parse(r.toBytes())).isEqualTo(r);
      assertThat(RecordJson.parse(RecordJson.toJsonString(r))).isEqualTo(r);
    }
  }

  @Test
  void binaryPayloadsAreBase64InJson() {
    F.ledger.close();
    Fixture f = new Fixture(22, ValidBlockPolicy.mru());
    f.miner.tick();
    Submission s =
        Submission.of(
            "cam-1",
            "application/octet-stream",
            Bytes.of(new byte[] {(byte) 0xff, 0, 1}),
            Fixture.START,
            f.random);
    Record r = f.ledger.record(s).join();
    var json = RecordJson.toJson(r);
    assertThat(json.get("payloadEncoding").asText()).isEqualTo("base64");
    assertThat(json.get("payload").asText()).isEqualTo("/wAB");
    assertThat(RecordJson.parse(json.toString())).isEqualTo(r);
    // a JSON content type whose bytes are not UTF-8 also falls back to base64
    Submission bad =
        Submission.of(
            "cam-1",
            "application/json",
            Bytes.of(new byte[] {(byte) 0xc3}),
            Fixture.START,
            f.random);
    Record r2 = f.ledger.record(bad).join();
    assertThat(RecordJson.toJson(r2).get("payloadEncoding").asText()).isEqualTo("base64");
    assertThat(RecordJson.parse(RecordJson.toJsonString(r2))).isEqualTo(r2);
  }

  @Test
  void recordJsonIsStrict() {
    Record r = F.store.recordsInBlock(1).get(0);
    var json = RecordJson.toJson(r);
    json.put("extra", 1);
    assertThatThrownBy(() -> RecordJson.fromJson(json))
        .hasMessageContaining("unknown field: extra");
    var json2 = RecordJson.toJson(r);
    json2.put("blockNo", "1");
    assertThatThrownBy(() -> RecordJson.fromJson(json2)).hasMessageContaining("must be an integer");
    assertThatThrownBy(() -> RecordJson.parse("{")).hasMessageContaining("not valid JSON");
  }

  @Property(tries = 50)
  void submissionsValidateTheirInput(@ForAll @IntRange(min = 0, max = 3) int which) {
    Bytes salt = Bytes.of(new byte[16]);
    Bytes payload = Bytes.utf8("{}");
    switch (which) {
      case 0 ->
          assertThatThrownBy(() -> new Submission("", "application/json", payload, 0, salt))
              .hasMessageContaining("object id");
      case 1 ->
          assertThatThrownBy(() -> new Submission("a b", "application/json", payload, 0, salt))
              .hasMessageContaining("object id");
      case 2 ->
          assertThatThrownBy(() -> new Submission("a", "JSON", payload, 0, salt))
              .hasMessageContaining("content type");
      default ->
          assertThatThrownBy(
                  () ->
                      new Submission(
                          "a",
                          "application/json",
                          Bytes.of(new byte[Submission.MAX_PAYLOAD + 1]),
                          0,
                          salt))
              .hasMessageContaining("limit is 65536");
    }
  }

  @Test
  void genesisDependsOnlyOnTheNetworkParameters() {
    NetworkParams a = NetworkParams.of("net-a", 1000, List.of());
    NetworkParams a2 = NetworkParams.of("net-a", 1000, List.of());
    NetworkParams b = NetworkParams.of("net-b", 1000, List.of());
    NetworkParams c = NetworkParams.of("net-a", 1001, List.of());
    assertThat(Genesis.of(a).hash()).isEqualTo(Genesis.of(a2).hash());
    assertThat(Genesis.of(a).hash()).isNotEqualTo(Genesis.of(b).hash());
    assertThat(Genesis.of(a).hash()).isNotEqualTo(Genesis.of(c).hash());
    assertThat(Genesis.of(a).previousHash()).isEqualTo(a.digest());
  }

  @Test
  void networkParametersAreValidated() {
    assertThatThrownBy(() -> NetworkParams.of("bad name", 0, List.of()))
        .hasMessageContaining("network name");
    assertThatThrownBy(
            () ->
                new NetworkParams(
                    "n",
                    0,
                    List.of(
                        io.flowchain.core.types.Difficulty.leadingZeroBits(4),
                        io.flowchain.core.types.Difficulty.leadingZeroBits(8)),
                    List.of()))
        .hasMessageContaining("easier");
  }
}
