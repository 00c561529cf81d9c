package de.jobcenter.postfach.quality.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark's rows, printed as a table and written as JSON and Markdown. */
final class Report {

    /** How a row's figure is held against its bar. */
    enum Bar {
        /** figure / baseline ≥ limit (throughput). */
        RATIO_AT_LEAST,
        /** figure / baseline ≤ limit (latency multiple). */
        RATIO_AT_MOST,
        /** figure − baseline ≤ limit (latency allowance, same unit). */
        DIFFERENCE_AT_MOST,
        /** figure < limit (absolute). */
        BELOW
    }

    /**
     * One measured figure.
     *
     * @param baseline NaN when the bar has no baseline
     * @param error why the figure could not be measured, or null
     */
    record Row(
            String id,
            String what,
            double figure,
            double baseline,
            String unit,
            Bar bar,
            double limit,
            String barText,
            String note,
            String error) {

        static Row failed(String id, String what, String barText, String error) {
            return new Row(id, what, Double.NaN, Double.NaN, "", Bar.BELOW, Double.NaN, barText, "", error);
        }

        double ratio() {
            return Double.isNaN(baseline) || baseline == 0 ? Double.NaN : figure / baseline;
        }

        boolean passed() {
            if (error != null || Double.isNaN(figure)) {
                return false;
            }
            return switch (bar) {
                case RATIO_AT_LEAST -> ratio() >= limit;
                case RATIO_AT_MOST -> ratio() <= limit;
                case DIFFERENCE_AT_MOST -> figure - baseline <= limit;
                case BELOW -> figure < limit;
            };
        }

        String verdict() {
            return error != null ? "ERROR" : passed() ? "PASS" : "FAIL";
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Object> facts = new LinkedHashMap<>();
    private final boolean echo;

    /** A report that prints nothing until {@link #table()} is asked for. */
    Report() {
        this(false);
    }

    /** @param echo print each row as it is added (a benchmark run's progress) */
    Report(boolean echo) {
        this.echo = echo;
    }

    void add(Row row) {
        rows.add(row);
        if (echo) {
            System.out.println("bench: " + line(row));
        }
    }

    List<Row> rows() {
        return rows;
    }

    /** Run facts for the JSON and Markdown (machine, flags, counts). */
    void fact(String key, Object value) {
        facts.put(key, value);
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (Math.abs(value) >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String line(Row row) {
        return row.id() + " " + row.what() + ": " + number(row.figure()) + " " + row.unit() + " (baseline "
                + number(row.baseline()) + ", ratio " + number(row.ratio()) + ", bar " + row.barText() + ") "
                + row.verdict() + (row.error() == null ? "" : " — " + row.error());
    }

    /** The table for stdout. */
    String table() {
        String[] head = {"id", "what", "figure", "baseline", "ratio", "bar", "result"};
        List<String[]> cells = new ArrayList<>();
        cells.add(head);
        for (Row r : rows) {
            cells.add(new String[] {
                r.id(),
                r.what(),
                number(r.figure()) + " " + r.unit(),
                Double.isNaN(r.baseline()) ? "–" : number(r.baseline()) + " " + r.unit(),
                number(r.ratio()),
                r.barText(),
                r.verdict()
            });
        }
        int[] width = new int[head.length];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < cells.size(); r++) {
            String[] row = cells.get(r);
            for (int i = 0; i < row.length; i++) {
                out.append(String.format("%-" + width[i] + "s", row[i]));
                out.append(i < row.length - 1 ? "  " : "\n");
            }
            if (r == 0) {
                for (int i = 0; i < row.length; i++) {
                    out.append("-".repeat(width[i])).append(i < row.length - 1 ? "  " : "\n");
                }
            }
        }
        for (Row r : rows) {
            if (r.error() != null) {
                out.append(r.id())
                        .append(" ")
                        .append(r.what())
                        .append(": ")
                        .append(r.error())
                        .append('\n');
            }
        }
        return out.toString();
    }

    String markdown(String title, List<String> notes) {
        StringBuilder md = new StringBuilder("# ").append(title).append("\n\n");
        facts.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append("\n| id | what | figure | baseline (same run) | ratio | bar | result | note |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            md.append("| ")
                    .append(r.id())
                    .append(" | ")
                    .append(r.what())
                    .append(" | ")
                    .append(number(r.figure()))
                    .append(' ')
                    .append(r.unit())
                    .append(" | ")
                    .append(Double.isNaN(r.baseline()) ? "–" : number(r.baseline()) + " " + r.unit())
                    .append(" | ")
                    .append(number(r.ratio()))
                    .append(" | ")
                    .append(r.barText())
                    .append(" | ")
                    .append(r.verdict())
                    .append(" | ")
                    .append((r.error() != null ? r.error() : r.note())
                            .replace("|", "/")
                            .replace("\n", " "))
                    .append(" |\n");
        }
        md.append('\n');
        notes.forEach(n -> md.append("- ").append(n).append('\n'));
        return md.toString();
    }

    ObjectNode json() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ObjectNode factsNode = root.putObject("run");
        facts.forEach((k, v) -> factsNode.set(k, mapper.valueToTree(v)));
        ArrayNode array = root.putArray("results");
        for (Row r : rows) {
            ObjectNode n = array.addObject();
            n.put("id", r.id());
            n.put("what", r.what());
            putNumber(n, "figure", r.figure());
            putNumber(n, "baseline", r.baseline());
            putNumber(n, "ratio", r.ratio());
            n.put("unit", r.unit());
            n.put("bar", r.barText());
            n.put("barKind", r.bar().name());
            putNumber(n, "barLimit", r.limit());
            n.put("result", r.verdict());
            n.put("note", r.note());
            if (r.error() != null) {
                n.put("error", r.error());
            }
        }
        return root;
    }

    private static void putNumber(ObjectNode node, String field, double value) {
        if (Double.isNaN(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    void write(Path dir, String title, List<String> notes) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve("benchmarks.json"),
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json()),
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("benchmarks.md"), markdown(title, notes), StandardCharsets.UTF_8);
    }
}
