package dev.tailbench.report.allure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.qameta.allure.ConfigurationBuilder;
import io.qameta.allure.ReportGenerator;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Builds the Allure HTML report from a results directory and looks at it in headless Chromium, as
 * a person would: open the report, open the suite tree, click a test, read what its page shows.
 * Uses Debian's {@code chromium} and {@code chromium-driver} at their installed paths (never
 * Selenium Manager, which would download a browser).
 */
final class ReportBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final WebDriver driver;

    private ReportBrowser(WebDriver driver) {
        this.driver = driver;
    }

    /** Whether Debian's chromium and chromium-driver are installed. */
    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** Builds the report as one self-contained {@code index.html} (opens from a file, no server). */
    static Path generate(Path results, Path output) throws IOException {
        new ReportGenerator(new ConfigurationBuilder().useDefault().withReportName("tailbench").build())
                .generateSingleFile(output, List.of(results));
        return output.resolve("index.html");
    }

    static ReportBrowser open() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // --no-sandbox: CI runs as root; the window is large enough for the test page and its charts.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--allow-file-access-from-files", "--window-size=1400,1800");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .build();
        return new ReportBrowser(new ChromeDriver(service, options));
    }

    /**
     * Opens the report's suite tree, clicks each group of {@code path} open (suite, sub-suite) and
     * then the test, the last element of {@code path}; returns the text of the test's page.
     */
    String openTest(Path report, List<String> path) {
        driver.get(report.toUri() + "#suites");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        for (int i = 0; i < path.size(); i++) {
            By node = node(path.get(i));
            wait.until(d -> shown(node));
            // The report remembers which groups are open: clicking an open one would close it.
            if (i + 1 < path.size() && shown(node(path.get(i + 1)))) {
                continue;
            }
            driver.findElements(node).stream().filter(WebElement::isDisplayed).findFirst().orElseThrow().click();
        }
        wait.until(d -> d.findElement(By.tagName("body")).getText().contains("Parameters"));
        return driver.findElement(By.tagName("body")).getText();
    }

    /**
     * Clicks a collapsed block of the open test's page open (e.g. "Tear down") and returns the
     * page's text once {@code expected} shows.
     */
    String expand(String block, String expected) {
        By title = By.xpath("//*[contains(@class,'step__title')][starts-with(normalize-space(.),'" + block + "')]");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(d -> shown(title));
        driver.findElements(title).stream().filter(WebElement::isDisplayed).findFirst().orElseThrow().click();
        wait.until(d -> d.findElement(By.tagName("body")).getText().contains(expected));
        return driver.findElement(By.tagName("body")).getText();
    }

    private static By node(String name) {
        return By.xpath("//*[contains(@class,'node__title')][./*[contains(@class,'node__name')"
                + " and normalize-space(.)='" + name + "']]");
    }

    private boolean shown(By locator) {
        return driver.findElements(locator).stream().anyMatch(WebElement::isDisplayed);
    }

    /** Opens every attachment whose name is shown, so that its image loads, and returns the loaded images. */
    long openImages(List<String> attachmentNames) {
        for (String name : attachmentNames) {
            List<WebElement> rows = driver.findElements(By.xpath("//*[contains(@class,'attachment-row')]"
                    + "[.//*[normalize-space(.)='" + name + "']]"));
            if (!rows.isEmpty()) {
                rows.get(0).click();
            }
        }
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(d -> loadedImages() >= attachmentNames.size());
        return loadedImages();
    }

    private long loadedImages() {
        // Only attachment images: the report's own icons and logo must not count.
        return driver.findElements(By.cssSelector("img.attachment__media")).stream()
                .filter(image -> Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) driver)
                        .executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", image)))
                .count();
    }

    /** The page's HTML as it is now, for the record of a failed check. */
    String html() {
        return driver.getPageSource();
    }

    void screenshot(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
