package io.flowchain.core.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowchain.core.approval.Refusal.Kind;
import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.crypto.Signature;
import io.flowchain.core.ledger.Fixture;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.ValidBlockPolicy;
import io.flowchain.core.store.InMemoryStore;
import io.flowchain.core.types.Hash;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ApprovalRulesTest {
  private final ApprovalKit unbound = new ApprovalKit(7);
  private final NetworkParams params = Fixture.params(List.of(unbound.admin.publicKey()));
  private final ApprovalKit kit = unbound.certifiedFor(params);
  private final Fixture f = new Fixture(3, ValidBlockPolicy.mru(), new InMemoryStore(), params);
  private final ApprovalRules rules = new ApprovalRules(params);
  private final SplittableRandom random = new SplittableRandom(11);
  private final NodeKeyPair replica1 = NodeKeyPair.generate(random);
  private final NodeKeyPair replica2 = NodeKeyPair.generate(random);
  private final Record record;
  private final long now;

  ApprovalRulesTest() {
    f.miner.tick();
    f.record("sensor-1", 2);
    record = f.store.recordsInBlock(1).get(0);
    now = f.scheduler.nowMillis();
  }

  private Optional<Kind> kindOf(Optional<Refusal> r) {
    return r.map(Refusal::kind);
  }

  @Test
  void aSignedApprovalOfTheRecordByACertifiedEndpointPasses() {
    Approval a = kit.approve(record, now);
    assertThat(rules.checkNew(a, now)).isEmpty();
    assertThat(ApprovalRules.checkAgainst(a, record)).isEmpty();
  }

  @Test
  void aForgedSignatureIsRefused() {
    Approval a = kit.approve(record, now);
    byte[] sig = a.signature().toBytes();
    sig[3] ^= 1;
    Approval forged =
        new Approval(
            a.txId(),
            a.dataKey(),
            a.recordDigest(),
            a.approvedAt(),
            a.approver(),
            a.certificate(),
            Signature.of(sig));
    assertThat(kindOf(rules.checkNew(forged, now))).hasValue(Kind.BAD_SIGNATURE);
    // a signature by another key than the certified one
    NodeKeyPair other = NodeKeyPair.generate(random);
    Approval byOther =
        new Approval(
            a.txId(),
            a.dataKey(),
            a.recordDigest(),
            a.approvedAt(),
            a.approver(),
            a.certificate(),
            other.sign(a.signingInput()));
    assertThat(kindOf(rules.checkNew(byOther, now))).hasValue(Kind.BAD_SIGNATURE);
  }

  @Test
  void anEndpointWithoutTheRoleOrAnAdministratorsCertificateIsUnauthorized() {
    ApproverCertificate noRole =
        ApproverCertificate.issue(
            kit.admin,
            params,
            kit.endpoint.publicKey(),
            ApprovalKit.NOT_BEFORE,
            ApprovalKit.NOT_AFTER,
            List.of("gateway"));
    Approval a = Approval.sign(record, now, kit.endpoint, noRole);
    assertThat(rules.checkNew(a, now).orElseThrow().kind()).isEqualTo(Kind.UNAUTHORIZED);
    assertThat(rules.checkNew(a, now).orElseThrow().message()).contains("role 'endpoint'");

    NodeKeyPair stranger = NodeKeyPair.generate(random);
    ApproverCertificate selfIssued =
        ApproverCertificate.issue(
            stranger,
            params,
            kit.endpoint.publicKey(),
            ApprovalKit.NOT_BEFORE,
            ApprovalKit.NOT_AFTER,
            List.of("endpoint"));
    assertThat(rules.checkNew(Approval.sign(record, now, kit.endpoint, selfIssued), now))
        .map(Refusal::message)
        .hasValueSatisfying(m -> assertThat(m).contains("not issued by an administrator"));

    NetworkParams otherNet =
        new NetworkParams(
            "other-net",
            params.genesisTimestamp(),
            params.difficultyTable(),
            params.administrators());
    ApproverCertificate elsewhere =
        ApproverCertificate.issue(
            kit.admin,
            otherNet,
            kit.endpoint.publicKey(),
            ApprovalKit.NOT_BEFORE,
            ApprovalKit.NOT_AFTER,
            List.of("endpoint"));
    assertThat(rules.checkNew(Approval.sign(record, now, kit.endpoint, elsewhere), now))
        .map(Refusal::message)
        .hasValueSatisfying(m -> assertThat(m).contains("another network"));

    ApproverCertificate expired =
        ApproverCertificate.issue(
            kit.admin, params, kit.endpoint.publicKey(), 0, now - 120_000, List.of("endpoint"));
    assertThat(rules.checkNew(Approval.sign(record, now, kit.endpoint, expired), now))
        .map(Refusal::message)
        .hasValueSatisfying(m -> assertThat(m).contains("not valid at"));
  }

  @Test
  void aTamperedRecordOrAnotherDataKeyIsRefusedAsTampered() {
    Approval a = kit.approve(record, now);
    Record other = f.store.recordsInBlock(1).get(1);
    // the same txID, other bytes: the recorder holds something else than what was approved
    Record altered =
        new Record(
            record.txId(),
            record.dataKey(),
            record.submission(),
            record.recordedAt() + 1,
            record.blockNo(),
            record.blockHash(),
            record.recorder(),
            record.signature());
    assertThat(kindOf(ApprovalRules.checkAgainst(a, altered))).hasValue(Kind.TAMPERED);
    Record otherKey =
        new Record(
            record.txId(),
            other.dataKey(),
            record.submission(),
            record.recordedAt(),
            record.blockNo(),
            record.blockHash(),
            record.recorder(),
            record.signature());
    assertThat(kindOf(ApprovalRules.checkAgainst(a, otherKey))).hasValue(Kind.TAMPERED);
    assertThat(kindOf(ApprovalRules.checkAgainst(a, other))).hasValue(Kind.UNKNOWN_RECORD);
  }

  @Test
  void approvalTimesMustBeCurrentAndNotBeforeTheRecord() {
    assertThat(kindOf(rules.checkNew(kit.approve(record, now + 120_000), now)))
        .hasValue(Kind.BAD_TIME);
    assertThat(kindOf(rules.checkNew(kit.approve(record, now - 11 * 60_000), now)))
        .hasValue(Kind.BAD_TIME);
    Approval early = kit.approve(record, record.recordedAt() - 61_000);
    assertThat(kindOf(ApprovalRules.checkAgainst(early, record))).hasValue(Kind.BAD_TIME);
  }

  @Test
  void aReceiptWithAMajorityOfValidConfirmationsVerifies() {
    ApprovalReceipt r = kit.receipt(record, now, f.keys, List.of(replica1, replica2));
    assertThat(r.replicaSet()).isEqualTo(3);
    assertThat(rules.checkReceipt(r, record, f.keys.publicKey())).isEmpty();
    assertThat(ApprovalReceipt.parse(r.toBytes())).isEqualTo(r);
    assertThat(r.recorderId()).isEqualTo(record.recorder());
    assertThat(r.txId()).isEqualTo(record.txId());
  }

  @Test
  void aReceiptWithoutAMajorityOrWithBadConfirmationsIsRefused() {
    Approval a = kit.approve(record, now);
    Confirmation c1 = Confirmation.sign(a, replica1);
    Confirmation c2 = Confirmation.sign(a, replica2);
    assertThat(ApprovalRules.confirmationsNeeded(3)).isEqualTo(1);
    assertThat(ApprovalRules.confirmationsNeeded(4)).isEqualTo(2);
    assertThat(ApprovalRules.confirmationsNeeded(1)).isZero();
    // a set of five needs two confirmations besides the recorder
    ApprovalReceipt tooFew = ApprovalReceipt.sign(a, 5, List.of(c1), now, f.keys);
    assertThat(rules.checkReceipt(tooFew, record, f.keys.publicKey()).orElseThrow().message())
        .contains("needs 2");
    ApprovalReceipt twice = ApprovalReceipt.sign(a, 5, List.of(c1, c1), now, f.keys);
    assertThat(kindOf(rules.checkReceipt(twice, record, f.keys.publicKey())))
        .hasValue(Kind.BAD_RECEIPT);
    ApprovalReceipt self =
        ApprovalReceipt.sign(a, 3, List.of(Confirmation.sign(a, f.keys)), now, f.keys);
    assertThat(kindOf(rules.checkReceipt(self, record, f.keys.publicKey())))
        .hasValue(Kind.BAD_RECEIPT);
    // a confirmation of another approval does not count for this one
    Approval later = kit.approve(record, now + 1);
    ApprovalReceipt mixed =
        ApprovalReceipt.sign(a, 3, List.of(Confirmation.sign(later, replica1)), now, f.keys);
    assertThat(rules.checkReceipt(mixed, record, f.keys.publicKey()).orElseThrow().message())
        .contains("does not verify");
    ApprovalReceipt good = ApprovalReceipt.sign(a, 3, List.of(c2), now, f.keys);
    assertThat(rules.checkReceipt(good, record, f.keys.publicKey())).isEmpty();
    // signed by someone else than the recorder
    ApprovalReceipt notRecorder = ApprovalReceipt.sign(a, 3, List.of(c2), now, replica1);
    assertThat(kindOf(rules.checkReceipt(notRecorder, record, f.keys.publicKey())))
        .hasValue(Kind.BAD_RECEIPT);
    byte[] bytes = good.toBytes();
    bytes[bytes.length - 1] ^= 1;
    assertThat(kindOf(rules.checkReceipt(ApprovalReceipt.parse(bytes), record, f.keys.publicKey())))
        .hasValue(Kind.BAD_RECEIPT);
  }

  @Test
  void encodingsRoundTripAndRefuseTruncationAndTrailingBytes() {
    Approval a = kit.approve(record, now);
    assertThat(Approval.parse(a.toBytes())).isEqualTo(a);
    assertThat(ApproverCertificate.parse(kit.certificate.toBytes())).isEqualTo(kit.certificate);
    ApprovalReceipt r = kit.receipt(record, now, f.keys, List.of(replica1));
    byte[] bytes = r.toBytes();
    for (int cut = 0; cut < bytes.length; cut += 7) {
      byte[] truncated = java.util.Arrays.copyOf(bytes, cut);
      assertThatThrownBy(() -> ApprovalReceipt.parse(truncated))
          .isInstanceOf(IllegalArgumentException.class);
    }
    byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
    assertThatThrownBy(() -> ApprovalReceipt.parse(longer))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new Approval(
                    a.txId(),
                    a.dataKey(),
                    Hash.ZERO,
                    1,
                    replica1.publicKey(),
                    kit.certificate,
                    a.signature()))
        .hasMessageContaining("certificate is not for the approver");
  }

  @Test
  void theLedgerCreditsEachCoinToItsRecorderOnceAndTracesIt() {
    Fixture g = new Fixture(4, ValidBlockPolicy.mru(), new InMemoryStore(), params);
    g.miner.tick();
    g.record("sensor-2", 1);
    Record theirs = g.store.recordsInBlock(1).get(0);
    Record second = f.store.recordsInBlock(1).get(1);
    ApprovalReceipt r1 = kit.receipt(record, now, f.keys, List.of(replica1));
    ApprovalReceipt r2 = kit.receipt(second, now, f.keys, List.of(replica1));
    ApprovalReceipt r3 = kit.receipt(theirs, now, g.keys, List.of(replica2));
    FlowcoinLedger ledger = FlowcoinLedger.of(List.of(r1, r2, r3));
    assertThat(ledger.add(kit.receipt(record, now + 1, f.keys, List.of(replica2)))).isFalse();
    assertThat(ledger.total()).isEqualTo(3);
    assertThat(ledger.balance(f.keys.nodeId())).isEqualTo(2);
    assertThat(ledger.balance(g.keys.nodeId())).isEqualTo(1);
    assertThat(ledger.balance(replica1.nodeId())).isZero();
    assertThat(ledger.coin(record.txId())).hasValue(r1);
    assertThat(ledger.coinsOf(f.keys.nodeId())).containsExactly(r1, r2);
    assertThat(ledger.balances().values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(ledger.total());
  }
}
