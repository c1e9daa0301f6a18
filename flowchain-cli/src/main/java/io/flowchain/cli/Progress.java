package io.flowchain.cli;

/**
 * A one-line progress counter on standard error, shown only when a person is watching: standard
 * output is a terminal and JSON output was not asked for. Otherwise it prints nothing.
 */
final class Progress {
  private final String label;
  private final long total;
  private final boolean enabled;
  private long lastPrinted = -1;
  private long lastNanos;

  private Progress(String label, long total, boolean enabled) {
    this.label = label;
    this.total = total;
    this.enabled = enabled;
  }

  static Progress create(boolean json, String label, long total) {
    return new Progress(label, total, !json && System.console() != null);
  }

  void update(long done) {
    if (!enabled) {
      return;
    }
    long now = System.nanoTime();
    if (done == total || now - lastNanos > 200_000_000L) {
      lastNanos = now;
      lastPrinted = done;
      System.err.printf("\r%s %d/%d", label, done, total);
      System.err.flush();
    }
  }

  void done() {
    if (enabled && lastPrinted >= 0) {
      System.err.println();
    }
  }
}
