package io.flowchain.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code --log-format} and {@code --log-level}, accepted by every command (before or after the
 * subcommand's name); {@code FLOWCHAIN_LOG_FORMAT} and {@code FLOWCHAIN_LOG_LEVEL} when not given.
 */
public final class LoggingOptions {
  @Option(
      names = "--log-format",
      scope = ScopeType.INHERIT,
      paramLabel = "text|json",
      description =
          "Log lines on standard error: human-readable (text, the default) or one JSON object per"
              + " line (json). Environment: FLOWCHAIN_LOG_FORMAT.")
  String format;

  @Option(
      names = "--log-level",
      scope = ScopeType.INHERIT,
      paramLabel = "LEVEL",
      description =
          "Level of Flowchain's own log lines: trace, debug, info, warn (the default) or error."
              + " Environment: FLOWCHAIN_LOG_LEVEL.")
  String level;

  /** Applies the options (or the environment) if either asks for something; else does nothing. */
  void apply(java.util.Map<String, String> env) {
    String f = format != null ? format : blankToNull(env.get("FLOWCHAIN_LOG_FORMAT"));
    String l = level != null ? level : blankToNull(env.get("FLOWCHAIN_LOG_LEVEL"));
    if (f != null || l != null) {
      Logging.configure(f == null ? "text" : f, l == null ? "warn" : l);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
