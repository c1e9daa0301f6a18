package io.flowchain.cli.demo;

import io.flowchain.core.approval.Approval;
import io.flowchain.core.approval.ApprovalReceipt;
import io.flowchain.core.approval.ApproverCertificate;
import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.port.SystemClock;
import io.flowchain.core.types.Key;
import io.flowchain.core.types.TxId;
import io.flowchain.node.FlowchainNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The demo's endpoint: subscribed through one node to every object, it approves each record
 * forwarded to it (paper §5.4). Each record is approved with one signed approval, sent again as it
 * is when an attempt fails (the recorder answers a repeated approval with its receipt, never a
 * second coin). Thread-safe.
 */
final class AutoApprover {
  private final NodeKeyPair key;
  private final ApproverCertificate certificate;
  private final Map<TxId, Approval> signed = new ConcurrentHashMap<>();
  private final Map<TxId, Record> records = new ConcurrentHashMap<>();
  private final Map<TxId, ApprovalReceipt> verified = new ConcurrentHashMap<>();
  private final Map<TxId, CompletableFuture<ApprovalReceipt>> inFlight = new ConcurrentHashMap<>();

  AutoApprover(NodeKeyPair key, ApproverCertificate certificate) {
    this.key = key;
    this.certificate = certificate;
  }

  /** Subscribes through {@code node} to every object's records and approves each one. */
  void attach(FlowchainNode node) {
    node.subscribe("*", record -> approve(node, record));
  }

  private void approve(FlowchainNode via, Record record) {
    TxId tx = record.txId();
    if (verified.containsKey(tx) || inFlight.containsKey(tx)) {
      return;
    }
    records.put(tx, record);
    Approval a =
        signed.computeIfAbsent(
            tx, t -> Approval.sign(record, SystemClock.INSTANCE.nowMillis(), key, certificate));
    CompletableFuture<ApprovalReceipt> f = via.approve(a, record);
    inFlight.put(tx, f);
    f.whenComplete(
        (receipt, error) -> {
          if (error == null) {
            verified.put(tx, receipt);
          }
          inFlight.remove(tx, f);
        });
  }

  /** Waits (at most {@code millis}) until no approval is in flight. */
  void drain(long millis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (!inFlight.isEmpty()) { // approvals of records forwarded meanwhile join the wait
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      try {
        CompletableFuture.allOf(inFlight.values().toArray(CompletableFuture[]::new))
            .get(left, TimeUnit.NANOSECONDS);
      } catch (ExecutionException e) {
        // a refused approval stays unverified (and leaves the map)
      } catch (TimeoutException e) {
        return; // still in flight: caught up later
      }
    }
  }

  /**
   * Approves every acknowledged reading ({@code dataKeys} by txID) that is not verified yet: one
   * whose record never reached the endpoint (its recorder restarted after a crash and had not heard
   * the subscription again) is read back from the ring first.
   */
  void catchUp(Map<TxId, Key> dataKeys, Supplier<FlowchainNode> someNode, int rounds)
      throws InterruptedException {
    for (int round = 0; round < rounds; round++) {
      List<TxId> missing = new ArrayList<>();
      for (TxId tx : dataKeys.keySet()) {
        if (!verified.containsKey(tx)) {
          missing.add(tx);
        }
      }
      if (missing.isEmpty()) {
        return;
      }
      for (TxId tx : missing) {
        FlowchainNode via = someNode.get();
        Record r = records.get(tx);
        if (r == null) {
          Optional<Record> read =
              via.get(dataKeys.get(tx)).exceptionally(e -> Optional.empty()).join();
          if (read.isEmpty() || !read.get().txId().equals(tx)) {
            continue;
          }
          r = read.get();
        }
        approve(via, r);
      }
      drain(60_000);
    }
  }

  /** Readings approved and verified: the receipts the endpoint got back, checked. */
  int verified() {
    return verified.size();
  }
}
