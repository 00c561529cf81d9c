package de.jobcenter.postfach.e2e.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium through Debian's ChromeDriver (Selenium Manager never downloads anything), with a fresh
 * profile under {@code target/}, the few gestures the journey needs (open, click, type) and axe-core for the WCAG 2.1
 * AA checks of every page of ours. {@link #close()} quits the browser and its driver; a shutdown hook does so too when
 * a run is cut short, so no Chromium is left running.
 */
final class Browser implements AutoCloseable {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final List<String> AXE_TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path profile;
    private final Path axeScript;
    private final Thread shutdownHook;
    private final List<String> checkedPages = new ArrayList<>();
    private String axeSource;

    private Browser(ChromeDriver driver, ChromeDriverService service, Path profile, Path axeScript) {
        this.driver = driver;
        this.service = service;
        this.profile = profile;
        this.axeScript = axeScript;
        this.shutdownHook = new Thread(this::quit, "browser-quit");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    static Browser start(Path workDirectory, Path axeScript) {
        Path profile;
        try {
            Files.createDirectories(workDirectory);
            profile = Files.createTempDirectory(workDirectory, "chromium-profile-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--lang=de-DE",
                "--window-size=1280,1024",
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(WAIT);
        driver.manage().timeouts().scriptTimeout(WAIT);
        return new Browser(driver, service, profile, axeScript);
    }

    /** Opens an address, as someone typing it into the address bar. */
    void open(String url) {
        driver.get(url);
        awaitLoaded();
    }

    String url() {
        return driver.getCurrentUrl();
    }

    String path() {
        return URI.create(driver.getCurrentUrl()).getPath();
    }

    String title() {
        return driver.getTitle();
    }

    /** The text a person sees on the page. */
    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    boolean has(By by) {
        return !driver.findElements(by).isEmpty();
    }

    /** Clicks the link with exactly this visible text and waits until the page it leads to has loaded. */
    void followLink(String text, ExpectedCondition<?> arrived) {
        clickAndAwait(linkNamed(text), arrived);
    }

    WebElement linkNamed(String text) {
        return driver.findElements(By.tagName("a")).stream()
                .filter(a -> a.getText().strip().equals(text))
                .findFirst()
                .orElseGet(() -> fail("No link „" + text + "“ on " + url() + ":\n" + text()));
    }

    WebElement buttonNamed(String text) {
        return driver.findElements(By.tagName("button")).stream()
                .filter(b -> b.getText().strip().equals(text))
                .findFirst()
                .orElseGet(() -> fail("No button „" + text + "“ on " + url() + ":\n" + text()));
    }

    boolean hasButton(String text) {
        return driver.findElements(By.tagName("button")).stream()
                .anyMatch(b -> b.getText().strip().equals(text));
    }

    /** Presses the button with exactly this visible text and waits until the page it leads to has loaded. */
    void press(String button, ExpectedCondition<?> arrived) {
        clickAndAwait(buttonNamed(button), arrived);
    }

    void clickAndAwait(WebElement element, ExpectedCondition<?> arrived) {
        element.click();
        await(arrived);
        awaitLoaded();
    }

    /** Replaces what a text field holds. */
    void type(WebElement field, String text) {
        field.clear();
        field.sendKeys(text);
    }

    <T> T await(ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition);
    }

    void awaitLoaded() {
        new WebDriverWait(driver, WAIT)
                .until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /** Forgets every cookie of every site (no session anywhere). */
    void forgetSessions() {
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    /** A screenshot and the HTML of the current page, for a failed step. */
    void saveEvidence(Path directory, String name) {
        try {
            Files.createDirectories(directory);
            Files.write(directory.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
            Files.writeString(
                    directory.resolve(name + ".html"),
                    "<!-- " + url() + " -->\n" + driver.getPageSource(),
                    StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            System.err.println("Could not save the page for " + name + ": " + e);
        }
    }

    // ---- axe-core ---------------------------------------------------------------------------------------------

    /** Runs axe-core on the page and fails with every violation (rule, impact, elements) when there is any. */
    void assertAccessible(String page) {
        String violations = axeViolations();
        checkedPages.add(page + " (" + url() + ")");
        assertThat(describe(violations))
                .as("axe-core (" + String.join(", ", AXE_TAGS) + ") on " + page + " (" + url() + ")")
                .isEmpty();
    }

    List<String> checkedPages() {
        return List.copyOf(checkedPages);
    }

    private String axeViolations() {
        driver.executeScript(axeSource());
        Object result = driver.executeAsyncScript("""
                        const done = arguments[arguments.length - 1];
                        axe.run(document, { runOnly: { type: 'tag', values: arguments[0] }, resultTypes: ['violations'] })
                          .then(r => done(JSON.stringify(r.violations)))
                          .catch(e => done('AXE-ERROR ' + e));
                        """, AXE_TAGS);
        String json = String.valueOf(result);
        if (json.startsWith("AXE-ERROR")) {
            return fail("axe-core failed on " + url() + ": " + json);
        }
        return json;
    }

    private static List<String> describe(String violationsJson) {
        List<String> lines = new ArrayList<>();
        try {
            for (JsonNode violation : new ObjectMapper().readTree(violationsJson)) {
                StringBuilder line = new StringBuilder()
                        .append(violation.path("id").asText())
                        .append(" (")
                        .append(violation.path("impact").asText())
                        .append("): ")
                        .append(violation.path("help").asText());
                for (JsonNode node : violation.path("nodes")) {
                    line.append("\n    at ")
                            .append(node.path("target"))
                            .append(" ")
                            .append(node.path("html").asText())
                            .append("\n       ")
                            .append(node.path("failureSummary").asText().replace("\n", " "));
                }
                lines.add(line.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    private String axeSource() {
        if (axeSource == null) {
            try {
                axeSource = Files.readString(axeScript, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("axe-core not found at " + axeScript + "; the build installs it", e);
            }
        }
        return axeSource;
    }

    // ---- the end ----------------------------------------------------------------------------------------------

    @Override
    public void close() {
        quit();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    private synchronized void quit() {
        try {
            driver.quit();
        } catch (RuntimeException alreadyGone) {
            // quit twice, or the driver died: nothing left to stop
        }
        service.stop();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException | UncheckedIOException e) {
            // a profile directory left under target/ is removed by the next clean
        }
    }
}
