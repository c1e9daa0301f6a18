package io.flowchain.cli.bench;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Worker threads that repeat a step while their gate is open: one phase of a benchmark, which can
 * be measured in slices that alternate with the slices of other phases, so that every phase sees
 * the same share of whatever else the machine runs meanwhile.
 */
final class GatedWorkers {
  /** One step of worker {@code index}; returns false when that worker has nothing more to do. */
  interface Step {
    boolean run(int index) throws Exception;
  }

  private final Thread[] threads;
  private final Runnable drain;
  private final Object gate = new Object();
  private final AtomicInteger finished = new AtomicInteger();
  private volatile Throwable failure;
  private boolean open;
  private boolean stopped;
  private int inStep; // workers between taking a step and returning from it, guarded by gate

  /**
   * @param drain waits until every operation the steps started has completed (run when the gate
   *     closes, after the last step has returned)
   */
  GatedWorkers(String name, int count, Step step, Runnable drain) {
    this.drain = drain;
    this.threads = new Thread[count];
    for (int i = 0; i < count; i++) {
      int index = i;
      threads[i] = new Thread(() -> loop(index, step), name + "-" + i);
      threads[i].setDaemon(true);
      threads[i].start();
    }
  }

  private void loop(int index, Step step) {
    try {
      while (true) {
        synchronized (gate) {
          while (!open && !stopped) {
            gate.wait();
          }
          if (stopped) {
            return;
          }
          inStep++;
        }
        try {
          if (!step.run(index)) {
            finished.incrementAndGet();
            return;
          }
        } finally {
          synchronized (gate) {
            if (--inStep == 0) {
              gate.notifyAll();
            }
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception | Error e) {
      failure = e;
      finished.incrementAndGet();
    }
  }

  /** Lets the workers run. */
  void open() {
    synchronized (gate) {
      open = true;
      gate.notifyAll();
    }
  }

  /** Stops the workers between steps and waits until everything they started has completed. */
  void close() throws InterruptedException {
    synchronized (gate) {
      open = false;
      while (inStep > 0) {
        gate.wait();
      }
    }
    drain.run();
    if (failure != null) {
      throw new IllegalStateException("a benchmark worker failed: " + failure, failure);
    }
  }

  /** True once every worker has said it has nothing more to do. */
  boolean done() {
    return finished.get() == threads.length;
  }

  /** Closes the gate for good and waits for the threads to end. */
  void stop() throws InterruptedException {
    close();
    synchronized (gate) {
      stopped = true;
      gate.notifyAll();
    }
    for (Thread t : threads) {
      t.join();
    }
  }
}
