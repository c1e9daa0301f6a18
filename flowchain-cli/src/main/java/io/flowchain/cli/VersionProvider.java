package io.flowchain.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The build's identity: the version and build time the build wrote into {@code version.properties},
 * and the commit it was built from ({@code commit.properties}, written in a git checkout; "unknown"
 * elsewhere), then the Java runtime.
 */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() throws IOException {
    Properties props = new Properties();
    load(props, "version.properties");
    load(props, "commit.properties");
    return new String[] {
      "flowchain "
          + value(props, "version")
          + " (commit "
          + value(props, "commit")
          + ", built "
          + value(props, "built")
          + ")",
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
    };
  }

  private static void load(Properties props, String name) throws IOException {
    try (InputStream in = VersionProvider.class.getResourceAsStream(name)) {
      if (in != null) {
        props.load(in);
      }
    }
  }

  /** A value the build filled in, or "unknown" (missing, or left unfiltered). */
  private static String value(Properties props, String key) {
    String v = props.getProperty(key, "").trim();
    return v.isEmpty() || v.contains("${") ? "unknown" : v;
  }
}
