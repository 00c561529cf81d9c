package de.jobcenter.postfach.e2e.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What the browser journey needs beyond a JDK 17: Debian's Chromium and ChromeDriver, a Java 21+ runtime for Keycloak
 * (searched like the local stack searches it) and axe-core (the build installs it). On a developer's machine without
 * them the suite is skipped with the reason; in CI ({@code CI=true}) it fails with the same reason, never skips.
 */
final class Prerequisites {
    private static final Pattern JAVA_VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

    private Prerequisites() {}

    static void require(Path axeScript) {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(Path.of(Browser.CHROMIUM)) || !Files.isExecutable(Path.of(Browser.CHROMEDRIVER))) {
            missing.add("Chromium and ChromeDriver at " + Browser.CHROMIUM + " and " + Browser.CHROMEDRIVER
                    + " (Debian: apt-get install -y chromium chromium-driver)");
        }
        if (java21().isEmpty()) {
            missing.add("a Java 21+ runtime for Keycloak (set POSTFACH_KEYCLOAK_JAVA_HOME, or install one under"
                    + " /usr/lib/jvm, e.g. Debian's openjdk-21-jdk-headless)");
        }
        if (axeScript == null || !Files.isRegularFile(axeScript)) {
            missing.add("axe-core at " + axeScript + " (run the suite through Maven: ./mvnw -Pbrowser-e2e -pl"
                    + " end-to-end-tests verify, which installs it with npm)");
        }
        if (missing.isEmpty()) {
            return;
        }
        String message = "The browser end-to-end suite needs " + String.join("; ", missing);
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message);
        }
        // Failsafe does not show why a class was skipped: say it in the build's output.
        System.out.println("SKIPPED BrowserJourneyIT: " + message + " (outside CI only; CI=true fails instead)");
        Assumptions.abort(message + " — skipped (outside CI only)");
    }

    /** A Java 21+ runtime: POSTFACH_KEYCLOAK_JAVA_HOME, this JVM, or one under /usr/lib/jvm. */
    static Optional<Path> java21() {
        String configured = System.getenv("POSTFACH_KEYCLOAK_JAVA_HOME");
        if (configured != null && !configured.isBlank()) {
            Path home = Path.of(configured);
            return Files.isExecutable(home.resolve("bin/java")) ? Optional.of(home) : Optional.empty();
        }
        if (Runtime.version().feature() >= 21) {
            return Optional.of(Path.of(System.getProperty("java.home")));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .filter(home -> featureVersion(home) >= 21)
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int featureVersion(Path javaHome) {
        try {
            Matcher m = JAVA_VERSION.matcher(Files.readString(javaHome.resolve("release")));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
