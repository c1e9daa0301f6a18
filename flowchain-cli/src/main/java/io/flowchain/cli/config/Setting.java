package io.flowchain.cli.config;

import java.util.Locale;
import java.util.function.Function;

/**
 * One configuration key: its name, which is also its command-line flag ({@code --NAME}) and, upper
 * case with {@code _} for {@code -} after {@code FLOWCHAIN_}, its environment variable; its
 * default, unit and meaning; and the parser that turns text into its typed value or says why it
 * cannot.
 *
 * @param name the key, e.g. {@code data-dir}
 * @param defaultText the default as text, or null when the key is unset by default
 * @param unit the unit or the form of the value, e.g. {@code ms}, {@code port}, {@code path}
 * @param description what the key does (one sentence)
 * @param parser text to typed value; throws {@link IllegalArgumentException} saying what is
 *     expected
 */
public record Setting(
    String name,
    String defaultText,
    String unit,
    String description,
    Function<String, Object> parser) {

  public Setting {
    if (name == null || !name.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*")) {
      throw new IllegalArgumentException("bad setting name: " + name);
    }
  }

  /** The command-line flag: {@code --NAME}. */
  public String flag() {
    return "--" + name;
  }

  /** The environment variable: {@code FLOWCHAIN_NAME} with {@code _} for {@code -}. */
  public String envVar() {
    return "FLOWCHAIN_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  // ---- parsers

  /** An integer in {@code [min, max]}. */
  public static Function<String, Object> integer(long min, long max) {
    return text -> {
      try {
        long v = Long.parseLong(text.trim());
        if (v >= min && v <= max) {
          return v;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException("expected an integer in " + min + ".." + max);
    };
  }

  /** A decimal number in {@code [min, max]}. */
  public static Function<String, Object> decimal(double min, double max) {
    return text -> {
      try {
        double v = Double.parseDouble(text.trim());
        if (v >= min && v <= max) {
          return v;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException("expected a number in " + min + ".." + max);
    };
  }

  /** {@code true} or {@code false}. */
  public static Function<String, Object> bool() {
    return text ->
        switch (text.trim().toLowerCase(Locale.ROOT)) {
          case "true" -> true;
          case "false" -> false;
          default -> throw new IllegalArgumentException("expected true or false");
        };
  }

  /** One of {@code choices} (case-insensitive), as given in the list. */
  public static Function<String, Object> oneOf(String... choices) {
    return text -> {
      for (String c : choices) {
        if (c.equalsIgnoreCase(text.trim())) {
          return c;
        }
      }
      throw new IllegalArgumentException("expected one of " + String.join(", ", choices));
    };
  }

  /** Any text that is not blank. */
  public static Function<String, Object> text() {
    return text -> {
      if (text.isBlank()) {
        throw new IllegalArgumentException("expected a value");
      }
      return text.trim();
    };
  }

  /** A file system path. */
  public static Function<String, Object> path() {
    return text -> {
      try {
        return java.nio.file.Path.of(text.trim());
      } catch (java.nio.file.InvalidPathException e) {
        throw new IllegalArgumentException("expected a path (" + e.getReason() + ")");
      }
    };
  }
}
