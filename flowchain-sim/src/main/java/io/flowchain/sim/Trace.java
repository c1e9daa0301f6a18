package io.flowchain.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The event trace of a run: one line per message sent, delivered or dropped and per node event,
 * hashed with SHA-256 as it goes and optionally copied to an {@link Appendable}. Two runs with the
 * same inputs and seed produce the same lines, hence the same digest. Off by default (it costs
 * time).
 */
public final class Trace {
  private final MessageDigest digest;
  private final Appendable copy;
  private final StringBuilder line = new StringBuilder(96);
  private long lines;

  private Trace(Appendable copy) {
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
    this.copy = copy;
  }

  /** A trace that is only hashed. */
  public static Trace hashing() {
    return new Trace(null);
  }

  /** A trace that is hashed and written, line by line, to {@code out}. */
  public static Trace writingTo(Appendable out) {
    return new Trace(out);
  }

  void record(long time, String event, String from, String to, String detail) {
    line.setLength(0);
    line.append(time).append(' ').append(event).append(' ').append(from);
    if (to != null) {
      line.append(' ').append(to);
    }
    if (detail != null) {
      line.append(' ').append(detail);
    }
    line.append('\n');
    digest.update(line.toString().getBytes(StandardCharsets.UTF_8));
    lines++;
    if (copy != null) {
      try {
        copy.append(line);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /** Lines recorded so far. */
  public long lines() {
    return lines;
  }

  /** The SHA-256 of every line so far, in hex. */
  public String digestHex() {
    try {
      MessageDigest clone = (MessageDigest) digest.clone();
      return HexFormat.of().formatHex(clone.digest());
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException(e);
    }
  }
}
