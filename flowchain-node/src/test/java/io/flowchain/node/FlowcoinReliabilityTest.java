package io.flowchain.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowchain.core.approval.ApprovalReceipt;
import io.flowchain.core.approval.ApproverCertificate;
import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.mining.BatteryInput;
import io.flowchain.core.types.Difficulty;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Balances feed the reliability input of the difficulty control: of two nodes with the same
 * resources, the one that earned Flowcoins by approval work mines easier blocks, and more of them.
 * In virtual time, on the simulator, so the run is a function of its seed.
 */
class FlowcoinReliabilityTest {
  private static final long TICK = 100;

  @Test
  void aNodeWithCoinsMinesEasierBlocksAndMoreOfThemThanOneWithout() {
    NodeKeyPair admin = NodeKeyPair.generate(new SplittableRandom(1));
    // 8, 6, 4 and 2 leading zero bits: 256, 64, 16 and 4 attempts per block on average
    NetworkParams params =
        new NetworkParams(
            "coin-net",
            SimulatedLedgerNetwork.EPOCH - 1_000,
            List.of(
                Difficulty.leadingZeroBits(8),
                Difficulty.leadingZeroBits(6),
                Difficulty.leadingZeroBits(4),
                Difficulty.leadingZeroBits(2)),
            List.of(admin.publicKey()));
    SimulatedLedgerNetwork net = new SimulatedLedgerNetwork(7, params).miningTick(TICK);
    try {
      int rich = net.add(NodeConfig.defaults());
      int poor = net.add(NodeConfig.defaults());
      // the same resources for both (full battery): only the balance tells them apart
      net.start(rich, -1, builder());
      net.await(net.node(rich).started(), 120_000);
      net.start(poor, rich, builder());
      net.await(net.node(poor).started(), 120_000);
      assertThat(net.await(60_000, () -> net.members().size() == 2)).isTrue();
      net.pass(3_000);

      // an endpoint approves the records that the rich node recorded, and only those
      NodeKeyPair endpoint = NodeKeyPair.generate(new SplittableRandom(2));
      ApproverCertificate cert =
          ApproverCertificate.issue(
              admin,
              params,
              endpoint.publicKey(),
              1_600_000_000_000L,
              2_000_000_000_000L,
              List.of(ApproverCertificate.ENDPOINT_ROLE));
      FlowchainNode richNode = net.node(rich);
      List<CompletableFuture<ApprovalReceipt>> approvals = new ArrayList<>();
      richNode.subscribe(
          "*",
          record -> {
            if (record.recorder().equals(richNode.id())) {
              approvals.add(richNode.approve(record, endpoint, cert));
            }
          });
      net.pass(1_000);
      List<CompletableFuture<?>> acks = new ArrayList<>();
      for (int k = 0; k < 80; k++) {
        byte[] data = ("{\"k\":" + k + "}").getBytes(StandardCharsets.UTF_8);
        acks.add(net.node(k % 2 == 0 ? rich : poor).submit(data, "meter", "application/json"));
      }
      net.await(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)), 300_000);
      net.pass(2_000);
      net.await(CompletableFuture.allOf(approvals.toArray(CompletableFuture[]::new)), 120_000);
      long coins = richNode.balance();
      assertThat(coins).as("coins earned by the rich node").isGreaterThanOrEqualTo(15);
      assertThat(net.node(poor).balance()).isZero();

      // from now on, the same span of virtual time for both
      long richFrom = height(richNode);
      long poorFrom = height(net.node(poor));
      net.pass(300_000);
      List<BlockHeader> richBlocks = blocks(richNode, richFrom);
      List<BlockHeader> poorBlocks = blocks(net.node(poor), poorFrom);
      assertThat(richBlocks.size())
          .as(
              "blocks mined in 300 s: %d with %d coins, %d without",
              richBlocks.size(), coins, poorBlocks.size())
          .isGreaterThan(poorBlocks.size() * 3 / 2);
      assertThat(meanTarget(richBlocks))
          .as("the mean target of the node with coins is easier (higher)")
          .isGreaterThan(meanTarget(poorBlocks));
    } finally {
      net.close();
    }
  }

  private static FlowchainNode.Builder builder() {
    return FlowchainNode.builder().reliabilityInputs(List.of(new BatteryInput(() -> 1.0)));
  }

  private static long height(FlowchainNode n) {
    return n.ledger().store().height();
  }

  private static List<BlockHeader> blocks(FlowchainNode n, long after) {
    return n.ledger().store().headers(after + 1, Integer.MAX_VALUE);
  }

  private static BigInteger meanTarget(List<BlockHeader> blocks) {
    BigInteger sum = BigInteger.ZERO;
    for (BlockHeader h : blocks) {
      sum = sum.add(h.difficulty().target());
    }
    return sum.divide(BigInteger.valueOf(Math.max(1, blocks.size())));
  }
}
