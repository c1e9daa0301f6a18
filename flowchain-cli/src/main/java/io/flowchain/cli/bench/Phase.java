package io.flowchain.cli.bench;

import java.util.concurrent.atomic.LongAdder;

/**
 * A benchmark phase measured in slices: the operations its workers completed and the CPU time the
 * whole process used while the phase's gate was open, summed over the counted slices. Between
 * slices the workers are stopped and their operations in flight drained, so another phase can run
 * its slice alone.
 */
final class Phase {
  /** Operations completed; the phase's steps add to it. */
  final LongAdder done = new LongAdder();

  private GatedWorkers workers;
  private volatile boolean counting;
  private long ops;
  private long nanos;
  private long cpuNanos;

  void attach(GatedWorkers workers) {
    this.workers = workers;
  }

  /** True while a counted slice runs (a step may use it to mark what it starts then). */
  boolean counting() {
    return counting;
  }

  /**
   * Runs one slice: opens the gate for {@code millis}, or until the workers have nothing more to
   * do, then closes it and drains. A counted slice adds its operations, time and CPU to the totals.
   * When the workers finish by themselves, the slice lasts until their last operation completed.
   */
  void slice(long millis, boolean counted) throws InterruptedException {
    long c0 = done.sum();
    long cpu0 = IngestBenchmark.processCpuNanos();
    long t0 = System.nanoTime();
    counting = counted;
    workers.open();
    long deadline = t0 + millis * 1_000_000L;
    long now;
    while ((now = System.nanoTime()) < deadline && !workers.done()) {
      Thread.sleep(Math.max(1, Math.min(10, (deadline - now) / 1_000_000L)));
    }
    boolean finished = workers.done();
    if (finished) {
      workers.close();
    }
    counting = false;
    long c1 = done.sum();
    long cpu1 = IngestBenchmark.processCpuNanos();
    long t1 = System.nanoTime();
    if (!finished) {
      workers.close();
    }
    if (counted) {
      ops += c1 - c0;
      nanos += t1 - t0;
      cpuNanos += cpu0 < 0 ? 0 : cpu1 - cpu0;
    }
  }

  void stop() throws InterruptedException {
    workers.stop();
  }

  long ops() {
    return ops;
  }

  double seconds() {
    return nanos / 1e9;
  }

  double perSecond() {
    return nanos == 0 ? 0 : ops / seconds();
  }

  double cpuMicrosPerOp() {
    return ops == 0 || cpuNanos == 0 ? Double.NaN : cpuNanos / 1000.0 / ops;
  }
}
