package de.jobcenter.postfach.quality.faults;

import de.jobcenter.postfach.quality.harness.PostfachSystem;
import de.jobcenter.postfach.quality.harness.Service;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The documented fault run: {@code ./mvnw -pl quality -Pfaults verify}. Runs the selected scenarios R1–R7 against
 * the packaged services, each in its own process, then the S5 canary scan over everything the runs left behind;
 * prints the table and writes {@code target/faults.json} and {@code target/faults.md}. Exits 1 if a scenario
 * failed, 2 if the services are not packaged.
 */
public final class FaultsMain {
    private FaultsMain() {}

    public static void main(String[] args) {
        quietLogging();
        FaultsConfig config = FaultsConfig.fromSystemProperties();
        List<String> missing =
                PostfachSystem.missingJars(PostfachSystem.repositoryRoot(), EnumSet.allOf(Service.class));
        if (!missing.isEmpty()) {
            System.err.println("The services are not packaged: " + missing);
            System.err.println("Run ./mvnw install -DskipTests in " + PostfachSystem.repositoryRoot() + " first.");
            System.exit(2);
        }
        // Own systems first (they take infrastructure away), then the shared one; R3 leaves the adapters with its
        // short retry budget, so it comes last.
        List<Scenario> all = List.of(
                new R1RoutingCrash(),
                new R2BrokerOutage(),
                new R4DatabaseRestart(),
                new R5Redelivery(),
                new R6AdapterCrash(),
                new R7PoisonRecords(),
                new R3TargetOutage());
        SharedSystem shared = new SharedSystem(config.runDir("shared"));
        Instant began = Instant.now();
        long start = System.nanoTime();
        List<ScenarioResult> results = new ArrayList<>();
        System.out.println("Fault run: scenarios " + config.scenarios() + ", canary " + config.canary());
        for (Scenario scenario : all) {
            if (!config.scenarios().contains(scenario.id())) {
                continue;
            }
            ScenarioResult result = new ScenarioResult(scenario.id(), scenario.title());
            System.out.println("\n=== " + scenario.id() + " " + scenario.title() + " (" + Instant.now() + ")");
            long t0 = System.nanoTime();
            try {
                scenario.run(config, result, shared);
            } catch (Exception | Error e) {
                result.check(false, "aborted: " + e);
                e.printStackTrace(System.out);
            }
            result.total = Duration.ofNanos(System.nanoTime() - t0);
            results.add(result);
            System.out.println(Report.details(List.of(result)));
        }
        shared.close();
        results.sort(java.util.Comparator.comparing(r -> r.id));
        if (config.scenarios().contains("S5") || config.scenarios().size() > 1) {
            results.add(CanaryScan.scan(config.output().resolve("faults"), config.canary()));
        }
        Duration total = Duration.ofNanos(System.nanoTime() - start);
        Map<String, String> machine = machine();
        Report.write(config.output(), results, machine, began, total);
        System.out.println("\n" + Report.table(results));
        System.out.println(Report.details(results.subList(results.size() - 1, results.size())));
        System.out.println("Machine: " + machine);
        System.out.println("Written: " + config.output().resolve("faults.json") + ", "
                + config.output().resolve("faults.md") + "; logs under "
                + config.output().resolve("faults"));
        boolean passed = results.stream().allMatch(ScenarioResult::passed);
        System.exit(passed ? 0 : 1);
    }

    private static Map<String, String> machine() {
        Map<String, String> machine = new LinkedHashMap<>();
        machine.put("nproc", String.valueOf(Runtime.getRuntime().availableProcessors()));
        machine.put("memory", firstLine("sh", "-c", "free -m | awk '/Mem:/ {print $2 \" MiB\"}'"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        return machine;
    }

    private static String firstLine(String... command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line = reader.readLine();
                process.waitFor();
                return line == null ? "?" : line.trim();
            }
        } catch (Exception e) {
            return "?";
        }
    }

    private static void quietLogging() {
        for (String category : List.of(
                "kafka",
                "org.apache.kafka",
                "state.change.logger",
                "io.zonky.test",
                "wiremock",
                "org.eclipse.jetty",
                "com.icegreen",
                "WireMock",
                "com.github.tomakehurst.wiremock")) {
            Logger.getLogger(category).setLevel(Level.WARNING);
            HELD.add(Logger.getLogger(category));
        }
    }

    private static final List<Logger> HELD = new ArrayList<>();

    /** The full system the scenarios that leave infrastructure alone share: started on first use. */
    private static final class SharedSystem implements java.util.function.Supplier<PostfachSystem> {
        private final java.nio.file.Path runDir;
        private PostfachSystem system;
        private RuntimeException failed;

        SharedSystem(java.nio.file.Path runDir) {
            this.runDir = runDir;
        }

        @Override
        public PostfachSystem get() {
            if (failed != null) {
                throw failed;
            }
            if (system == null) {
                try {
                    long t0 = System.nanoTime();
                    system = PostfachSystem.options(runDir)
                            .services(EnumSet.allOf(Service.class))
                            .eakteProxy()
                            .start();
                    System.out.println("Shared system of all seven services up in "
                            + Report.seconds(Duration.ofNanos(System.nanoTime() - t0)) + "; start-up per service: "
                            + startupTimes(system));
                } catch (RuntimeException e) {
                    failed = e;
                    throw e;
                }
            }
            return system;
        }

        void close() {
            if (system != null) {
                try {
                    Evidence.collect(system);
                } finally {
                    system.close();
                }
            }
        }

        private static String startupTimes(PostfachSystem system) {
            StringBuilder text = new StringBuilder();
            for (Service service : system.services()) {
                text.append(service.module())
                        .append(' ')
                        .append(Report.seconds(system.startupTime(service)))
                        .append(", ");
            }
            return text.toString();
        }
    }
}
