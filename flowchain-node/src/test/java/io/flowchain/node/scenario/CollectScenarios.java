package io.flowchain.node.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.export.BranchExport;
import io.flowchain.core.inventory.ChainAuditor;
import io.flowchain.core.inventory.Inventory;
import io.flowchain.core.inventory.MergedBlock;
import io.flowchain.core.inventory.MergedChain;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.store.LedgerStore;
import io.flowchain.core.verify.BranchSource;
import io.flowchain.node.NodeConfig;
import io.flowchain.node.collect.BranchCollection;
import io.flowchain.node.collect.BranchCollector;
import io.flowchain.node.collect.CollectedBranch;
import io.flowchain.node.message.Receipt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The inventory's collection over the network (docs/protocol.md §13, BRANCH), written once and run
 * per network: the branches collected page by page from a member merge into exactly the chain that
 * the nodes' own exports merge into; a member that does not answer is reported missing; two monitor
 * rounds give a chain that audits, the second adding only the blocks sealed since the first.
 */
public abstract class CollectScenarios {
  protected LedgerNetwork net;

  /** A fresh network whose parameters name {@link #administrator()} as an administrator. */
  protected abstract LedgerNetwork newNetwork(long seed);

  /** The administrator of the network {@link #newNetwork} made. */
  protected abstract NodeKeyPair administrator();

  @BeforeEach
  void open(org.junit.jupiter.api.TestInfo info) {
    net = newNetwork(info.getTestMethod().orElseThrow().getName().hashCode());
  }

  @AfterEach
  void close() {
    net.close();
  }

