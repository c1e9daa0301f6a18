package io.flowchain.wot.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowchain.core.store.LedgerStore.Cursor;
import io.flowchain.core.types.TxId;
import io.flowchain.wot.Problem;
import io.flowchain.wot.WotJson;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BrokerPartsTest {
  @Test
  void aTokenBucketAllowsItsBurstThenItsRate() {
    AtomicLong nanos = new AtomicLong();
    TokenBucket b = new TokenBucket(10, 3, nanos::get);
    assertThat(b.tryAcquire()).isTrue();
    assertThat(b.tryAcquire()).isTrue();
    assertThat(b.tryAcquire()).isTrue();
    assertThat(b.tryAcquire()).isFalse();
    nanos.addAndGet(100_000_000L); // 0.1 s: one token at 10/s
    assertThat(b.tryAcquire()).isTrue();
    assertThat(b.tryAcquire()).isFalse();
    nanos.addAndGet(10_000_000_000L); // long idle: back to the burst, not more
    for (int i = 0; i < 3; i++) {
      assertThat(b.tryAcquire()).isTrue();
    }
    assertThat(b.tryAcquire()).isFalse();
  }

  @Test
  void rateLimitsAreKeptPerConnection() {
    AtomicLong nanos = new AtomicLong();
    RateLimits limits = new RateLimits(1, 1, nanos::get);
    assertThat(limits.tryAcquire("a")).isTrue();
    assertThat(limits.tryAcquire("a")).isFalse();
    assertThat(limits.tryAcquire("b")).isTrue();
  }

  @Test
  void presenceFollowsConnectionsAndConnectionlessReadings() {
    AtomicLong now = new AtomicLong(1_000);
    DeviceRegistry r = new DeviceRegistry(2, now::get);
    assertThat(r.connected("d1", Broker.WEBSOCKET).online()).isTrue();
    assertThat(r.disconnected("d1").orElseThrow().online()).isFalse();
    assertThat(r.reading("d2", Broker.COAP, true)).isTrue(); // came online
    assertThat(r.state("d2").orElseThrow().online()).isTrue();
    now.addAndGet(DeviceRegistry.PRESENCE_WINDOW_MILLIS);
    assertThat(r.state("d2").orElseThrow().online()).isFalse();
    assertThatThrownBy(() -> r.admit("d3"))
        .isInstanceOf(Problem.class)
        .hasMessageContaining("at most 2 devices");
    assertThat(r.all())
        .extracting(DeviceRegistry.DeviceState::objectId)
        .containsExactly("d1", "d2");
  }

  @Test
  void readingsAreChecked() {
    assertThat(Readings.contentType("Application/JSON; charset=utf-8"))
        .isEqualTo("application/json");
    assertThat(Readings.isJson("application/senml+json")).isTrue();
    assertThatThrownBy(() -> Readings.body("{".getBytes(), "application/json"))
        .isInstanceOf(Problem.class);
    assertThat(Readings.body("not json".getBytes(), "text/plain")).hasSize(8);
    assertThatThrownBy(() -> Readings.objectId("a/b"))
        .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(400));
  }

  @Test
  void aCursorSurvivesItsTextForm() {
    Cursor c = new Cursor(123, TxId.parse("ab".repeat(32)));
    assertThat(WotJson.parseCursor(WotJson.cursor(c))).isEqualTo(c);
    assertThatThrownBy(() -> WotJson.parseCursor("123-xyz"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
