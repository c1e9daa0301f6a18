package io.flowchain.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The group-committing writer with a committer the test controls. */
class GroupCommitWriterTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  /** A committer that records each batch and can be held at the start of a commit. */
  static final class Disk implements GroupCommitWriter.Committer {
    final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
    final CountDownLatch entered = new CountDownLatch(1);
    volatile CountDownLatch gate = new CountDownLatch(0);
    volatile RuntimeException failNext;

    @Override
    public void commit(List<GroupCommitWriter.Op> batch) throws InterruptedException {
      entered.countDown();
      gate.await();
      if (failNext != null) {
        RuntimeException e = failNext;
        failNext = null;
        throw e;
      }
      List<Integer> ids = new ArrayList<>();
      for (GroupCommitWriter.Op op : batch) {
        ids.add(((TestOp) op).id);
      }
      batches.add(ids);
    }
  }

  static final class TestOp extends GroupCommitWriter.Op {
    final int id;

    TestOp(int id, int bytes) {
      super(bytes);
      this.id = id;
    }
  }

  @Test
  void aWriteIsAcknowledgedOnlyAfterItsBatchIsCommitted() throws Exception {
    Disk disk = new Disk();
    disk.gate = new CountDownLatch(1);
    try (GroupCommitWriter w = new GroupCommitWriter("t", StoreOptions.DEFAULTS, disk::commit)) {
      TestOp first = new TestOp(0, 10);
      w.submit(first, null);
      assertThat(disk.entered.await(20, TimeUnit.SECONDS)).isTrue();
      // the commit of op 0 is in progress: later writes queue up behind it
      List<TestOp> later = new ArrayList<>();
      for (int i = 1; i <= 100; i++) {
        TestOp op = new TestOp(i, 10);
        w.submit(op, null);
        later.add(op);
      }
      assertThat(first.done).isNotDone();
      assertThat(later).noneMatch(op -> op.done.isDone());
      disk.gate.countDown();
      for (TestOp op : later) {
        op.done.get(20, TimeUnit.SECONDS);
      }
      assertThat(first.done).isCompleted();
      // the hundred writes that queued during the first commit went to disk together
      assertThat(disk.batches).hasSize(2);
      assertThat(disk.batches.get(0)).containsExactly(0);
      assertThat(disk.batches.get(1)).hasSize(100).isSorted();
    }
  }

  @Test
  void batchesRespectTheBatchSizeAndKeepSubmissionOrder() throws Exception {
    Disk disk = new Disk();
    disk.gate = new CountDownLatch(1);
    StoreOptions options = StoreOptions.DEFAULTS.withMaxBatchRecords(7);
    try (GroupCommitWriter w = new GroupCommitWriter("t", options, disk::commit)) {
      List<TestOp> ops = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        TestOp op = new TestOp(i, 10);
        w.submit(op, null);
        ops.add(op);
      }
      disk.gate.countDown();
      ops.get(49).done.get(20, TimeUnit.SECONDS);
      List<Integer> all = new ArrayList<>();
      for (List<Integer> b : disk.batches) {
        assertThat(b).hasSizeLessThanOrEqualTo(7);
        all.addAll(b);
      }
      assertThat(all).hasSize(50).isSorted();
    }
  }

  @Test
  void lingerWaitsForAFullBatch() throws Exception {
    Disk disk = new Disk();
    // a linger far longer than the test: the batch is committed because it is full
    StoreOptions options =
        StoreOptions.DEFAULTS.withMaxBatchRecords(10).withLingerMicros(1_000_000);
    try (GroupCommitWriter w = new GroupCommitWriter("t", options, disk::commit)) {
      List<TestOp> ops = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        TestOp op = new TestOp(i, 10);
        w.submit(op, null);
        ops.add(op);
      }
      ops.get(9).done.get(20, TimeUnit.SECONDS);
      assertThat(disk.batches).containsExactly(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
    }
  }

  @Test
  void aFullQueueFailsTheWriteAfterThePutTimeoutAndQueuesNothing() throws Exception {
    Disk disk = new Disk();
    disk.gate = new CountDownLatch(1);
    StoreOptions options = StoreOptions.DEFAULTS.withMaxQueuedBytes(1024).withPutTimeoutMillis(50);
    try (GroupCommitWriter w = new GroupCommitWriter("t", options, disk::commit)) {
      w.submit(new TestOp(0, 10), null);
      assertThat(disk.entered.await(20, TimeUnit.SECONDS)).isTrue();
      w.submit(new TestOp(1, 600), null);
      w.submit(new TestOp(2, 400), null);
      TestOp refused = new TestOp(3, 100);
      assertThatThrownBy(() -> w.submit(refused, null))
          .isInstanceOf(StoreBackPressureException.class)
          .hasMessageContaining("queue full");
      disk.gate.countDown();
      await().atMost(WAIT).until(() -> disk.batches.stream().mapToInt(List::size).sum() == 3);
      TestOp after = new TestOp(4, 100);
      w.submit(after, null); // room again once the disk caught up
      after.done.get(20, TimeUnit.SECONDS);
      List<Integer> all = new ArrayList<>();
      disk.batches.forEach(all::addAll);
      assertThat(all).containsExactly(0, 1, 2, 4);
      assertThat(refused.done).isNotDone();
    }
  }

  @Test
  void aWriteBlockedByAFullQueueGoesInWhenThereIsRoom() throws Exception {
    Disk disk = new Disk();
    disk.gate = new CountDownLatch(1);
    StoreOptions options = StoreOptions.DEFAULTS.withMaxQueuedBytes(1024);
    try (GroupCommitWriter w = new GroupCommitWriter("t", options, disk::commit)) {
      w.submit(new TestOp(0, 10), null);
      assertThat(disk.entered.await(20, TimeUnit.SECONDS)).isTrue();
      w.submit(new TestOp(1, 1000), null);
      AtomicInteger state = new AtomicInteger();
      TestOp blocked = new TestOp(2, 100);
      Thread producer =
          new Thread(
              () -> {
                state.set(1);
                w.submit(blocked, null);
                state.set(2);
              });
      producer.start();
      await().atMost(WAIT).until(() -> producer.getState() == Thread.State.TIMED_WAITING);
      assertThat(state.get()).isEqualTo(1);
      disk.gate.countDown();
      blocked.done.get(20, TimeUnit.SECONDS);
      producer.join();
      assertThat(state.get()).isEqualTo(2);
    }
  }

  @Test
  void aFailedCommitFailsItsWritesAndEveryLaterOne() throws Exception {
    Disk disk = new Disk();
    disk.gate = new CountDownLatch(1);
    disk.failNext = new IllegalStateException("disk on fire");
    try (GroupCommitWriter w = new GroupCommitWriter("t", StoreOptions.DEFAULTS, disk::commit)) {
      TestOp first = new TestOp(0, 10);
      w.submit(first, null);
      assertThat(disk.entered.await(20, TimeUnit.SECONDS)).isTrue();
      TestOp queued = new TestOp(1, 10);
      w.submit(queued, null);
      disk.gate.countDown();
      await().atMost(WAIT).until(() -> queued.done.isDone());
      assertThat(first.done).isCompletedExceptionally();
      assertThat(queued.done).isCompletedExceptionally();
      assertThatThrownBy(() -> w.submit(new TestOp(2, 10), null))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("disk on fire");
      assertThat(disk.batches).isEmpty();
    }
  }

  @Test
  void closeWritesEverythingQueuedFirst() throws Exception {
    Disk disk = new Disk();
    disk.gate = new CountDownLatch(1);
    GroupCommitWriter w = new GroupCommitWriter("t", StoreOptions.DEFAULTS, disk::commit);
    List<TestOp> ops = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      TestOp op = new TestOp(i, 10);
      w.submit(op, null);
      ops.add(op);
    }
    Thread closer = new Thread(w::close);
    closer.start();
    disk.gate.countDown();
    closer.join();
    assertThat(ops).allMatch(op -> op.done.isDone() && !op.done.isCompletedExceptionally());
    assertThatThrownBy(() -> w.submit(new TestOp(99, 1), null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }
}
