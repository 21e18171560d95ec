package cn.partybuilding.e2e;

import cn.partybuilding.identity.TokenClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static cn.partybuilding.e2e.RunningSystem.get;
import static cn.partybuilding.e2e.RunningSystem.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The workbench (工作台) in a real headless Chromium, driven by Selenium, against the three services' jars, Keycloak with
 * the county realm and the demo county: the committee admin signs in at Keycloak, reads the ranking (checked against the
 * API), opens a scorecard (radar and trend drawn), reopens October, enters a score, is told inline why 999 is refused,
 * corrects a score with a reason, locks and publishes the month; secretary-u001 signs in, sees its own unit only and no
 * entry grid, opens its commendation as the official document and signs it (签收). No page logs a JavaScript error.
 * Each page's screenshot is written to {@code target/workbench-screenshots/} (CI artefacts).
 *
 * <p>Needs Chromium and its driver ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}: Debian's {@code chromium}
 * and {@code chromium-driver}, which {@code .ci/run} installs); skipped where they are missing, never downloaded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkbenchBrowserTest {
    private static final Path CHROMIUM = Path.of(System.getProperty("workbench.chromium", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("workbench.chromedriver", "/usr/bin/chromedriver"));
    private static final String OCTOBER = "2026-10";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private RunningSystem system;
    private Path screenshots;
    private final List<WebDriver> drivers = new ArrayList<>();
    private int shot;

    @BeforeAll
    void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver): browser test skipped");
        screenshots = Path.of("target", "workbench-screenshots");
        Files.createDirectories(screenshots);
        system = RunningSystem.withWorkbench();
        DemoCountyWait.awaitIngested(system);
        // August and September published before the browser comes: October's ranking then has movement
        for (String month : List.of("2026-08", "2026-09")) {
            RunningSystem.Response published = post(system.reporting, "/rankings/" + month + "/publish", "{}", system.as("committee-admin"));
            assertEquals(200, published.status(), published.toString());
        }
    }

    @AfterAll
    void stop() {
        drivers.forEach(WebDriver::quit);
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void theCommitteeAdminReadsTheRankingOpensAScorecardEntersAndCorrectsScoresLocksAndPublishesOctober() throws Exception {
        WebDriver browser = browser();
        signIn(browser, "committee-admin");
        // the latest month with data: October, not yet published, so live, with its two units that submitted nothing
        waitFor(browser, By.cssSelector("#ranking tbody tr"));
        assertTrue(browser.getCurrentUrl().endsWith("#/rankings/" + OCTOBER), browser.getCurrentUrl());
        assertTrue(text(browser, "#status").contains("实时"), text(browser, "#status"));
        JsonNode live = get(system.reporting, "/rankings/" + OCTOBER, system.as("committee-admin")).json();
        assertTableMatches(browser, live);
        assertEquals(2, browser.findElements(By.cssSelector("#ranking tr.not-submitted")).size());
        assertChartDrawn(browser, "#chart", "bar", live.get("entries").size());
        screenshot(browser, "ranking-live");

        // a scorecard from the table: radar against the county mean, the trend, the drill-down
        String unit = live.get("entries").get(0).get("unitCode").asText();
        browser.findElement(By.cssSelector("#ranking tr[data-unit='" + unit + "'] a")).click();
        waitFor(browser, By.cssSelector("#radar[data-chart=drawn]"));
        waitFor(browser, By.cssSelector("#trend[data-chart=drawn]"));
        assertTrue(browser.getCurrentUrl().endsWith("#/units/" + unit + "/" + OCTOBER), browser.getCurrentUrl());
        JsonNode card = get(system.reporting, "/units/" + unit + "/scorecard/" + OCTOBER, system.as("committee-admin")).json();
        Map<String, Object> radar = chart(browser, "#radar");
        assertEquals("radar", radar.get("type"));
        assertEquals(2L, radar.get("series"), "the unit and the county mean");
        assertEquals((long) card.get("dimensions").size(), radar.get("points"));
        Map<String, Object> trend = chart(browser, "#trend");
        assertEquals(12L, trend.get("points"), "twelve months up to October");
        browser.findElement(By.cssSelector("#indicators button.drill")).click();
        assertTrue(browser.findElements(By.cssSelector("#indicators tr.evidence:not([hidden]) td")).size() > 0, "the records behind a number");
        screenshot(browser, "scorecard");

        // score entry: October is locked by the demo; reopen it with a reason
        String unsubmitted = live.get("notSubmitted").get(0).get("unitCode").asText();
        String scored = live.get("entries").get(1).get("unitCode").asText();
        open(browser, "#/scores/" + OCTOBER + "?q=" + unsubmitted);
        browser.findElement(By.id("reopen-reason")).sendKeys("补录两家单位的十月评分");
        browser.findElement(By.id("reopen")).click();
        waitFor(browser, By.id("lock"));
        WebElement cell = browser.findElement(By.cssSelector("td.cell[data-unit='" + unsubmitted + "'] input"));
        String indicator = cell.findElement(By.xpath("..")).getAttribute("data-indicator");
        // a score out of range: the API's own message appears under the cell, nothing is stored
        cell.sendKeys("999", Keys.TAB);
        WebElement refused = waitFor(browser, By.cssSelector("td.cell.failed[data-unit='" + unsubmitted + "'] .problem"));
        assertTrue(refused.getText().contains("超出范围"), refused.getText());
        screenshot(browser, "score-refused");
        cell = browser.findElement(By.cssSelector("td.cell[data-unit='" + unsubmitted + "'][data-indicator='" + indicator + "'] input"));
        cell.clear();
        cell.sendKeys("8", Keys.TAB);
        waitFor(browser, By.cssSelector("td.cell.saved[data-unit='" + unsubmitted + "'][data-indicator='" + indicator + "']"));
        JsonNode stored = get(system.assessment, "/assessments?unitCode=" + unsubmitted + "&period=" + OCTOBER + "&indicatorCode=" + indicator,
                system.as("committee-admin")).json();
        assertEquals(1, stored.size(), stored.toString());
        assertEquals(8.0, stored.get(0).get("score").asDouble());

        // a correction needs a reason
        open(browser, "#/scores/" + OCTOBER + "?q=" + scored);
        WebElement existing = browser.findElement(By.cssSelector("td.cell[data-unit='" + scored + "'][data-indicator='" + indicator + "'] input"));
        double before = Double.parseDouble(existing.getAttribute("value"));
        existing.clear();
        existing.sendKeys(before >= 5 ? "4.5" : "5.5", Keys.TAB);
        waitFor(browser, By.id("correction-reason")).sendKeys("复核台账后更正");
        browser.findElement(By.id("correction-save")).click();
        WebElement corrected = waitFor(browser, By.cssSelector("td.cell.saved[data-unit='" + scored + "'][data-indicator='" + indicator + "'] .note"));
        assertTrue(corrected.getText().contains("已更正"), corrected.getText());
        JsonNode history = get(system.assessment, "/assessments/" + existing.getAttribute("data-id") + "/history", system.as("committee-admin")).json();
        assertEquals("复核台账后更正", history.get(history.size() - 1).get("reason").asText());
        screenshot(browser, "score-corrected");

        // lock, then publish October from the ranking page
        browser.findElement(By.id("lock")).click();
        waitFor(browser, By.id("reopen"));
        open(browser, "#/rankings/" + OCTOBER);
        publishWhenReportingSawTheLock(browser);
        waitFor(browser, By.cssSelector("#status .mark.published"));
        JsonNode published = get(system.reporting, "/rankings/" + OCTOBER + "/published", system.as("committee-admin")).json();
        assertEquals(1, published.get("version").asInt());
        assertTableMatches(browser, published);
        assertEquals(1, browser.findElements(By.cssSelector("#ranking tr.not-submitted")).size(), "one unit still without scores");
        screenshot(browser, "ranking-published");
        assertNoJavaScriptErrors(browser);
    }

    @Test
    @Order(2)
    void aUnitSecretarySeesOnlyItsOwnUnitAndSignsItsNotice() throws Exception {
        TokenClient.Caller secretary = system.as("secretary-u001");
        JsonNode notice = DemoCountyWait.awaitNotice(system, secretary, "U001-002");
        WebDriver browser = browser();
        signIn(browser, "secretary-u001");
        // a secretary lands on its own unit's card of the latest published month
        waitFor(browser, By.cssSelector("#radar[data-chart=drawn]"));
        assertTrue(browser.getCurrentUrl().endsWith("#/units/U001/" + OCTOBER), browser.getCurrentUrl());
        List<String> nav = browser.findElements(By.cssSelector("#nav a")).stream().map(WebElement::getText).toList();
        assertFalse(nav.stream().anyMatch(t -> t.contains("评分录入")), "no entry grid for a secretary: " + nav);
        screenshot(browser, "secretary-scorecard");

        // the published ranking: every unit listed, only its own is a link to a card
        open(browser, "#/rankings/" + OCTOBER);
        waitFor(browser, By.cssSelector("#ranking tbody tr"));
        List<WebElement> links = browser.findElements(By.cssSelector("#ranking a"));
        assertEquals(1, links.size(), "only the own unit's card is linked");
        assertTrue(links.get(0).getAttribute("href").endsWith("#/units/U001/" + OCTOBER));
        assertTrue(browser.findElements(By.id("publish")).isEmpty());
        screenshot(browser, "secretary-ranking");

        // another unit's card and the entry grid are not there for it
        open(browser, "#/units/U002/" + OCTOBER);
        assertTrue(waitFor(browser, By.cssSelector("main")).getText().contains("没有找到"));
        open(browser, "#/scores/" + OCTOBER);
        assertTrue(browser.findElements(By.id("scores")).isEmpty());

        // the inbox, the notice as the official document, 签收
        open(browser, "#/inbox");
        waitFor(browser, By.cssSelector("#inbox a[href='#/notices/" + notice.get("id").asText() + "']")).click();
        WebElement title = waitFor(browser, By.cssSelector("#document .doc-title"));
        assertEquals(notice.get("title").asText(), title.getText());
        screenshot(browser, "notice");
        browser.findElement(By.id("acknowledge")).click();
        WebElement signed = waitFor(browser, By.cssSelector("#ack .info"));
        assertTrue(signed.getText().contains("已签收"), signed.getText());
        JsonNode after = get(system.notification, "/notices/" + notice.get("id").asText(), secretary).json();
        assertTrue(after.get("acknowledgement").hasNonNull("by"), after.toString());
        screenshot(browser, "notice-signed");
        assertNoJavaScriptErrors(browser);
    }

    // ---- the browser ----

    private WebDriver browser() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        Path profile = Files.createTempDirectory("workbench-chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=1440,1000", "--lang=zh-CN");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        // the driver from the machine, never one Selenium Manager would download
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .withLogFile(new File("target/workbench-chromedriver.log")).build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(WAIT);
        drivers.add(driver);
        return driver;
    }

    /** Opens the workbench, is sent to Keycloak's sign-in page, signs in and comes back to the workbench. */
    private void signIn(WebDriver browser, String username) throws IOException {
        browser.get(system.reporting.baseUrl() + "/");
        waitFor(browser, By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys("demo");
        screenshot(browser, "sign-in-" + username);
        browser.findElement(By.id("kc-login")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains(system.reporting.baseUrl() + "/#/"));
        waitFor(browser, By.cssSelector("#nav a"));
    }

    /** Goes to a route of the signed-in workbench and waits until that route's page (not the one before) is shown. */
    private void open(WebDriver browser, String hash) {
        ((JavascriptExecutor) browser).executeScript("document.querySelectorAll('#main > *').forEach(e => e.setAttribute('data-left', '1'))");
        browser.get(system.reporting.baseUrl() + "/" + hash);
        new WebDriverWait(browser, WAIT).until(d -> d.findElements(By.cssSelector("#main > [data-left], #main > .loading")).isEmpty()
                && !d.findElements(By.cssSelector("#main h2")).isEmpty());
    }

    private static WebElement waitFor(WebDriver browser, By what) {
        return new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(what));
    }

    private static String text(WebDriver browser, String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    /** Publishing is refused (409) until reporting-service has read the lock from the topic: the admin tries again. */
    private static void publishWhenReportingSawTheLock(WebDriver browser) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            waitFor(browser, By.id("publish")).click();
            new WebDriverWait(browser, WAIT).until(d -> !d.findElements(By.cssSelector("#status .mark.published")).isEmpty()
                    || !d.findElements(By.cssSelector("#publish-message .problem")).isEmpty());
            if (!browser.findElements(By.cssSelector("#status .mark.published")).isEmpty() || System.nanoTime() > deadline) {
                return;
            }
            Thread.sleep(2000);
            browser.navigate().refresh();
        }
    }

    /** Every ranked row of the page against the API's entries: rank, unit, score (two decimals) and tier. */
    private static void assertTableMatches(WebDriver browser, JsonNode ranking) {
        List<WebElement> rows = browser.findElements(By.cssSelector("#ranking tbody tr:not(.not-submitted)"));
        JsonNode entries = ranking.get("entries");
        assertEquals(entries.size(), rows.size());
        Map<String, String> tiers = Map.of("ADVANCED", "先进", "MIDDLE", "中间", "LAGGING", "后进");
        for (int i = 0; i < rows.size(); i++) {
            List<WebElement> cells = rows.get(i).findElements(By.tagName("td"));
            JsonNode e = entries.get(i);
            assertEquals(e.get("unitCode").asText(), rows.get(i).getAttribute("data-unit"));
            assertEquals(e.get("rank").asText(), cells.get(0).getText(), "rank of " + e);
            assertEquals(e.get("unitName").asText(), cells.get(1).getText());
            assertEquals(String.format(java.util.Locale.ROOT, "%.2f", e.get("score").asDouble()), cells.get(3).getText(), "score of " + e);
            assertEquals(tiers.get(e.get("tier").asText()), cells.get(5).getText(), "tier of " + e);
        }
    }

    /** What ECharts holds for the chart in {@code css}: its series type, how many series and data points. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> chart(WebDriver browser, String css) {
        return (Map<String, Object>) ((JavascriptExecutor) browser).executeScript(
                "const c = echarts.getInstanceByDom(document.querySelector(arguments[0]));"
                        + "if (!c) return null; const o = c.getOption(); const s = o.series[0];"
                        + "const points = s.type === 'radar' ? s.data[0].value.length : s.data.length;"
                        + "return {type: s.type, series: s.type === 'radar' ? s.data.length : o.series.length, points: points,"
                        + " canvas: document.querySelector(arguments[0] + ' canvas') ? 1 : 0};", css);
    }

    private static void assertChartDrawn(WebDriver browser, String css, String type, int points) {
        Map<String, Object> chart = chart(browser, css);
        assertEquals(type, chart.get("type"));
        assertEquals((long) points, chart.get("points"));
        assertEquals(1L, chart.get("canvas"));
    }

    /** No JavaScript error on any page the browser showed (network answers like a 404 are not script errors). */
    private static void assertNoJavaScriptErrors(WebDriver browser) {
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue() && !entry.getMessage().contains("Failed to load resource")) {
                errors.add(entry.getMessage());
            }
        }
        assertEquals(List.of(), errors, "JavaScript errors in the console");
    }

    private void screenshot(WebDriver browser, String name) throws IOException {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(screenshots.resolve(String.format("%02d-%s.png", ++shot, name)), png);
    }
}
