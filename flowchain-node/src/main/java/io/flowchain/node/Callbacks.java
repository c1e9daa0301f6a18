package io.flowchain.node;

import io.flowchain.core.approval.ApprovalReceipt;
import io.flowchain.core.ledger.Record;
import io.flowchain.node.message.LedgerMessage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's callbacks and the executor they (and request futures) run on, so that the
 * node's own thread never runs application code.
 */
final class Callbacks {
  private static final Logger LOG = LoggerFactory.getLogger(Callbacks.class);

  private final Executor executor;
  private final Consumer<FlowchainNode> onStart;
  private final Consumer<Record> onMessage;
  private final Consumer<Record> onData;
  private final Consumer<LedgerMessage> onQuery;
  private final Consumer<ApprovalReceipt> onVerified;
  private final List<Consumer<Record>> recordListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<ApprovalReceipt>> verifiedListeners = new CopyOnWriteArrayList<>();

  Callbacks(
      Executor executor,
      Consumer<FlowchainNode> onStart,
      Consumer<Record> onMessage,
      Consumer<Record> onData,
      Consumer<LedgerMessage> onQuery,
      Consumer<ApprovalReceipt> onVerified) {
    this.executor = executor;
    this.onVerified = onVerified;
    this.onStart = onStart;
    this.onMessage = onMessage;
    this.onData = onData;
    this.onQuery = onQuery;
  }

  void started(FlowchainNode node) {
    run(onStart, node, "onStart");
  }

  void recorded(Record record) {
    run(onMessage, record, "onMessage");
    for (Consumer<Record> l : recordListeners) {
      run(l, record, "record listener");
    }
  }

  AutoCloseable addRecordListener(Consumer<Record> listener) {
    return added(recordListeners, listener);
  }

  AutoCloseable addVerifiedListener(Consumer<ApprovalReceipt> listener) {
    return added(verifiedListeners, listener);
  }

  private static <T> AutoCloseable added(List<Consumer<T>> listeners, Consumer<T> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  void copyStored(Record record) {
    run(onData, record, "onData");
  }

  void query(LedgerMessage request) {
    run(onQuery, request, "onQuery");
  }

  void verified(ApprovalReceipt receipt) {
    run(onVerified, receipt, "onVerified");
    for (Consumer<ApprovalReceipt> l : verifiedListeners) {
      run(l, receipt, "verified listener");
    }
  }

  /** Hands a forwarded record to one subscription's callback. */
  void forwarded(Consumer<Record> callback, Record record) {
    run(callback, record, "subscription");
  }

  <T> void complete(CompletableFuture<T> future, T value) {
    executor.execute(() -> future.complete(value));
  }

  void fail(CompletableFuture<?> future, Throwable error) {
    executor.execute(() -> future.completeExceptionally(error));
  }

  private <T> void run(Consumer<T> callback, T value, String name) {
    if (callback == null) {
      return;
    }
    executor.execute(
        () -> {
          try {
            callback.accept(value);
          } catch (RuntimeException e) {
            LOG.warn("{} callback failed", name, e);
          }
        });
  }
}
