package io.flowchain.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.io.OutputStream;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Configures the log output of the {@code flowchain} command: log lines go to standard error,
 * human-readable ({@code text}) or one JSON object per line ({@code json}, logback's {@link
 * JsonEncoder}); {@code level} applies to the {@code io.flowchain} loggers, other libraries log
 * warnings and errors. Without a request (no flag, no environment variable) the packaged {@code
 * logback.xml} (or the one given with {@code -Dlogback.configurationFile}) stays in force.
 */
public final class Logging {
  /** The pattern of the human-readable format (the packaged logback.xml uses the same). */
  static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n";

  private Logging() {}

  /** Log lines as {@code format} (text or json) at {@code level} for io.flowchain, on stderr. */
  public static void configure(String format, String level) {
    configure(format, level, null);
  }

  /** As {@link #configure(String, String)}, to {@code target} instead of stderr (tests). */
  static void configure(String format, String level, OutputStream target) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
      return; // another SLF4J binding: it has its own configuration
    }
    Level flowchainLevel = Level.toLevel(level.toUpperCase(Locale.ROOT), null);
    if (flowchainLevel == null) {
      throw new IllegalArgumentException("log level must be trace, debug, info, warn or error");
    }
    Encoder<ILoggingEvent> encoder;
    switch (format.toLowerCase(Locale.ROOT)) {
      case "json" -> {
        JsonEncoder json = new JsonEncoder();
        json.setContext(ctx);
        json.setWithFormattedMessage(true); // the message with its arguments filled in
        encoder = json;
      }
      case "text" -> {
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(ctx);
        text.setPattern(PATTERN);
        encoder = text;
      }
      default -> throw new IllegalArgumentException("log format must be text or json: " + format);
    }
    ctx.reset();
    encoder.start();
    OutputStreamAppender<ILoggingEvent> appender;
    if (target == null) {
      ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
      console.setTarget("System.err");
      appender = console;
    } else {
      appender = new OutputStreamAppender<>();
      appender.setOutputStream(target);
    }
    appender.setContext(ctx);
    appender.setName(format);
    appender.setEncoder(encoder);
    appender.start();
    Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(appender);
    ctx.getLogger("io.flowchain").setLevel(flowchainLevel);
    // the WebSocket client checks TLS certificates through the membership handshake, not by host
    // name, on purpose (docs/network.md); Jetty warns about that at every start
    ctx.getLogger("org.eclipse.jetty.util.ssl.SslContextFactory.config").setLevel(Level.ERROR);
    // the coaps binding sends on the DTLS session its handshake was bound to; Californium warns
    // each time a peer replaced that session, which the binding answers by shaking hands again
    ctx.getLogger(DTLS_SESSION_CHECK).setLevel(Level.ERROR);
  }

  /** Californium's logger of requests refused for being bound to an earlier DTLS session. */
  static final String DTLS_SESSION_CHECK = "org.eclipse.californium.elements.EndpointContextUtil";
}
