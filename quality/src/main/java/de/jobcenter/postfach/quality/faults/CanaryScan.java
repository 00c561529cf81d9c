package de.jobcenter.postfach.quality.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * S5: the canary string every message of the run carried in subject and body must appear in no process log, no
 * metrics dump, no dead-letter header and no info e-mail. Record values and the targets legitimately carry it.
 */
final class CanaryScan {
    private CanaryScan() {}

    static ScenarioResult scan(Path faultsDir, String canary) {
        ScenarioResult result = new ScenarioResult(
                "S5", "canary in subject and body: never in logs, metrics, DLQ headers, info e-mails");
        long logFiles = 0;
        long logLines = 0;
        long metricFiles = 0;
        long metricLines = 0;
        long headers = 0;
        long mails = 0;
        List<String> hits = new ArrayList<>();
        for (Path file : files(faultsDir)) {
            String name = file.getFileName().toString();
            String parent = file.getParent().getFileName().toString();
            List<String> lines = lines(file);
            String kind;
            if (name.endsWith(".log")) {
                logFiles++;
                logLines += lines.size();
                kind = "log";
            } else if (parent.equals("metrics")) {
                metricFiles++;
                metricLines += lines.size();
                kind = "metrics";
            } else if (name.equals("dlq-headers.tsv")) {
                headers += lines.size();
                kind = "dlq-header";
            } else if (parent.equals("info-mails")) {
                mails++;
                kind = "info-mail";
            } else {
                continue;
            }
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(canary)) {
                    hits.add(kind + " " + faultsDir.relativize(file) + ":" + (i + 1));
                }
            }
        }
        result.size = "canary " + canary;
        result.count("log-files", logFiles)
                .count("log-lines", logLines)
                .count("metric-dumps", metricFiles)
                .count("metric-lines", metricLines)
                .count("dlq-headers", headers)
                .count("info-mails", mails)
                .count("hits", hits.size());
        result.check(logFiles > 0, "no process log to scan");
        result.check(metricFiles > 0, "no metrics dump to scan");
        result.check(headers > 0, "no dead-letter header to scan");
        result.check(mails > 0, "no info e-mail to scan");
        result.check(hits.isEmpty(), "canary found: " + String.join(", ", hits.subList(0, Math.min(10, hits.size()))));
        return result;
    }

    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            return text.isEmpty() ? List.of() : List.of(text.split("\\R"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
