package de.jobcenter.postfach.quality.bench;

import static org.assertj.core.api.Assertions.assertThat;

import de.jobcenter.postfach.quality.bench.Report.Bar;
import de.jobcenter.postfach.quality.bench.Report.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    private static Row row(double figure, double baseline, Bar bar, double limit) {
        return new Row("P", "x", figure, baseline, "u", bar, limit, "bar", "", null);
    }

    @Test
    void eachBarKindDecidesAgainstItsBaseline() {
        assertThat(row(70, 100, Bar.RATIO_AT_LEAST, 0.7).passed()).isTrue();
        assertThat(row(69, 100, Bar.RATIO_AT_LEAST, 0.7).passed()).isFalse();
        assertThat(row(50, 10, Bar.RATIO_AT_MOST, 5).passed()).isTrue();
        assertThat(row(51, 10, Bar.RATIO_AT_MOST, 5).passed()).isFalse();
        assertThat(row(140, 40, Bar.DIFFERENCE_AT_MOST, 100).passed()).isTrue();
        assertThat(row(141, 40, Bar.DIFFERENCE_AT_MOST, 100).passed()).isFalse();
        assertThat(row(4.9, Double.NaN, Bar.BELOW, 5).passed()).isTrue();
        assertThat(row(5, Double.NaN, Bar.BELOW, 5).passed()).isFalse();
    }

    @Test
    void aFigureThatCouldNotBeMeasuredIsAnErrorNotAPass() {
        Row failed = Row.failed("P5", "rollout", "< 5 s", "config-service answered 500");
        assertThat(failed.passed()).isFalse();
        assertThat(failed.verdict()).isEqualTo("ERROR");
    }

    @Test
    void tableJsonAndMarkdownCarryFigureBaselineRatioBarAndResult(@TempDir Path dir) throws Exception {
        Report report = new Report();
        report.fact("machine", "2 cores");
        report.add(new Row("P1", "throughput", 800, 1000, "rec/s", Bar.RATIO_AT_LEAST, 0.7, "≥ 0.7", "n", null));
        report.add(new Row("P3", "p99", 250, 40, "ms", Bar.DIFFERENCE_AT_MOST, 100, "≤ baseline + 100 ms", "", null));

        String table = report.table();
        assertThat(table).contains("id", "figure", "baseline", "ratio", "bar", "result");
        assertThat(table).containsPattern("P1\\s+throughput\\s+800 rec/s\\s+1000 rec/s\\s+0.80\\s+≥ 0.7\\s+PASS");
        assertThat(table).containsPattern("P3\\s+p99\\s+250 ms\\s+40.0 ms\\s+6.25\\s+≤ baseline \\+ 100 ms\\s+FAIL");

        report.write(dir, "Benchmarks", List.of("noisy"));
        String json = Files.readString(dir.resolve("benchmarks.json"));
        assertThat(json).contains("\"result\" : \"PASS\"", "\"result\" : \"FAIL\"", "\"machine\" : \"2 cores\"");
        String md = Files.readString(dir.resolve("benchmarks.md"));
        assertThat(md).contains("| P1 | throughput | 800 rec/s | 1000 rec/s | 0.80 | ≥ 0.7 | PASS |", "- noisy");
    }
}
