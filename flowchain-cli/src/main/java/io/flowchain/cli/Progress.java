package io.flowchain.cli;

import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.function.Consumer;

/**
 * Progress of a long operation on standard error, shown only when a person is watching: standard
 * output is a terminal and JSON output was not asked for. Otherwise it prints nothing, so that
 * scripts, pipes and log files get only the result.
 */
final class Progress {
  private final String label;
  private final long total;
  private final boolean enabled;
  private final PrintStream err;
  private long lastPrinted = -1;
  private long lastNanos;

  Progress(String label, long total, boolean enabled, PrintStream err) {
    this.label = label;
    this.total = total;
    this.enabled = enabled;
    this.err = err;
  }

  /** A one-line counter {@code label done/total}, redrawn at most five times a second. */
  static Progress create(boolean json, String label, long total) {
    return new Progress(label, total, watched(json), System.err);
  }

  /** Prints each step of an operation on its own line, when {@link #watched}; else nothing. */
  static Consumer<String> steps(boolean json) {
    if (!watched(json)) {
      return line -> {};
    }
    PrintStream err = System.err;
    return err::println;
  }

  /** Whether a person is watching: no JSON output, and the process talks to a terminal. */
  static boolean watched(boolean json) {
    return !json && isTerminal(System.console());
  }

  /**
   * Whether {@code console} is an interactive terminal. Up to JDK 21 {@link System#console()} is
   * null unless it is; from JDK 22 on there may be a console anyway, and {@code isTerminal()} says.
   */
  static boolean isTerminal(Console console) {
    if (console == null) {
      return false;
    }
    try {
      Method m = Console.class.getMethod("isTerminal");
      return (Boolean) m.invoke(console);
    } catch (NoSuchMethodException e) {
      return true; // JDK 17 to 21: a console exists only for a terminal
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  void update(long done) {
    if (!enabled) {
      return;
    }
    long now = System.nanoTime();
    if (done == total || lastPrinted < 0 || now - lastNanos > 200_000_000L) {
      lastNanos = now;
      lastPrinted = done;
      err.printf("\r%s %d/%d", label, done, total);
      err.flush();
    }
  }

  /** Ends the counter's line (once; later calls print nothing until it is redrawn). */
  void done() {
    if (enabled && lastPrinted >= 0) {
      err.println();
      err.flush();
      lastPrinted = -1;
    }
  }
}
