package de.jobcenter.postfach.quality.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The sizes of a fault run, from system properties ({@code -Dfaults.r1.messages=2000} …; the {@code faults} profile
 * of quality/pom.xml passes them on). Defaults are the sizes of the quality bars where a 2-core machine runs them in
 * under ~25 minutes.
 */
record FaultsConfig(
        Set<String> scenarios,
        Path output,
        int r1Messages,
        int r1Kills,
        Duration r2Outage,
        int r2Writers,
        int r3Messages,
        Duration r3Outage,
        Duration r3Budget,
        Duration r4Outage,
        int r4Writers,
        int r5Messages,
        int r6Messages,
        int r7Messages,
        double r7PoisonPercent,
        String canary) {

    static FaultsConfig fromSystemProperties() {
        String scenarios = System.getProperty("faults.scenarios", "R1,R2,R3,R4,R5,R6,R7");
        return new FaultsConfig(
                new LinkedHashSet<>(Arrays.stream(scenarios.split(","))
                        .map(s -> s.trim().toUpperCase(Locale.ROOT))
                        .filter(s -> !s.isEmpty())
                        .toList()),
                Path.of(System.getProperty("faults.output", "target")).toAbsolutePath(),
                intProperty("faults.r1.messages", 20_000),
                intProperty("faults.r1.kills", 3),
                durationProperty("faults.r2.outage", "30s"),
                intProperty("faults.r2.writers", 4),
                intProperty("faults.r3.messages", 30),
                durationProperty("faults.r3.outage", "120s"),
                durationProperty("faults.r3.budget", "30s"),
                durationProperty("faults.r4.outage", "15s"),
                intProperty("faults.r4.writers", 4),
                intProperty("faults.r5.messages", 20),
                intProperty("faults.r6.messages", 10),
                intProperty("faults.r7.messages", 1200),
                Double.parseDouble(System.getProperty("faults.r7.poison-percent", "1")),
                "KANARIE-" + UUID.randomUUID().toString().replace("-", ""));
    }

    Path runDir(String scenario) {
        return output.resolve("faults").resolve(scenario.toLowerCase(Locale.ROOT));
    }

    private static int intProperty(String name, int fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() || value.startsWith("${") ? fallback : Integer.parseInt(value.trim());
    }

    private static Duration durationProperty(String name, String fallback) {
        String value = System.getProperty(name);
        return parseDuration(value == null || value.isBlank() || value.startsWith("${") ? fallback : value.trim());
    }

    /** {@code 30s}, {@code 2m}, {@code 500ms} or ISO-8601 ({@code PT30S}). */
    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("pt")) {
            return Duration.parse(text.trim());
        }
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        long amount = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> throw new IllegalArgumentException("Not a duration: " + text);
        };
    }
}
