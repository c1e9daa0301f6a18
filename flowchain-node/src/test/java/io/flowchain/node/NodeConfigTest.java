package io.flowchain.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NodeConfigTest {
  private final NodeConfig d = NodeConfig.defaults();

  @Test
  void eachWitherChangesItsOwnFieldsAndKeepsTheOthers() {
    NodeConfig c =
        d.withReplicas(5)
            .withAckPolicy(AckPolicy.ALL)
            .withRequestTimeout(700, 2)
            .withNoValidBlockWait(900)
            .withLimits(10, 20)
            .withJoinAfterFirstBlock(false)
            .withBatchLimits(32, 100_000);
    assertThat(c)
        .isEqualTo(
            new NodeConfig(
                5,
                AckPolicy.ALL,
                700,
                2,
                d.retryBackoffMillis(),
                900,
                10,
                20,
                d.replicaAckTimeoutMillis(),
                d.replicationResends(),
                32,
                100_000,
                d.walkParallelism(),
                d.walkMaxPeers(),
                false));
    assertThat(d.withReplicas(d.replicas())).isEqualTo(d);
  }

  @Test
  void aWitherChecksItsValueAsTheConstructorDoes() {
    assertThatThrownBy(() -> d.withReplicas(0)).hasMessageContaining("replicas must be 1..64");
    assertThatThrownBy(() -> d.withBatchLimits(0, 1 << 20))
        .hasMessageContaining("batch records must be");
    assertThatThrownBy(() -> d.withRequestTimeout(0, 1))
        .hasMessageContaining("request timeout must be positive");
  }
}
