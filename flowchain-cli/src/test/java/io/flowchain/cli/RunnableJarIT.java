package io.flowchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The runnable jar as packaged: the RocksDB natives it carries, and what --version says. */
class RunnableJarIT {
  private static final Path JAR =
      Path.of(System.getProperty("flowchain.jar", "target/flowchain.jar"));

  @Test
  void onlyTheNativesOfTheSupportedPlatformsAreKept() throws IOException {
    assertThat(JAR).isRegularFile();
    try (JarFile jar = new JarFile(JAR.toFile())) {
      List<String> natives =
          jar.stream()
              .map(e -> e.getName())
              .filter(n -> n.startsWith("librocksdbjni"))
              .sorted()
              .toList();
      assertThat(natives)
          .containsExactly(
              "librocksdbjni-linux-aarch64.so",
              "librocksdbjni-linux64.so",
              "librocksdbjni-osx-arm64.jnilib",
              "librocksdbjni-osx-x86_64.jnilib",
              "librocksdbjni-win64.dll");
    }
  }

  @Test
  void versionShowsTheBuild() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(java, "-jar", JAR.toString(), "--version")
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out.lines().toList())
        .hasSize(2)
        .satisfies(
            lines -> {
              assertThat(lines.get(0))
                  .matches(
                      "flowchain \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit ([0-9a-f]{7,40}|unknown),"
                          + " built \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\)");
              assertThat(lines.get(1)).startsWith("Java ");
            });
    if (Files.isDirectory(Path.of("..", ".git")) || Files.isRegularFile(Path.of("..", ".git"))) {
      assertThat(out).doesNotContain("commit unknown"); // built in a checkout: the commit is known
    }
  }
}
