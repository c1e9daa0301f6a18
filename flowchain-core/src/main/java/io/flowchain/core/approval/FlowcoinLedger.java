package io.flowchain.core.approval;

import io.flowchain.core.types.NodeId;
import io.flowchain.core.types.TxId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Flowcoin balances from approval receipts: every coin is one {@link ApprovalReceipt}, identified
 * by the txID it approves and credited to the record's recorder, so a balance is the number of
 * receipts a node earned and every coin can be traced to the receipt that backs it. A second
 * receipt for the same txID is not a second coin. Not thread-safe.
 */
public final class FlowcoinLedger {
  private final Map<TxId, ApprovalReceipt> coins = new LinkedHashMap<>();
  private final Map<NodeId, Long> balances = new HashMap<>();

  /** A ledger of {@code receipts} (repeated txIDs count once). */
  public static FlowcoinLedger of(Collection<ApprovalReceipt> receipts) {
    FlowcoinLedger l = new FlowcoinLedger();
    receipts.forEach(l::add);
    return l;
  }

  /** Credits the receipt's coin to its recorder; false if that txID has a coin already. */
  public boolean add(ApprovalReceipt receipt) {
    if (coins.putIfAbsent(receipt.txId(), receipt) != null) {
      return false;
    }
    balances.merge(receipt.recorderId(), 1L, Long::sum);
    return true;
  }

  /** Coins earned by {@code node}. */
  public long balance(NodeId node) {
    return balances.getOrDefault(node, 0L);
  }

  /** Every node's balance. */
  public Map<NodeId, Long> balances() {
    return Map.copyOf(balances);
  }

  /** All coins. */
  public long total() {
    return coins.size();
  }

  /** The receipt behind the coin of {@code txId}. */
  public Optional<ApprovalReceipt> coin(TxId txId) {
    return Optional.ofNullable(coins.get(txId));
  }

  /** The receipts behind {@code node}'s coins, in the order they were added. */
  public List<ApprovalReceipt> coinsOf(NodeId node) {
    List<ApprovalReceipt> out = new ArrayList<>();
    for (ApprovalReceipt r : coins.values()) {
      if (r.recorderId().equals(node)) {
        out.add(r);
      }
    }
    return out;
  }
}
