package de.jobcenter.postfach.quality.faults;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.jobcenter.postfach.quality.harness.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The per-scenario table on stdout, and the same as {@code faults.json} and {@code faults.md}. */
final class Report {
    private Report() {}

    static String table(List<ScenarioResult> results) {
        StringBuilder out = new StringBuilder();
        out.append(
                "| scenario | result | sent | accepted | published | delivered | duplicates | lost | DLQ | duration |"
                        + " size run |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (ScenarioResult r : results) {
            out.append("| ").append(r.id).append(' ').append(r.title).append(" | ");
            out.append(r.passed() ? "PASS" : "**FAIL**").append(" | ");
            for (String name : ScenarioResult.STANDARD_COUNTS) {
                long value = r.counts.get(name);
                out.append(value < 0 ? "–" : String.valueOf(value)).append(" | ");
            }
            out.append(seconds(r.total)).append(" | ").append(r.size).append(" |\n");
        }
        return out.toString();
    }

    static String details(List<ScenarioResult> results) {
        StringBuilder out = new StringBuilder();
        for (ScenarioResult r : results) {
            out.append("\n### ")
                    .append(r.id)
                    .append(" — ")
                    .append(r.passed() ? "PASS" : "FAIL")
                    .append('\n');
            out.append("\n").append(r.title).append(". Size: ").append(r.size).append(".\n\n");
            StringBuilder counts = new StringBuilder();
            r.counts.forEach((k, v) -> {
                if (v >= 0) {
                    counts.append(k).append(" ").append(v).append(", ");
                }
            });
            r.extra.forEach((k, v) -> counts.append(k).append(" ").append(v).append(", "));
            if (counts.length() > 0) {
                out.append("- counts: ").append(counts, 0, counts.length() - 2).append('\n');
            }
            if (!r.durations.isEmpty()) {
                StringBuilder durations = new StringBuilder();
                r.durations.forEach((k, v) ->
                        durations.append(k).append(" ").append(seconds(v)).append(", "));
                out.append("- durations: ")
                        .append(durations, 0, durations.length() - 2)
                        .append('\n');
            }
            r.failures.forEach(f -> out.append("- FAILED CHECK: ").append(f).append('\n'));
            r.notes.forEach(n -> out.append("- ").append(n).append('\n'));
        }
        return out.toString();
    }

    static void write(
            Path output, List<ScenarioResult> results, Map<String, String> machine, Instant began, Duration total) {
        ObjectNode root = Http.JSON.createObjectNode();
        root.put("date", began.toString());
        root.put("totalSeconds", total.toMillis() / 1000.0);
        ObjectNode machineNode = root.putObject("machine");
        machine.forEach(machineNode::put);
        ArrayNode scenarios = root.putArray("scenarios");
        for (ScenarioResult r : results) {
            ObjectNode node = scenarios.addObject();
            node.put("id", r.id);
            node.put("title", r.title);
            node.put("result", r.passed() ? "PASS" : "FAIL");
            node.put("size", r.size);
            node.put("seconds", r.total.toMillis() / 1000.0);
            ObjectNode counts = node.putObject("counts");
            r.counts.forEach((k, v) -> {
                if (v >= 0) {
                    counts.put(k, v);
                }
            });
            ObjectNode extra = node.putObject("extra");
            r.extra.forEach((k, v) -> extra.putPOJO(k, v));
            ObjectNode durations = node.putObject("durationsSeconds");
            r.durations.forEach((k, v) -> durations.put(k, v.toMillis() / 1000.0));
            ArrayNode failures = node.putArray("failures");
            r.failures.forEach(failures::add);
            ArrayNode notes = node.putArray("notes");
            r.notes.forEach(notes::add);
        }
        StringBuilder md = new StringBuilder();
        md.append("# Fault injection R1–R7 and canary scan S5\n\n");
        md.append("Run ").append(began).append(", ").append(seconds(total)).append(" in all. Machine: ");
        machine.forEach((k, v) -> md.append(k).append(" ").append(v).append("; "));
        md.append("\nFigures taken on a shared 2-core machine with other builds running are noisy; the bars are about"
                + " counts (lost, doubled), and R7's rate is a ratio against a clean run of the same size measured in"
                + " the same run.\n\n");
        md.append("Command: `./mvnw -pl quality -Pfaults verify` (sizes: `-Dfaults.*`, see quality/pom.xml).\n\n");
        md.append(table(results));
        md.append(details(results));
        try {
            Files.createDirectories(output);
            Http.JSON
                    .writerWithDefaultPrettyPrinter()
                    .writeValue(output.resolve("faults.json").toFile(), root);
            Files.writeString(output.resolve("faults.md"), md.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
