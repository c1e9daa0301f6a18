package io.flowchain.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.inventory.ChainAuditor;
import io.flowchain.core.inventory.Inventory;
import io.flowchain.core.inventory.MergedChain;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.Submission;
import io.flowchain.core.store.InMemoryStore;
import io.flowchain.core.types.Bytes;
import io.flowchain.core.types.Difficulty;
import io.flowchain.core.verify.BranchSource;
import io.flowchain.node.collect.BranchCollection;
import io.flowchain.node.scenario.CollectScenarios;
import io.flowchain.node.scenario.LedgerNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The collection scenarios on the simulated network, in virtual time; and a lying member. */
class CollectScenariosWithSimulatedNetwork extends CollectScenarios {
  private NodeKeyPair admin;
  private SimulatedLedgerNetwork sim;

  @Override
  protected LedgerNetwork newNetwork(long seed) {
    admin = NodeKeyPair.generate(new SplittableRandom(seed ^ 0xc011ec7L));
    NetworkParams params =
        new NetworkParams(
            "sim-net",
            SimulatedLedgerNetwork.EPOCH - 1_000,
            List.of(Difficulty.EASIEST),
            List.of(admin.publicKey()));
    sim = new SimulatedLedgerNetwork(seed, params);
    return sim;
  }

  @Override
  protected NodeKeyPair administrator() {
    return admin;
  }

  /** A store that, once told to, hands out its records with one payload byte changed. */
  private static final class LyingStore extends DelegatingStore {
    final AtomicBoolean lying = new AtomicBoolean();

    LyingStore() {
      super(new InMemoryStore());
    }

    @Override
    public List<Record> recordsInBlock(long no) {
      List<Record> real = super.recordsInBlock(no);
      if (!lying.get() || real.isEmpty()) {
        return real;
      }
      List<Record> out = new ArrayList<>(real);
      Record r = out.get(0);
      Submission s = r.submission();
      byte[] payload = s.payload().toByteArray();
      payload[payload.length - 2] ^= 1; // a digit of the reading
      out.set(
          0,
          new Record(
              r.txId(),
              r.dataKey(),
              new Submission(
                  s.objectId(), s.contentType(), Bytes.of(payload), s.timestamp(), s.salt()),
              r.recordedAt(),
              r.blockNo(),
              r.blockHash(),
              r.recorder(),
              r.signature()));
      return out;
    }
  }

  @Test
  void aMemberServingAChangedRecordIsRefusedAndTheRestMerges() {
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ids.add(sim.add(NodeConfig.defaults()));
    }
    LyingStore liar = new LyingStore();
    int liarId = ids.get(2);
    sim.start(ids.get(0), -1);
    sim.await(sim.node(ids.get(0)).started(), 30_000);
    for (int i = 1; i < ids.size(); i++) {
      FlowchainNode.Builder b = FlowchainNode.builder().difficulty(() -> Difficulty.EASIEST);
      if (ids.get(i) == liarId) {
        b.store(liar);
      }
      sim.start(ids.get(i), ids.get(0), b);
      sim.pass(300);
    }
    assertThat(sim.await(90_000, () -> sim.members().size() == 4)).isTrue();
    sim.pass(5_000);
    submit(ids, 30, "n");
    sim.pass(3_000);
    assertThat(liar.inner.recordCount()).as("the liar recorded some readings").isPositive();

    liar.lying.set(true);
    BranchCollection c = collect(ids.get(0));
    assertThat(c.rejected())
        .extracting(r -> r.member().id())
        .containsExactly(sim.peer(liarId).id());
    assertThat(c.rejected().get(0).fault()).contains("does not verify");
    assertThat(c.missing()).isEmpty();
    assertThat(c.branches()).hasSize(3);
    MergedChain chain =
        new Inventory(sim.params(), admin)
            .merge(null, new ArrayList<BranchSource>(c.branches()), m -> {})
            .chain();
    assertThat(new ChainAuditor(sim.params()).audit(chain, c.branches(), m -> {}).fault()).isNull();
  }
}
