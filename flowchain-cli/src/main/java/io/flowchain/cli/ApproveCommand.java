package io.flowchain.cli;

import io.flowchain.cli.net.ClientSession;
import io.flowchain.core.approval.Approval;
import io.flowchain.core.approval.ApprovalReceipt;
import io.flowchain.core.approval.ApprovalRules;
import io.flowchain.core.approval.ApproverCertificate;
import io.flowchain.core.approval.Confirmation;
import io.flowchain.core.codec.CanonicalWriter;
import io.flowchain.core.crypto.KeyFiles;
import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.ledger.NetworkJson;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.port.SystemClock;
import io.flowchain.core.types.TxId;
import io.flowchain.net.membership.CertificateJson;
import io.flowchain.net.membership.MembershipCertificate;
import io.flowchain.node.FlowchainException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flowchain approve}: an endpoint approves one record of a running network. */
@Command(
    name = "approve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Approves the record TXID as an endpoint (paper §5.4): reads the record from the ring, signs"
          + " an approval of exactly its bytes with --key, and sends it to the record's recorder"
          + " (the successor of its data key), which checks it with its replica set; once a"
          + " majority of the set confirmed, the record is verified, the recorder earns one"
          + " Flowcoin and the signed approval receipt comes back, checked.",
      "The endpoint needs a membership certificate of the network with the role endpoint"
          + " (flowchain network authorize --role endpoint); the same --key and --cert connect it.",
      "Exit code 0: verified. 3: refused (the reason is printed: ALREADY_APPROVED,"
          + " UNKNOWN_RECORD, TAMPERED, UNAUTHORIZED, BAD_SIGNATURE, ...); nothing changed. 1: no"
          + " answer, or the network could not be reached. 2: bad input.",
      ""
    })
public final class ApproveCommand implements Callable<Integer> {
  /** The exit code of an approval the network refused. */
  static final int REFUSED = 3;

  @Mixin RemoteOptions remote = new RemoteOptions();

  @Option(names = "--json", description = "Print the approval receipt as one JSON object.")
  boolean json;

  @Parameters(index = "0", paramLabel = "TXID", description = "The record's txID (64 hex).")
  String txId;

  @Override
  public Integer call() throws Exception {
    if (!remote.given()) {
      throw new IllegalArgumentException("approve needs --node HOST:PORT");
    }
    TxId id = TxId.parse(txId);
    try (ClientSession session = remote.open()) {
      NetworkParams params = NetworkJson.read(remote.network).params();
      NodeKeyPair key = KeyFiles.readKeyPair(remote.key);
      ApproverCertificate cert = approverCertificate(CertificateJson.read(remote.cert));
      Optional<Record> record;
      ApprovalReceipt receipt;
      try {
        record = session.client().get(id).get(remote.timeoutSeconds, TimeUnit.SECONDS);
        if (record.isEmpty()) {
          return refused("UNKNOWN_RECORD", "no member of the network holds record " + id);
        }
        Approval approval =
            Approval.sign(record.get(), SystemClock.INSTANCE.nowMillis(), key, cert);
        receipt =
            session
                .client()
                .approve(approval, record.get(), new ApprovalRules(params))
                .get(remote.timeoutSeconds, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof FlowchainException f) {
          return switch (f.reason()) {
            case TIMEOUT, CLOSED, BUSY, NOT_OWNER, NOT_CONFIRMED, INTERNAL -> {
              System.err.println("error: not verified: " + f.getMessage());
              yield 1;
            }
            default -> refused(f.reason().name(), f.getMessage());
          };
        }
        throw e;
      }
      print(receipt);
      return 0;
    }
  }

  /** The certificate in the binary form an approval carries (docs/protocol.md §14). */
  static ApproverCertificate approverCertificate(MembershipCertificate c) {
    return ApproverCertificate.parse(
        new CanonicalWriter(300).raw(c.signingInput()).fixed(c.signature()).toByteArray());
  }

  private static int refused(String reason, String message) {
    System.err.println(
        "refused: " + (message.startsWith(reason) ? message : reason + ": " + message));
    return REFUSED;
  }

  private void print(ApprovalReceipt r) throws Exception {
    List<String> replicas = new ArrayList<>();
    for (Confirmation c : r.confirmations()) {
      replicas.add(c.replicaId().toHex());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("verified", true);
    out.put("txId", r.txId().toHex());
    out.put("recorder", r.recorderId().toHex());
    out.put("approver", r.approval().approver().nodeId().toHex());
    out.put("approvedAt", r.approval().approvedAt());
    out.put("verifiedAt", r.verifiedAt());
    out.put("replicaSet", r.replicaSet());
    out.put("confirmedBy", replicas);
    if (json) {
      System.out.println(Json.MAPPER.writeValueAsString(out));
    } else {
      System.out.println("verified:     " + r.txId());
      System.out.println("recorder:     " + r.recorderId() + " (earns one Flowcoin)");
      System.out.println("verified at:  " + Instant.ofEpochMilli(r.verifiedAt()));
      System.out.println(
          "confirmed by: "
              + String.join(", ", replicas)
              + " and the recorder, of a replica set of "
              + r.replicaSet());
    }
  }
}
