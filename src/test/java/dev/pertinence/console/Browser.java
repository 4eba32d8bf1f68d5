package dev.pertinence.console;

import io.restassured.RestAssured;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real Chromium (Debian's chromium and chromium-driver, which .ci/run installs) driven by
 * Selenium against the service under test, one per test class. Screenshots go to docs/console/.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("docs/console");
    private static final String CHROMIUM = System.getProperty("console.chromium", "/usr/bin/chromium");
    private static final String DRIVER = System.getProperty("console.chromedriver", "/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path profile;

    private final String base;

    Browser() {
        this(null);
    }

    /** At another address of the service under test (its HTTPS port, whose throwaway certificate is accepted); null: its HTTP port. */
    Browser(String base) {
        this.base = base;
        try {
            profile = Files.createTempDirectory("console-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,800",
                "--force-device-scale-factor=1", "--lang=en-GB", "--ignore-certificate-errors");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(DRIVER).toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 800));
    }

    String base() {
        return base != null ? base : "http://localhost:" + RestAssured.port; // the port is known once the service runs
    }

    Browser open(String path) {
        driver.get(base() + path);
        return this;
    }

    /** The development sign-in, as a person would do it: the page, a role, the button. */
    Browser signIn(String role) {
        open("/console/sign-in");
        wait(ExpectedConditions.elementToBeClickable(By.cssSelector("input[name=role][value='" + role + "']"))).click();
        find(By.id("sign-in-button")).click();
        wait(ExpectedConditions.urlToBe(base() + "/console"));
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
        return this;
    }

    WebElement find(By by) {
        return wait(ExpectedConditions.presenceOfElementLocated(by));
    }

    WebElement visible(By by) {
        return wait(ExpectedConditions.visibilityOfElementLocated(by));
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    <T> T wait(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(15)).until(condition);
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    Object asyncScript(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    void refresh() {
        driver.navigate().refresh();
    }

    String url() {
        return driver.getCurrentUrl();
    }

    String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    void size(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** The page as it is, into docs/console/NAME.png (committed: the docs show these). */
    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary profile left behind is harmless
        }
    }
}
