package io.flowchain.node.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowchain.core.approval.Approval;
import io.flowchain.core.approval.ApprovalReceipt;
import io.flowchain.core.approval.ApprovalRules;
import io.flowchain.core.approval.ApproverCertificate;
import io.flowchain.core.approval.FlowcoinLedger;
import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.crypto.Signature;
import io.flowchain.core.inventory.ChainAuditor;
import io.flowchain.core.inventory.Inventory;
import io.flowchain.core.inventory.MergedChain;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.Submission;
import io.flowchain.core.types.Bytes;
import io.flowchain.core.types.TxId;
import io.flowchain.core.verify.BranchSource;
import io.flowchain.core.verify.BranchVerifier;
import io.flowchain.core.verify.VerificationReport;
import io.flowchain.node.FlowchainException;
import io.flowchain.node.FlowchainNode;
import io.flowchain.node.NodeConfig;
import io.flowchain.node.message.FailureReason;
import io.flowchain.node.message.Receipt;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Approval end to end on a network of five nodes (paper §5.4), written once and run per network: an
 * endpoint subscribed to every object approves every record forwarded to it, every approved record
 * is verified, the coins sum to the verified records, every branch with its receipts and the merged
 * chain verify; double, forged, unauthorized, tampered and unknown approvals are refused with their
 * reason and change nothing.
 */
public abstract class ApprovalScenarios {
  protected LedgerNetwork net;
  private NodeKeyPair endpoint;
  private ApproverCertificate certificate;

  /** A fresh network whose parameters name {@link #administrator()} as an administrator. */
  protected abstract LedgerNetwork newNetwork(long seed);

  /** The administrator of the network {@link #newNetwork} made. */
  protected abstract NodeKeyPair administrator();

  @BeforeEach
  void open(org.junit.jupiter.api.TestInfo info) {
    open(info.getTestMethod().orElseThrow().getName().hashCode());
  }

  /** Opens the network of one run of a scenario, seeded (the scenarios use their names). */
  void open(long seed) {
    net = newNetwork(seed);
    endpoint = NodeKeyPair.generate(new SplittableRandom(seed));
    certificate = certificate(endpoint, List.of(ApproverCertificate.ENDPOINT_ROLE));
  }

  @AfterEach
  void close() {
    net.close();
  }

  private ApproverCertificate certificate(NodeKeyPair key, List<String> roles) {
    return ApproverCertificate.issue(
        administrator(),
        net.params(),
        key.publicKey(),
        1_600_000_000_000L,
        2_000_000_000_000L,
        roles);
  }

