package io.flowchain.cli.config;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * An effective configuration: for each {@link Setting}, its value and where the value came from.
 * Sources override each other in this order: the default, the config file, the environment ({@code
 * FLOWCHAIN_*}), the command line. An empty value in the file or the environment counts as not
 * given.
 */
public final class Settings {
  /** A value and its origin; {@code value} is null when the key is unset. */
  public record Value(Object value, String text, String source) {}

  private final List<Setting> keys;
  private final Map<String, Value> values;

  private Settings(List<Setting> keys, Map<String, Value> values) {
    this.keys = keys;
    this.values = values;
  }

  /**
   * Resolves {@code keys} from their defaults, the properties file {@code file} (null for none),
   * the environment {@code env} and the command line {@code cli} (key name to the text given).
   *
   * @throws IllegalArgumentException naming the key and the source, for a bad value, an unknown key
   *     in the file, or a file that cannot be read
   */
  public static Settings resolve(
      List<Setting> keys, Path file, Map<String, String> env, Map<String, String> cli) {
    Map<String, String> fromFile = file == null ? Map.of() : readFile(keys, file);
    Map<String, Value> values = new LinkedHashMap<>();
    for (Setting s : keys) {
      Value v = new Value(null, null, "default");
      if (s.defaultText() != null) {
        v = parse(s, s.defaultText(), "default");
      }
      String text = fromFile.get(s.name());
      if (text != null && !text.isBlank()) {
        v = parse(s, text, "file " + file);
      }
      text = env.get(s.envVar());
      if (text != null && !text.isBlank()) {
        v = parse(s, text, "environment " + s.envVar());
      }
      text = cli.get(s.name());
      if (text != null) {
        v = parse(s, text, "command line " + s.flag());
      }
      values.put(s.name(), v);
    }
    return new Settings(List.copyOf(keys), values);
  }

  private static Value parse(Setting s, String text, String source) {
    try {
      return new Value(s.parser().apply(text), text.trim(), source);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "bad value for " + s.name() + " from " + source + ": '" + text + "': " + e.getMessage());
    }
  }

  private static Map<String, String> readFile(List<Setting> keys, Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("config file " + file + " does not exist");
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage());
    }
    TreeSet<String> unknown = new TreeSet<>(p.stringPropertyNames());
    keys.forEach(s -> unknown.remove(s.name()));
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "config file " + file + ": unknown key(s) " + String.join(", ", unknown));
    }
    Map<String, String> out = new LinkedHashMap<>();
    p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
    return out;
  }

  /** The value of {@code name} (null when unset), of the setting's type. */
  @SuppressWarnings("unchecked")
  public <T> T get(String name) {
    Value v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no setting " + name);
    }
    return (T) v.value();
  }

  /** Where the value of {@code name} came from. */
  public String source(String name) {
    return values.get(name).source();
  }

  /** Whether {@code name} was given anywhere but its default. */
  public boolean given(String name) {
    return !values.get(name).source().equals("default");
  }

  /**
   * Prints the effective configuration as a properties file: for each key a comment with its
   * source, then {@code key=value} ({@code #key=} when unset).
   */
  public void print(PrintWriter out) {
    for (Setting s : keys) {
      Value v = values.get(s.name());
      out.println("# " + v.source() + "; " + s.unit());
      out.println(v.value() == null ? "#" + s.name() + "=" : s.name() + "=" + v.text());
    }
    out.flush();
  }

  /** Every key as {@code name -> value text} (null when unset), in key order. */
  public Map<String, String> asText() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Setting s : keys) {
      out.put(s.name(), values.get(s.name()).text());
    }
    return out;
  }

  /** The keys, in order. */
  public List<Setting> keys() {
    return new ArrayList<>(keys);
  }
}
