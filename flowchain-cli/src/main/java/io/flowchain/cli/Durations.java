package io.flowchain.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a duration as a person types it: a whole number and a unit, {@code ms s m h}. */
final class Durations {
  private static final Pattern FORM = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

  private Durations() {}

  /**
   * The duration {@code text} names (at least 1 s, at most 7 days).
   *
   * @throws IllegalArgumentException naming {@code option} if it is not one
   */
  static Duration parse(String text, String option) {
    Matcher m = FORM.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          option + " takes a number and a unit (ms, s, m, h), e.g. 30s or 5m: " + text);
    }
    long n = Long.parseLong(m.group(1));
    Duration d =
        switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
    if (d.compareTo(Duration.ofSeconds(1)) < 0 || d.compareTo(Duration.ofDays(7)) > 0) {
      throw new IllegalArgumentException(option + " must be between 1s and 7 days: " + text);
    }
    return d;
  }
}
