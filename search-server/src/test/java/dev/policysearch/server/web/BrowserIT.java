package dev.policysearch.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policysearch.server.PolicySearchServer;
import dev.policysearch.server.http.IndexerProcess;
import dev.policysearch.server.http.ServerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The search page in a real browser: Debian's headless chromium, driven through Selenium,
 * against the real server on an ephemeral port over the bundled sample corpus. Screenshots go to
 * target/screenshots. Every test fails on any error in the browser console.
 */
class BrowserIT {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SHOTS = Path.of("target", "screenshots");

  @TempDir static Path tmp;

  private static PolicySearchServer server;
  private static ChromeDriver driver;
  private static String base;
  private WebDriverWait wait;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "Debian's chromium and chromium-driver are not installed (.ci/run installs them: apt-get install chromium chromium-driver)");
    var indexing =
        IndexerProcess.index(120, "--input", IndexerProcess.sampleCorpus().toString(), "--index", tmp.resolve("index").toString(), "--quiet");
    assertEquals(0, indexing.exitCode(), indexing.output());
    server = PolicySearchServer.start(ServerSettings.defaults(tmp.resolve("index")));
    base = "http://127.0.0.1:" + server.port() + "/";

    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps", "--disable-extensions",
        "--window-size=1280,1000", "--lang=zh-CN", "--user-data-dir=" + tmp.resolve("chromium-profile"));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  static void stop() throws Exception {
    if (driver != null) {
      driver.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void freshPage() {
    wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    // The page re-renders its results in place: an element read during a re-render goes stale.
    wait.ignoring(StaleElementReferenceException.class);
    driver.get(base);
    ((JavascriptExecutor) driver).executeScript("window.localStorage.clear();");
    driver.get(base);
    driver.manage().logs().get(LogType.BROWSER); // drop what loading the page logged before the test
  }

  @AfterEach
  void noConsoleErrors() {
    List<String> errors =
        driver.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
            .map(LogEntry::getMessage)
            .toList();
    assertTrue(errors.isEmpty(), "console errors: " + errors);
  }

  private void search(String q) {
    WebElement box = driver.findElement(By.id("q"));
    // The results of an earlier, different search are still on the page until the new ones
    // replace them; reading them would read the wrong search.
    List<WebElement> earlier = q.equals(box.getDomProperty("value")) ? List.of() : driver.findElements(By.cssSelector("#results .hit"));
    box.clear();
    box.sendKeys(q);
    box.sendKeys(Keys.ENTER);
    if (!earlier.isEmpty()) {
      wait.until(ExpectedConditions.stalenessOf(earlier.get(0)));
    }
    waitForResults();
  }

  private void waitForResults() {
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#results .hit")));
    wait.until(d -> !d.findElement(By.id("total")).getText().isBlank());
  }

  /** The titles of the hits shown, read again if the results re-render while being read. */
  private List<String> hitTitles() {
    for (int attempt = 0; ; attempt++) {
      try {
        return driver.findElements(By.cssSelector("#results .hit .hit-title")).stream().map(WebElement::getText).toList();
      } catch (StaleElementReferenceException e) {
        if (attempt == 5) {
          throw e;
        }
      }
    }
  }

  private void screenshot(String name) throws Exception {
    Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, SHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void aChineseQueryShowsHighlightedResultsAndItsUrl() throws Exception {
    search("光伏");
    assertFalse(driver.findElements(By.cssSelector("#results .hit mark")).isEmpty(), "matches are highlighted");
    assertTrue(driver.findElement(By.cssSelector("#results .hit mark")).getText().contains("光伏"));
    assertTrue(driver.getCurrentUrl().contains("q=%E5%85%89%E4%BC%8F"), driver.getCurrentUrl());
    assertTrue(driver.findElement(By.id("total")).getText().matches(".*\\d+.*"));
    screenshot("results.png");
  }

  /**
   * A broad search whose counts were estimated from a sample says "约" ("About") before its total. The
   * index is 12 copies of the sample corpus (576 releases), served with an exact-count limit of
   * 100 so that sampling applies.
   */
  @Test
  void anEstimatedTotalIsShownAsAnApproximation() throws Exception {
    Path corpus = IndexerProcess.bigCorpus(tmp.resolve("copies.jsonl"), 12);
    var indexing = IndexerProcess.index(120, "--input", corpus.toString(), "--index", tmp.resolve("copies-index").toString(), "--quiet");
    assertEquals(0, indexing.exitCode(), indexing.output());
    try (PolicySearchServer sampling = PolicySearchServer.start(ServerSettings.defaults(tmp.resolve("copies-index")).withExactCountLimit(100))) {
      driver.get("http://127.0.0.1:" + sampling.port() + "/");
      search("发展");
      String total = driver.findElement(By.id("total")).getText();
      assertTrue(total.startsWith("约") || total.startsWith("About "), total);
      search("光伏");
      total = driver.findElement(By.id("total")).getText();
      assertTrue(total.startsWith("共") || total.matches("\\d.*"), "a narrow search is counted exactly: " + total);
    }
  }

  @Test
  void theTranslationOfAResultIsLabelledAsSuch() {
    search("\"urban gas supply\" mining");
    wait.until(d -> d.findElements(By.cssSelector("#results .hit")).size() >= 2);
    List<WebElement> hits = driver.findElements(By.cssSelector("#results .hit"));
    assertTrue(hits.get(0).findElements(By.cssSelector(".badge-translation")).isEmpty(), "the match itself has no label");
    assertFalse(hits.get(1).findElements(By.cssSelector(".badge-translation")).isEmpty(), "its Chinese version is labelled");
  }

  @Test
  void theBestMatchInTheOtherLanguageIsLabelledAsSuch() {
    search("人工智能");
    wait.until(d -> d.findElements(By.cssSelector("#results .hit")).size() >= 3);
    List<WebElement> hits = driver.findElements(By.cssSelector("#results .hit"));
    assertTrue(hits.get(0).findElements(By.cssSelector(".badge-other-language")).isEmpty(), "the first result has no label");
    assertFalse(hits.get(1).findElements(By.cssSelector(".badge-other-language")).isEmpty(), "the English release moved up is labelled");
    assertTrue(hits.get(2).findElements(By.cssSelector(".badge-other-language")).isEmpty());
  }

  @Test
  void whatElseWasSearchedIsShownAndEachFormSearchesAlone() {
    search("工信部 应届毕业生");
    WebElement line = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("expansions")));
    assertTrue(line.getText().contains("工业和信息化部"), line.getText());
    assertTrue(line.getText().contains("高校毕业生"), line.getText());
    line.findElements(By.cssSelector("a.expansion-form")).stream().filter(a -> a.getText().equals("高校毕业生")).findFirst().orElseThrow().click();
    wait.until(d -> "高校毕业生".equals(d.findElement(By.id("q")).getAttribute("value")));
    waitForResults();
    assertTrue(driver.getCurrentUrl().contains("q=%E9%AB%98%E6%A0%A1%E6%AF%95%E4%B8%9A%E7%94%9F"), driver.getCurrentUrl());
  }

  @Test
  void aSuggestionIsPickedWithTheKeyboard() {
    WebElement box = driver.findElement(By.id("q"));
    box.sendKeys("光伏");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#suggestions li.suggestion")));
    box.sendKeys(Keys.ARROW_DOWN);
    wait.until(d -> "true".equals(d.findElement(By.cssSelector("#suggestions li.suggestion")).getAttribute("aria-selected")));
    String picked = driver.findElement(By.cssSelector("#suggestions li.suggestion[aria-selected=true]")).getText();
    box.sendKeys(Keys.ENTER);
    waitForResults();
    assertTrue(driver.getCurrentUrl().contains("q="), driver.getCurrentUrl());
    assertFalse(picked.isBlank());
  }

  @Test
  void aFacetNarrowsTheResultsAndTheCounts() {
    search("发展");
    String totalBefore = driver.findElement(By.id("total")).getText();
    WebElement facet = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-facet=type] a.facet-value")));
    String type = facet.getAttribute("data-value");
    facet.click();
    wait.until(ExpectedConditions.urlContains("type=" + type));
    waitForResults();
    wait.until(d -> !d.findElement(By.id("total")).getText().equals(totalBefore));
    assertTrue(driver.findElement(By.id("chips")).isDisplayed(), "the chosen filter shows as a chip");
    assertNotEquals(totalBefore, driver.findElement(By.id("total")).getText());
  }

  @Test
  void pagingForwardShowsTheNextPage() {
    search("发展");
    List<String> first = hitTitles();
    driver.findElement(By.cssSelector("#pagination a.page-next")).click();
    wait.until(ExpectedConditions.urlContains("page=2"));
    wait.until(d -> !hitTitles().equals(first) && !hitTitles().isEmpty());
    assertFalse(hitTitles().stream().anyMatch(first::contains), "page 2 holds other releases");
  }

  @Test
  void aDocumentOpensSwitchesToItsOtherLanguageAndBackRestoresTheResults() throws Exception {
    search("光伏");
    List<String> results = hitTitles();
    driver.findElement(By.cssSelector("#results .hit .hit-title a")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("doc-view")));
    wait.until(d -> !d.findElement(By.id("doc-title")).getText().isBlank());
    String chineseTitle = driver.findElement(By.id("doc-title")).getText();
    assertFalse(driver.findElements(By.cssSelector("#doc-body mark")).isEmpty(), "query terms highlighted in the text");
    screenshot("document.png");
    WebElement other = wait.until(ExpectedConditions.elementToBeClickable(By.id("other-lang")));
    other.click();
    wait.until(d -> !d.findElement(By.id("doc-title")).getText().equals(chineseTitle) && !d.findElement(By.id("doc-title")).getText().isBlank());
    assertTrue(driver.findElement(By.id("doc-title")).getText().matches(".*[A-Za-z].*"), "the English version");
    driver.navigate().back();
    wait.until(d -> d.findElement(By.id("doc-title")).getText().equals(chineseTitle));
    driver.navigate().back();
    waitForResults();
    assertEquals(results, hitTitles(), "back restores the same results page");
  }

  @Test
  void anEnglishQueryWithTheEnglishInterface() throws Exception {
    // The interface starts in the browser's language; switch to Chinese first if needed, then to
    // English with the toggle, as a user would.
    if (driver.findElement(By.id("search-button")).getText().equalsIgnoreCase("search")) {
      driver.findElement(By.id("lang-toggle")).click();
      wait.until(d -> d.findElement(By.id("search-button")).getText().equals("搜索"));
    }
    driver.findElement(By.id("lang-toggle")).click();
    wait.until(d -> d.findElement(By.id("search-button")).getText().equalsIgnoreCase("search"));
    search("new industrialization");
    assertTrue(hitTitles().get(0).toLowerCase().contains("new industrialization"), hitTitles().toString());
    assertTrue(driver.findElement(By.id("total")).getText().toLowerCase().contains("result"), driver.findElement(By.id("total")).getText());
    screenshot("results-en.png");
  }

  @Test
  void aSharedUrlOpensTheResultsDirectly() {
    driver.get(base + "?q=%E6%96%B0%E5%9E%8B%E5%B7%A5%E4%B8%9A%E5%8C%96");
    waitForResults();
    assertTrue(hitTitles().get(0).contains("新型工业化"), hitTitles().toString());
  }

  @Test
  void searchingWithinTheResultsNarrowsThem() {
    search("发展");
    String before = driver.findElement(By.id("total")).getText();
    WebElement within = driver.findElement(By.id("within"));
    assertTrue(within.isDisplayed(), "offered once there are results");
    within.click();
    WebElement box = driver.findElement(By.id("q"));
    box.clear();
    box.sendKeys("光伏");
    box.sendKeys(Keys.ENTER);
    wait.until(ExpectedConditions.urlContains("%2B%E5%85%89%E4%BC%8F"));
    waitForResults();
    wait.until(d -> !d.findElement(By.id("total")).getText().equals(before));
    assertEquals("发展 +光伏", driver.findElement(By.id("q")).getAttribute("value"));
    for (WebElement hit : driver.findElements(By.cssSelector("#results .hit"))) {
      assertTrue(hit.getText().contains("光伏") || hit.getText().toLowerCase().contains("photovoltaic"), hit.getText());
    }
  }
}
