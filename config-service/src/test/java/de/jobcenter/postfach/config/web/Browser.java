package de.jobcenter.postfach.config.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's ChromeDriver (never Selenium Manager, never a download), with a
 * fresh profile under {@code target/}, keyboard helpers for a person who uses no mouse, and axe-core for the WCAG 2.1
 * AA checks of every page. {@link #close()} quits the browser and its driver; a shutdown hook does so too if a test run
 * is cut short, so no Chromium is left running.
 */
final class Browser implements AutoCloseable {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final List<String> AXE_TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int MAX_TABS = 300;

    private final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path profile;
    private final Thread shutdownHook;
    private final List<String> checkedPages = new ArrayList<>();
    private String axeSource;

    private Browser(ChromeDriver driver, ChromeDriverService service, Path profile) {
        this.driver = driver;
        this.service = service;
        this.profile = profile;
        this.shutdownHook = new Thread(this::quit, "browser-quit");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    static Browser start() {
        assertThat(new File(CHROMIUM))
                .as("Chromium from Debian (apt-get install -y chromium chromium-driver)")
                .canRead();
        assertThat(new File(CHROMEDRIVER)).as("ChromeDriver from Debian").canRead();
        Path profile;
        try {
            Files.createDirectories(Path.of("target"));
            profile = Files.createTempDirectory(Path.of("target"), "chromium-profile-");
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
        return new Browser(driver, service, profile);
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Opens an address, as someone typing it into the address bar. */
    void open(String url) {
        driver.get(url);
        awaitLoaded();
    }

    /** Forgets every cookie (no session anywhere). */
    void forgetSessions() {
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    String title() {
        return driver.getTitle();
    }

    String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    // ---- the keyboard -----------------------------------------------------------------------------------------

    /** Presses keys (or types text) into whatever has the focus. */
    void press(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    /** Shift+Tab: the focus moves back by one. */
    void shiftTab() {
        new Actions(driver)
                .keyDown(Keys.SHIFT)
                .sendKeys(Keys.TAB)
                .keyUp(Keys.SHIFT)
                .perform();
    }

    WebElement focused() {
        return driver.switchTo().activeElement();
    }

    /** Presses Tab until the focus is on the element described; fails when it never gets there. */
    WebElement tabTo(String what, Predicate<WebElement> target) {
        for (int i = 0; i < MAX_TABS; i++) {
            press(Keys.TAB);
            WebElement element = focused();
            if (target.test(element)) {
                return element;
            }
        }
        return fail("Tab never reached " + what + " on " + driver.getCurrentUrl());
    }

    WebElement tabToId(String id) {
        return tabTo("#" + id, e -> id.equals(e.getAttribute("id")));
    }

    WebElement tabToLink(String text) {
        return tabTo(
                "the link „" + text + "“",
                e -> e.getTagName().equals("a") && e.getText().strip().equals(text));
    }

    WebElement tabToButton(String text) {
        return tabTo(
                "the button „" + text + "“",
                e -> e.getTagName().equals("button") && e.getText().strip().equals(text));
    }

    /** Presses a key that navigates (Enter on a link or button) and waits until the new page has loaded. */
    void pressAndAwait(CharSequence key, ExpectedCondition<?> loaded) {
        press(key);
        await(loaded);
        awaitLoaded();
    }

    <T> T await(ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition);
    }

    private void awaitLoaded() {
        new WebDriverWait(driver, WAIT)
                .until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /** Logs in on the login server's page with the keyboard only. */
    void logInWithKeyboard(String username, String password) {
        await(d -> d.getTitle().contains("Anmelden"));
        tabToId("username");
        press(username);
        press(Keys.TAB);
        assertThat(focused().getAttribute("id")).isEqualTo("password");
        press(password);
        pressAndAwait(Keys.ENTER, d -> !d.getTitle().contains("Test-Anmeldedienst"));
    }

    // ---- axe-core ---------------------------------------------------------------------------------------------

    /** Runs axe-core on the page and fails with every violation (rule, impact, elements) when there is any. */
    void assertAccessible(String page) {
        String violations = axeViolations();
        checkedPages.add(page);
        List<String> described = describe(violations);
        assertThat(described)
                .as("axe-core (" + String.join(", ", AXE_TAGS) + ") on " + page + " (" + driver.getCurrentUrl() + ")")
                .isEmpty();
    }

    List<String> checkedPages() {
        return List.copyOf(checkedPages);
    }

    private String axeViolations() {
        ((JavascriptExecutor) driver).executeScript(axeSource());
        Object result = ((JavascriptExecutor) driver).executeAsyncScript("""
                        const done = arguments[arguments.length - 1];
                        axe.run(document, { runOnly: { type: 'tag', values: arguments[0] }, resultTypes: ['violations'] })
                          .then(r => done(JSON.stringify(r.violations)))
                          .catch(e => done('AXE-ERROR ' + e));
                        """, AXE_TAGS);
        String json = String.valueOf(result);
        if (json.startsWith("AXE-ERROR")) {
            return fail("axe-core failed on " + driver.getCurrentUrl() + ": " + json);
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
            String location = System.getProperty("axe.script");
            assertThat(location)
                    .as("system property axe.script (set by the build, which installs axe-core from npm into"
                            + " target/axe); run the tests through Maven")
                    .isNotBlank();
            try {
                axeSource = Files.readString(Path.of(location), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("axe-core not found at " + location + "; the build installs it", e);
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