  private List<Integer> ringOf(int size) {
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      ids.add(net.add(NodeConfig.defaults()));
    }
    net.start(ids.get(0), -1);
    net.await(net.node(ids.get(0)).started(), 30_000);
    for (int i = 1; i < size; i++) {
      net.start(ids.get(i), ids.get(0));
      net.pass(300);
    }
    assertThat(net.await(90_000, () -> net.members().size() == size)).isTrue();
    net.pass(5_000); // successor lists settle: replica sets are complete
    return ids;
  }

  private List<Receipt> submit(List<Integer> from, int count) {
    List<CompletableFuture<Receipt>> futures = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      byte[] data = ("{\"n\":" + k + "}").getBytes(StandardCharsets.UTF_8);
      futures.add(
          net.node(from.get(k % from.size()))
              .submit(data, "sensor-" + (k % 3), "application/json"));
    }
    net.await(CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)), 120_000);
    return futures.stream().map(CompletableFuture::join).toList();
  }

  private Record recordOf(Receipt r) {
    return net.await(net.node(0).get(r.dataKey()), 60_000).orElseThrow();
  }

  /** Why {@code f} failed (it must fail). */
  private FailureReason refusal(CompletableFuture<?> f) {
    Throwable e = net.await(f.handle((v, error) -> error), 60_000);
    assertThat(e).as("the request was refused").isNotNull();
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    assertThat(e).isInstanceOf(FlowchainException.class);
    return ((FlowchainException) e).reason();
  }

  private long totalBalance(List<Integer> ids) {
    return ids.stream().mapToLong(i -> net.node(i).balance()).sum();
  }

  @Test
  void everyApprovedRecordIsVerifiedTheCoinsSumToThemAndTheMergedChainVerifies() {
    List<Integer> ids = ringOf(5);
    // the endpoint's node subscribes to every object and approves whatever is forwarded to it
    FlowchainNode endpointNode = net.node(ids.get(0));
    List<CompletableFuture<ApprovalReceipt>> approvals =
        Collections.synchronizedList(new ArrayList<>());
    List<Record> forwarded = Collections.synchronizedList(new ArrayList<>());
    endpointNode.subscribe(
        "*",
        record -> {
          forwarded.add(record);
          approvals.add(endpointNode.approve(record, endpoint, certificate));
        });
    net.pass(2_000); // the subscription reaches every member
    List<Receipt> acked = submit(ids, 40);
    assertThat(net.await(60_000, () -> forwarded.size() == 40 && approvals.size() == 40))
        .as("every recorded reading is forwarded to the endpoint")
        .isTrue();
    net.await(CompletableFuture.allOf(approvals.toArray(CompletableFuture[]::new)), 120_000);

    ApprovalRules rules = new ApprovalRules(net.params());
    Map<TxId, ApprovalReceipt> receipts = new HashMap<>();
    for (CompletableFuture<ApprovalReceipt> f : approvals) {
      ApprovalReceipt r = f.join();
      receipts.put(r.txId(), r);
    }
    assertThat(receipts.keySet())
        .as("every acknowledged reading was approved and verified")
        .containsExactlyInAnyOrderElementsOf(acked.stream().map(Receipt::txId).toList());
    FlowcoinLedger coins = FlowcoinLedger.of(receipts.values());
    for (Receipt a : acked) {
      ApprovalReceipt r = receipts.get(a.txId());
      Record record = recordOf(a);
      assertThat(rules.checkReceipt(r, record, a.block().minerKey())).isEmpty();
      assertThat(r.recorderId()).isEqualTo(a.recorder());
      assertThat(r.confirmations()).hasSizeGreaterThanOrEqualTo(1); // r = 3: itself and one more
      // the coin is in the recorder's store, traceable to its receipt
      int recorder = machineOf(a.recorder(), ids);
      assertThat(net.node(recorder).coin(a.txId())).hasValue(r);
    }
    // every node's balance is its share of the coins, and the coins sum to the verified records
    for (int i : ids) {
      FlowchainNode n = net.node(i);
      assertThat(n.balance()).isEqualTo(coins.balance(n.id()));
      assertThat(net.await(endpointNode.balanceOf(net.peer(i)), 30_000)).isEqualTo(n.balance());
    }
    assertThat(totalBalance(ids)).isEqualTo(40).isEqualTo(coins.total());
    // the receipts are replicated with the records' copies: the whole replica set (r = 3) has them
    net.pass(2_000);
    for (ApprovalReceipt r : receipts.values()) {
      long copies =
          ids.stream()
              .filter(i -> net.node(i).replicaStore().approval(r.txId()).isPresent())
              .count();
      assertThat(copies).as("copies of the receipt of %s", r.txId()).isEqualTo(2);
    }

    // every branch verifies with its receipts; the merged chain audits with every coin
    net.pass(3_000); // the blocks holding the records are sealed
    List<BranchSource> branches = new ArrayList<>();
    long verified = 0;
    for (int i : ids) {
      BranchSource b = net.onNode(i, () -> frozen(net.node(i).ledger().store()));
      VerificationReport report = new BranchVerifier(net.params()).verify(b);
      assertThat(report.fault()).isNull();
      verified += report.approvals();
      branches.add(b);
    }
    assertThat(verified).isEqualTo(40);
    MergedChain merged =
        new Inventory(net.params(), administrator()).merge(null, branches, m -> {}).chain();
    ChainAuditor.AuditReport audit =
        new ChainAuditor(net.params()).audit(merged, branches, m -> {});
    assertThat(audit.fault()).isNull();
    assertThat(audit.coins()).isEqualTo(40);

    // a node that joins now gets, with every copy handed off to it, the copy's receipt
    int joiner = net.add(NodeConfig.defaults());
    net.start(joiner, ids.get(0));
    assertThat(net.await(90_000, () -> net.members().size() == 6)).isTrue();
    net.pass(5_000);
    List<TxId> handedOff =
        receipts.keySet().stream()
            .filter(tx -> net.node(joiner).replicaStore().get(tx).isPresent())
            .toList();
    assertThat(handedOff).as("copies handed off to the joiner").isNotEmpty();
    for (TxId tx : handedOff) {
      assertThat(net.node(joiner).replicaStore().approval(tx)).as("receipt of %s", tx).isPresent();
    }
  }

  @Test
  void doubleForgedUnauthorizedTamperedAndUnknownApprovalsAreRefusedAndChangeNothing() {
    List<Integer> ids = ringOf(5);
    List<Receipt> acked = submit(ids, 3);
    Record a = recordOf(acked.get(0));
    Record b = recordOf(acked.get(1));
    FlowchainNode via = net.node(ids.get(2));

    ApprovalReceipt first = net.await(via.approve(a, endpoint, certificate), 60_000);
    assertThat(totalBalance(ids)).isEqualTo(1);

    // approving twice: a second approval is refused; the very same approval again (a retry) gets
    // the same receipt; neither earns a coin
    net.pass(10);
    assertThat(refusal(via.approve(a, endpoint, certificate)))
        .isEqualTo(FailureReason.ALREADY_APPROVED);
    assertThat(net.await(via.approve(first.approval(), a), 60_000)).isEqualTo(first);

    // a forged approval: the signature does not verify
    Approval honest = Approval.sign(b, b.recordedAt() + 1, endpoint, certificate);
    byte[] sig = honest.signature().toBytes();
    sig[10] ^= 1;
    Approval forged =
        new Approval(
            honest.txId(),
            honest.dataKey(),
            honest.recordDigest(),
            honest.approvedAt(),
            honest.approver(),
            honest.certificate(),
            Signature.of(sig));
    assertThat(refusal(via.approve(forged, b))).isEqualTo(FailureReason.BAD_SIGNATURE);
    // signed by a key the certificate is not for
    NodeKeyPair intruder = NodeKeyPair.generate(new SplittableRandom(99));
    Approval stolen =
        new Approval(
            honest.txId(),
            honest.dataKey(),
            honest.recordDigest(),
            honest.approvedAt(),
            honest.approver(),
            honest.certificate(),
            intruder.sign(honest.signingInput()));
    assertThat(refusal(via.approve(stolen, b))).isEqualTo(FailureReason.BAD_SIGNATURE);

    // approving without authorization: no role endpoint, or a certificate nobody may issue
    assertThat(refusal(via.approve(b, intruder, certificate(intruder, List.of("gateway")))))
        .isEqualTo(FailureReason.UNAUTHORIZED);
    ApproverCertificate selfMade =
        ApproverCertificate.issue(
            intruder,
            net.params(),
            intruder.publicKey(),
            1_600_000_000_000L,
            2_000_000_000_000L,
            List.of("endpoint"));
    assertThat(refusal(via.approve(b, intruder, selfMade))).isEqualTo(FailureReason.UNAUTHORIZED);

    // a tampered record: the same txID and data key, other bytes
    Record altered =
        new Record(
            b.txId(),
            b.dataKey(),
            b.submission(),
            b.recordedAt() + 1,
            b.blockNo(),
            b.blockHash(),
            b.recorder(),
            b.signature());
    assertThat(refusal(via.approve(altered, endpoint, certificate)))
        .isEqualTo(FailureReason.TAMPERED);

    // an unknown record: never recorded anywhere
    Submission never =
        Submission.of(
            "sensor-0",
            "application/json",
            Bytes.utf8("{\"n\":-1}"),
            b.recordedAt(),
            new SplittableRandom(5));
    Record ghost =
        new Record(
            new TxId(io.flowchain.core.types.Hash.of(new byte[32])),
            never.dataKey(),
            never,
            b.recordedAt(),
            1,
            b.blockHash(),
            b.recorder(),
            b.signature());
    assertThat(refusal(via.approve(ghost, endpoint, certificate)))
        .isEqualTo(FailureReason.UNKNOWN_RECORD);

    // nothing changed: one coin, no receipt of b anywhere, and b can still be approved
    assertThat(totalBalance(ids)).isEqualTo(1);
    for (int i : ids) {
      assertThat(net.node(i).coin(b.txId())).isEmpty();
      assertThat(net.node(i).replicaStore().approval(b.txId())).isEmpty();
    }
    ApprovalReceipt later = net.await(via.approve(b, endpoint, certificate), 60_000);
    assertThat(later.recorderId()).isEqualTo(b.recorder());
    assertThat(totalBalance(ids)).isEqualTo(2);
  }

  /** A copy of a live branch as it is now (the node goes on mining while it is audited). */
  private static BranchSource frozen(io.flowchain.core.store.LedgerStore store) {
    long height = store.height();
    List<io.flowchain.core.ledger.BlockHeader> headers = new ArrayList<>();
    List<List<Record>> records = new ArrayList<>();
    List<java.util.Optional<io.flowchain.core.ledger.InvalidReason>> labels = new ArrayList<>();
    for (long no = 0; no <= height; no++) {
      headers.add(store.header(no).orElseThrow());
      records.add(store.recordsInBlock(no));
      labels.add(store.invalidReason(no));
    }
    List<ApprovalReceipt> approvals = BranchSource.of(store).approvals();
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
      public List<ApprovalReceipt> approvals() {
        return approvals;
      }
    };
  }

  private int machineOf(io.flowchain.core.types.NodeId id, List<Integer> ids) {
    for (int i : ids) {
      if (net.peer(i).id().equals(id)) {
        return i;
      }
    }
    throw new AssertionError("no machine with id " + id);
  }
}
