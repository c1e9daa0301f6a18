package io.flowchain.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.flowchain.cli.demo.DemoRun;
import io.flowchain.cli.demo.DemoSummary;
import io.flowchain.core.mining.VirtualMiner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in headless Chromium (Debian {@code chromium} and {@code chromium-driver}): the
 * demo's five-node network, kept running after its run ({@link DemoRun#keepRunning}), node 0's
 * dashboard opened in the browser. It loads with no console errors, draws the five members of the
 * ring, shows a reading submitted over REST in its live stream, and shows a reading node 0 recorded
 * becoming verified when the demo's endpoint approves it. The screenshot is kept in {@code
 * target/dashboard.png}.
 */
class DashboardBrowserIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration WAIT = Duration.ofSeconds(60);

  /**
   * Readings submitted at most until one falls in node 0's part of the ring (the recorder is the
   * successor of a key drawn at random; node 0's share of the ring is fixed by the demo's seed).
   */
  private static final int MAX_SUBMISSIONS = 400;

  @Test
  void theDashboardShowsTheRingOfTheDemoAndUpdatesWhenARecordIsSubmitted() throws Exception {
    assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "Chromium and chromedriver are not installed (Debian: apt-get install chromium"
            + " chromium-driver): the dashboard's browser test needs them");
    AtomicReference<String> checked = new AtomicReference<>();
    DemoSummary summary =
        new DemoRun(
                5,
                40,
                2,
                VirtualMiner.DEFAULT_TICK_MILLIS,
                VirtualMiner.DEFAULT_ATTEMPTS_PER_TICK,
                42,
                null)
            .keepRunning(
                (s, url) -> {
                  inTheBrowser(url);
                  checked.set(url);
                })
            .run(n -> {});
    assertThat(summary.lost()).isZero();
    assertThat(checked.get()).startsWith("http://127.0.0.1:");
  }

  private static void inTheBrowser(String url) {
    Path profile;
    try {
      profile = Files.createTempDirectory("flowchain-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--window-size=1400,1500",
        "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeDriver browser = new ChromeDriver(service, options);
    try {
      browser.get(url);
      WebDriverWait wait = new WebDriverWait(browser, WAIT);
      // the ring: five members, this node and four that answered
      wait.until(
          b -> {
            List<WebElement> nodes = b.findElements(By.cssSelector("#ring .ring-node"));
            return nodes.size() == 5
                && nodes.stream()
                    .allMatch(n -> List.of("self", "alive").contains(n.getAttribute("data-state")));
          });
      assertThat(browser.findElements(By.cssSelector("#ring .ring-node.self"))).hasSize(1);
      wait.until(b -> b.findElement(By.id("live")).getText().equals("events: live"));

      String[] first = submit(url, "dashboard-test", "{\"temperature\":21.5}");
      WebElement row = rowOf(wait, first[0]);
      assertThat(row.getText()).contains("dashboard-test", "submitted here");
      wait.until(
          b ->
              "valid"
                  .equals(
                      row.findElement(By.cssSelector("td:nth-child(6)")).getAttribute("class")));

      // a reading recorded by node 0 itself: the demo's endpoint approves it, and the row shows
      // it verified (the recorder's replicas confirmed, node 0 earned the coin)
      String self = browser.findElement(By.id("node-id")).getText();
      String[] own = first;
      for (int k = 0; k < MAX_SUBMISSIONS && !own[1].equals(self); k++) {
        own = submit(url, "dashboard-test", "{\"temperature\":" + k + "}");
      }
      assertThat(own[1]).as("a reading recorded by node 0 itself").isEqualTo(self);
      WebElement ownRow = rowOf(wait, own[0]);
      wait.until(b -> !ownRow.findElements(By.cssSelector("td.verified")).isEmpty());
      assertThat(ownRow.getText()).contains("recorded here", "verified");
      // the blocks of node 0's branch
      assertThat(browser.findElements(By.cssSelector("#blocks tbody tr"))).isNotEmpty();

      byte[] png = browser.getScreenshotAs(OutputType.BYTES);
      Path target = Path.of("target");
      Files.createDirectories(target);
      Files.write(target.resolve("dashboard.png"), png);
      Path docs = Path.of("..", "docs", "images");
      if (Boolean.getBoolean("flowchain.dashboard.updateImage") && Files.isDirectory(docs)) {
        Files.copy(
            target.resolve("dashboard.png"),
            docs.resolve("dashboard.png"),
            StandardCopyOption.REPLACE_EXISTING);
      }

      List<LogEntry> severe =
          browser.manage().logs().get(LogType.BROWSER).getAll().stream()
              .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
              .toList();
      assertThat(severe).as("console errors").isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      browser.quit();
      deleteQuietly(profile);
    }
  }

  private static WebElement rowOf(WebDriverWait wait, String txId) {
    return wait.until(
        b ->
            b.findElements(By.cssSelector("#records tr[data-tx-id='" + txId + "']")).stream()
                .findFirst()
                .orElse(null));
  }

  /** Submits a reading at node 0's REST API; its txID and its recorder's node id. */
  private static String[] submit(String url, String objectId, String json) throws IOException {
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(url + "api/objects/" + objectId + "/records"))
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(json))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      Matcher tx = Pattern.compile("\"txID\":\"([0-9a-f]{64})\"").matcher(r.body());
      Matcher by = Pattern.compile("\"recorder\":\"([0-9a-f]{40})\"").matcher(r.body());
      assertThat(tx.find() && by.find()).as(r.body()).isTrue();
      return new String[] {tx.group(1), by.group(1)};
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory: the system cleans it eventually
    }
  }
}