  protected List<Integer> ringOf(int size) {
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      ids.add(
          net.add(NodeConfig.defaults().withBatchLimits(64, NodeConfig.FRAME_SAFE_BATCH_BYTES)));
    }
    return ringOf(ids);
  }

  /** Starts the machines {@code ids} (added already) as one ring. */
  protected List<Integer> ringOf(List<Integer> ids) {
    net.start(ids.get(0), -1);
    net.await(net.node(ids.get(0)).started(), 30_000);
    for (int i = 1; i < ids.size(); i++) {
      net.start(ids.get(i), ids.get(0));
      net.pass(300);
    }
    assertThat(net.await(90_000, () -> net.members().size() == ids.size())).isTrue();
    net.pass(5_000); // successor lists settle
    return ids;
  }

  protected List<Receipt> submit(List<Integer> from, int count, String tag) {
    List<CompletableFuture<Receipt>> futures = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      byte[] data = ("{\"" + tag + "\":" + k + "}").getBytes(StandardCharsets.UTF_8);
      futures.add(
          net.node(from.get(k % from.size()))
              .submit(data, "sensor-" + (k % 3), "application/json"));
    }
    net.await(CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)), 120_000);
    return futures.stream().map(CompletableFuture::join).toList();
  }

  /** Collects through machine {@code via}, then verifies what came back. */
  protected BranchCollection collect(int via) {
    BranchCollection c =
        net.await(net.node(via).collectBranches(new BranchCollector.Listener() {}), 300_000);
    return c.verified(net.params(), r -> {});
  }

  private Inventory inventory() {
    return new Inventory(net.params(), administrator());
  }

  private static byte[] export(LedgerNetwork net, BranchSource b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      BranchExport.write(net.params(), b, out, no -> {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static List<String> entries(MergedChain chain) {
    return chain.blocks().stream().map(m -> m.hash().toString()).toList();
  }

  @Test
  void theCollectedMergeEqualsTheMergeOfTheNodesExports() {
    List<Integer> ids = ringOf(4);
    List<Receipt> acked = submit(ids, 40, "n");
    net.pass(3_000); // the blocks holding the records are sealed
    for (int i : ids) { // the branches stand still: what is collected can be compared
      net.onNode(
          i,
          () -> {
            net.node(i).miner().close();
            return null;
          });
    }
    net.pass(1_000);

    BranchCollection c = collect(ids.get(1));
    assertThat(c.complete()).as("missing %s, rejected %s", c.missing(), c.rejected()).isTrue();
    assertThat(c.branches()).hasSize(4);
    List<BranchSource> exports = new ArrayList<>();
    long records = 0;
    for (int i : ids) {
      BranchSource own = net.onNode(i, () -> Frozen.of(net.node(i).ledger().store()));
      exports.add(own);
      CollectedBranch got =
          c.branches().stream()
              .filter(b -> b.member().equals(net.peer(i).id()))
              .findFirst()
              .orElseThrow();
      assertThat(export(net, got)).as("branch of machine %d", i).isEqualTo(export(net, own));
      records += got.recordCount();
    }
    assertThat(records).isEqualTo(acked.size());

    MergedChain collected =
        inventory().merge(null, new ArrayList<BranchSource>(c.branches()), m -> {}).chain();
    MergedChain fromExports = inventory().merge(null, exports, m -> {}).chain();
    assertThat(entries(collected)).isEqualTo(entries(fromExports));
    assertThat(collected.recordCount()).isEqualTo(acked.size());
    ChainAuditor.AuditReport audit =
        new ChainAuditor(net.params()).audit(collected, c.branches(), m -> {});
    assertThat(audit.fault()).isNull();
    // every acknowledged record is provable in the merged chain
    for (Receipt r : acked) {
      CollectedBranch b =
          c.branches().stream().filter(x -> x.member().equals(r.recorder())).findFirst().get();
      var proof = Inventory.prove(collected, b, r.txId()).orElseThrow();
      assertThat(proof.verify(r.txId())).isTrue();
    }
  }

  @Test
  void aMemberThatDoesNotAnswerIsReportedMissing() {
    List<Integer> ids = ringOf(4);
    submit(ids, 12, "n");
    net.pass(3_000);
    int dead = ids.get(3);
    net.kill(dead); // before the ring notices, the others still name it as a successor

    BranchCollection c = collect(ids.get(0));
    assertThat(c.complete()).isFalse();
    assertThat(c.missing()).extracting(m -> m.member().id()).containsExactly(net.peer(dead).id());
    assertThat(c.missing().get(0).reason()).contains("did not answer");
    assertThat(c.branches()).hasSize(3);
    assertThat(c.rejected()).isEmpty();
    MergedChain chain =
        inventory().merge(null, new ArrayList<BranchSource>(c.branches()), m -> {}).chain();
    assertThat(new ChainAuditor(net.params()).audit(chain, c.branches(), m -> {}).fault()).isNull();
  }

  @Test
  void twoMonitorRoundsGiveAChainThatAuditsAndTheSecondAddsOnlyNewBlocks() {
    List<Integer> ids = ringOf(3);
    submit(ids, 15, "first");
    net.pass(3_000);
    BranchCollection first = collect(ids.get(0));
    assertThat(first.complete()).isTrue();
    Inventory.Round round1 =
        inventory().merge(null, new ArrayList<BranchSource>(first.branches()), m -> {});
    assertThat(round1.added()).isPositive();

    submit(ids, 15, "second");
    net.pass(3_000);
    BranchCollection second = collect(ids.get(2));
    assertThat(second.complete()).isTrue();
    Inventory.Round round2 =
        inventory().merge(round1.chain(), new ArrayList<BranchSource>(second.branches()), m -> {});
    MergedChain chain = round2.chain();

    List<String> before = entries(round1.chain());
    assertThat(entries(chain).subList(0, before.size())).isEqualTo(before);
    List<MergedBlock> added = chain.blocks().subList(before.size(), chain.blocks().size());
    assertThat(added).hasSize(round2.added()).isNotEmpty();
    assertThat(added).allMatch(m -> m.round() == 2);
    Set<String> merged1 = new HashSet<>();
    round1.chain().blocks().forEach(m -> merged1.add(m.minerId() + "/" + m.branchNo()));
    Set<String> expected = new HashSet<>();
    for (CollectedBranch b : second.branches()) {
      for (long no = 1; no <= b.header(b.height()).seal().sealedNo(); no++) {
        if (!merged1.contains(b.member() + "/" + no)) {
          expected.add(b.member() + "/" + no);
        }
      }
    }
    assertThat(added.stream().map(m -> m.minerId() + "/" + m.branchNo()))
        .containsExactlyInAnyOrderElementsOf(expected);
    ChainAuditor.AuditReport audit =
        new ChainAuditor(net.params()).audit(chain, second.branches(), m -> {});
    assertThat(audit.fault()).isNull();
    assertThat(audit.mergedRecords()).isEqualTo(chain.recordCount()).isGreaterThanOrEqualTo(15);
  }

  /** A copy of a live branch as it is now, read on the node's thread. */
  static final class Frozen {
    private Frozen() {}

    static BranchSource of(LedgerStore store) {
      long height = store.height();
      List<io.flowchain.core.ledger.BlockHeader> headers = new ArrayList<>();
      List<List<Record>> records = new ArrayList<>();
      List<java.util.Optional<io.flowchain.core.ledger.InvalidReason>> labels = new ArrayList<>();
      for (long no = 0; no <= height; no++) {
        headers.add(store.header(no).orElseThrow());
        records.add(store.recordsInBlock(no));
        labels.add(store.invalidReason(no));
      }
      var approvals = BranchSource.of(store).approvals();
      return new BranchSource() {
        @Override
        public long height() {
          return height;
        }

        @Override
        public io.flowchain.core.ledger.BlockHeader header(long no) {
          return headers.get((int) no);
        }

        @Override
        public List<Record> records(long no) {
          return records.get((int) no);
        }

        @Override
        public java.util.Optional<io.flowchain.core.ledger.InvalidReason> invalidLabel(long no) {
          return labels.get((int) no);
        }

        @Override
        public List<io.flowchain.core.approval.ApprovalReceipt> approvals() {
          return approvals;
        }
      };
    }
  }
}
