package io.flowchain.store.rocksdb;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One writer thread over a bounded queue of writes. It takes everything queued (up to a batch
 * size), hands it to a {@link Committer} that writes it as one synced batch, and only then
 * completes the writes' futures, in queue order, on a separate completion thread (so a slow
 * callback never holds up the next fsync, and a callback may safely wait on the store).
 *
 * <p>Back-pressure: {@link #submit} waits while the queue holds more than its byte bound, up to the
 * put timeout, then throws {@link StoreBackPressureException}. Memory is bounded by the queue bound
 * plus one batch in the committer plus at most {@value #MAX_COMPLETIONS} batches awaiting
 * completion.
 *
 * <p>A failed commit fails its writes and every write queued or submitted after it: later writes
 * must never become durable without the earlier ones (a header must not outlive the records it
 * seals).
 */
final class GroupCommitWriter implements AutoCloseable {
  static final int MAX_COMPLETIONS = 64;

  /** A queued write: its size for the queue bound and the future completed once it is durable. */
  abstract static class Op {
    final CompletableFuture<Void> done = new CompletableFuture<>();
    final int bytes;

    Op(int bytes) {
      this.bytes = bytes;
    }
  }

  /** Writes a batch of ops durably (synced) in order, or throws. Called on the writer thread. */
  interface Committer {
    void commit(List<Op> batch) throws Exception;
  }

  private final Committer committer;
  private final StoreOptions options;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final Condition notFull = lock.newCondition();
  private final ArrayDeque<Op> queue = new ArrayDeque<>();
  private final Semaphore completionSlots = new Semaphore(MAX_COMPLETIONS);
  private final ExecutorService completer;
  private final Thread thread;
  private long queuedBytes;
  private boolean closing;
  private Throwable failure;

  GroupCommitWriter(String name, StoreOptions options, Committer committer) {
    this.committer = committer;
    this.options = options;
    this.completer =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, name + "-acks");
              t.setDaemon(true);
              return t;
            });
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Queues {@code op}; {@code check} runs under the queue lock just before, so checks and queue
   * order agree. Blocks while the queue is full.
   *
   * @throws StoreBackPressureException if there is no room within the put timeout
   * @throws StoreException if an earlier write failed
   * @throws IllegalStateException if the writer is closed
   */
  void submit(Op op, Runnable check) {
    lock.lock();
    try {
      checkUsable();
      long nanos = TimeUnit.MILLISECONDS.toNanos(options.putTimeoutMillis());
      // a write bigger than the whole bound still goes in once the queue is empty
      while (queuedBytes > 0 && queuedBytes + op.bytes > options.maxQueuedBytes()) {
        if (nanos <= 0) {
          throw new StoreBackPressureException(
              "store queue full ("
                  + queuedBytes
                  + " bytes waiting for the disk) for "
                  + options.putTimeoutMillis()
                  + " ms: the disk is not keeping up; retry later");
        }
        nanos = notFull.awaitNanos(nanos);
        checkUsable();
      }
      if (check != null) {
        check.run();
      }
      queue.addLast(op);
      queuedBytes += op.bytes;
      notEmpty.signal();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting for room in the store queue", e);
    } finally {
      lock.unlock();
    }
  }

  private void checkUsable() {
    if (failure != null) {
      throw new StoreException(
          "the store failed earlier and takes no more writes: " + failure.getMessage(), failure);
    }
    if (closing) {
      throw new IllegalStateException("store is closed");
    }
  }

  private void run() {
    while (true) {
      List<Op> batch = new ArrayList<>();
      lock.lock();
      try {
        while (queue.isEmpty() && !closing) {
          notEmpty.awaitUninterruptibly();
        }
        if (queue.isEmpty()) {
          return; // closing and everything written
        }
        long linger = TimeUnit.MICROSECONDS.toNanos(options.lingerMicros());
        while (linger > 0 && queue.size() < options.maxBatchRecords() && !closing) {
          linger = notEmpty.awaitNanos(linger);
        }
        long bytes = 0;
        while (!queue.isEmpty() && batch.size() < options.maxBatchRecords()) {
          Op op = queue.pollFirst();
          bytes += op.bytes;
          batch.add(op);
        }
        queuedBytes -= bytes;
        notFull.signalAll();
      } catch (InterruptedException e) {
        // nobody interrupts the writer; if someone does, commit what was taken and go on
      } finally {
        lock.unlock();
      }
      if (batch.isEmpty()) {
        continue;
      }
      try {
        committer.commit(batch);
      } catch (Throwable e) {
        failAll(batch, e);
        return;
      }
      complete(batch);
    }
  }

  private void complete(List<Op> batch) {
    completionSlots.acquireUninterruptibly();
    completer.execute(
        () -> {
          try {
            for (Op op : batch) {
              op.done.complete(null);
            }
          } finally {
            completionSlots.release();
          }
        });
  }

  private void failAll(List<Op> batch, Throwable e) {
    List<Op> rest;
    lock.lock();
    try {
      failure = e;
      rest = new ArrayList<>(queue);
      queue.clear();
      queuedBytes = 0;
      notFull.signalAll();
    } finally {
      lock.unlock();
    }
    StoreException cause =
        e instanceof StoreException se ? se : new StoreException("store write failed: " + e, e);
    completer.execute(
        () -> {
          batch.forEach(op -> op.done.completeExceptionally(cause));
          rest.forEach(op -> op.done.completeExceptionally(cause));
        });
  }

  /** The failure that stopped the writer, if any. */
  Throwable failure() {
    lock.lock();
    try {
      return failure;
    } finally {
      lock.unlock();
    }
  }

  /** Writes everything queued, then stops the writer and completes the last futures. */
  @Override
  public void close() {
    lock.lock();
    try {
      closing = true;
      notEmpty.signalAll();
      notFull.signalAll();
    } finally {
      lock.unlock();
    }
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    completer.shutdown();
    try {
      if (!completer.awaitTermination(30, TimeUnit.SECONDS)) {
        completer.shutdownNow();
      }
    } catch (InterruptedException e) {
      interrupted = true;
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
