package io.flowchain.wot.http;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * A sink that holds messages until its real destination is attached, then forwards them (those held
 * first, in order). An event stream subscribes before its response headers go out, so a client that
 * acts as soon as the stream is open misses nothing. Holds at most {@link #MAX_HELD}.
 */
final class PendingSink implements Consumer<String> {
  static final int MAX_HELD = 1024;

  private final ArrayDeque<String> held = new ArrayDeque<>();
  private Consumer<String> target;

  @Override
  public synchronized void accept(String message) {
    if (target != null) {
      target.accept(message);
    } else if (held.size() < MAX_HELD) {
      held.add(message);
    }
  }

  synchronized void attach(Consumer<String> destination) {
    while (!held.isEmpty()) {
      destination.accept(held.poll());
    }
    target = destination;
  }
}
