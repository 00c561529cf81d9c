package de.jobcenter.postfach.quality.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one scenario saw: the standard counts (sent, accepted, published, delivered, duplicates, lost, dlq — -1 where
 * a count does not apply), further counts, the size run, the checks that failed, notes, and durations.
 */
final class ScenarioResult {
    static final List<String> STANDARD_COUNTS =
            List.of("sent", "accepted", "published", "delivered", "duplicates", "lost", "dlq");

    final String id;
    final String title;
    final Map<String, Long> counts = new LinkedHashMap<>();
    final Map<String, Object> extra = new LinkedHashMap<>();
    final Map<String, Duration> durations = new LinkedHashMap<>();
    final List<String> failures = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    String size = "";
    Duration total = Duration.ZERO;

    ScenarioResult(String id, String title) {
        this.id = id;
        this.title = title;
        STANDARD_COUNTS.forEach(name -> counts.put(name, -1L));
    }

    ScenarioResult count(String name, long value) {
        counts.put(name, value);
        return this;
    }

    ScenarioResult extra(String name, Object value) {
        extra.put(name, value);
        return this;
    }

    ScenarioResult duration(String name, Duration value) {
        durations.put(name, value);
        return this;
    }

    /** Records a check; a false one fails the scenario with {@code what}. */
    ScenarioResult check(boolean ok, String what) {
        if (!ok) {
            failures.add(what);
        }
        return this;
    }

    ScenarioResult note(String note) {
        notes.add(note);
        return this;
    }

    boolean passed() {
        return failures.isEmpty();
    }
}
