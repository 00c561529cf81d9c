package de.jobcenter.postfach.e2e.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.jobcenter.postfach.testing.ManagedProcess;
import de.jobcenter.postfach.testing.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The whole local stack as a person starts it: the real {@code ./postfach up} as a child process, with its own log
 * file, ready when it prints {@code Postfachservice is up.}. {@link #close()} sends SIGTERM to the script alone —
 * stopping its children is the script's job — and reports every process of the stack still alive afterwards (those
 * are then killed, so a broken stop fails the run but leaves nothing behind).
 */
final class LocalStack implements AutoCloseable {
    static final String READY_LINE = "Postfachservice is up.";
    /** Every fixed port of the local stack (Keycloak, services, Kafka, SMTP, IMAP, simulators, mail viewer). */
    static final List<Integer> PORTS = Stream.of(
                    IntStream.of(8180),
                    IntStream.rangeClosed(8081, 8087),
                    IntStream.of(9092, 3025, 3143),
                    IntStream.rangeClosed(8091, 8093))
            .flatMapToInt(s -> s)
            .boxed()
            .toList();

    private static final List<String> SERVICES = List.of(
            "mailbox-api",
            "routing-service",
            "config-service",
            "eakte-adapter",
            "outlook-adapter",
            "servicecenter-adapter",
            "notification-service");
    private static final Duration SCRIPT_STOP_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private final Path root;
    private final Path logDirectory;
    private final ManagedProcess script;
    /** Every process seen below the script (Keycloak is a grandchild), so none escapes the check after the stop. */
    private final Set<ProcessHandle> seen = ConcurrentHashMap.newKeySet();

    private LocalStack(Path root, Path logDirectory, ManagedProcess script) {
        this.root = root;
        this.logDirectory = logDirectory;
        this.script = script;
    }

    /**
     * Whether {@code ./postfach up} will build first: it does when a service's jar or test-infrastructure's
     * {@code target/classpath.txt} (which only the script writes) is missing.
     */
    static boolean willBuild(Path root) {
        return SERVICES.stream()
                        .anyMatch(s -> !Files.isRegularFile(root.resolve(s + "/target/quarkus-app/quarkus-run.jar")))
                || !Files.isRegularFile(root.resolve("test-infrastructure/target/classpath.txt"));
    }

    /** Starts {@code ./postfach up} and waits for its ready line; fails at once when a port of the stack is taken. */
    static LocalStack up(Path root, Path logDirectory, Duration timeout) {
        List<Integer> taken = PORTS.stream()
                .filter(port -> Ports.isOpen("localhost", port, 300))
                .toList();
        assertThat(taken)
                .as("ports of the local stack already in use (another ./postfach up running? stop it first)")
                .isEmpty();
        ManagedProcess script = ManagedProcess.command(
                        "postfach-up", root.resolve("postfach").toString(), "up")
                .workingDirectory(root)
                // Keycloak, never the light issuer: the journey logs in on Keycloak's page.
                .env("POSTFACH_OIDC", "keycloak")
                .env("POSTFACH_REBUILD", "0")
                // Every run starts a fresh GreenMail; a customer the persistent database already knows may have got
                // an info e-mail minutes ago in an earlier run, which the quiet period would then cover.
                .env("POSTFACH_NOTIFICATION_QUIET_PERIOD", "1s")
                // Seven services start at once beside Keycloak: on a busy 2-core machine a first database connection
                // can
                // take longer than Agroal's 5 s default, and a service would die in Flyway before it is ready.
                .env("QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT", "60s")
                .logFile(logDirectory.resolve("postfach-up.log"))
                .start();
        LocalStack stack = new LocalStack(root, logDirectory, script);
        try {
            stack.awaitReady(timeout);
            return stack;
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    private void awaitReady(Duration timeout) {
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
                if (!script.isAlive()) {
                    throw new IllegalStateException("./postfach up exited before it printed „" + READY_LINE
                            + "“. Its output (" + script.logFile() + "):\n" + script.logTail(60)
                            + "\nService logs: " + root.resolve(".postfach/logs"));
                }
                noteChildren();
                return log().contains(READY_LINE);
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("./postfach up did not print „" + READY_LINE + "“ within " + timeout
                    + ". Its output:\n" + script.logTail(60) + "\nService logs: " + root.resolve(".postfach/logs"));
        }
    }

    private String log() {
        try {
            return Files.readString(script.logFile(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** {@code ./postfach token NAME}: a fresh access token of a demo user, from Keycloak. */
    String token(String name) {
        ProcessBuilder builder = new ProcessBuilder(root.resolve("postfach").toString(), "token", name)
                .directory(root.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("./postfach token " + name + " did not finish");
            }
            assertThat(process.exitValue())
                    .as("exit code of ./postfach token " + name)
                    .isZero();
            String token = new String(out, StandardCharsets.US_ASCII).strip();
            assertThat(token)
                    .as("./postfach token " + name + " prints a bare JWT")
                    .matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * SIGTERM to the script only, as Ctrl-C would; then every process that was part of the stack must be gone and
     * every port free again. Returns what was left over (empty when the script stopped everything), after killing it.
     */
    List<String> stop() {
        noteChildren();
        List<ProcessHandle> children = List.copyOf(seen);
        List<String> leftovers = new ArrayList<>();
        ProcessHandle.of(script.pid()).ifPresent(ProcessHandle::destroy);
        if (!awaitTrue(SCRIPT_STOP_TIMEOUT, () -> !script.isAlive())) {
            leftovers.add("./postfach up itself (pid " + script.pid() + ") still running " + SCRIPT_STOP_TIMEOUT
                    + " after SIGTERM");
        }
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // reported below
            }
            if (child.isAlive()) {
                leftovers.add(
                        "pid " + child.pid() + ": " + child.info().commandLine().orElse("?"));
            }
        }
        // The safety net: whatever is left is killed now (and was reported).
        script.stop(Duration.ofSeconds(5));
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        awaitTrue(Duration.ofSeconds(15), () -> openPorts().isEmpty());
        openPorts().forEach(port -> leftovers.add("port " + port + " still open after the stack stopped"));
        keepServiceLogs();
        return leftovers;
    }

    /** Stops what still runs and keeps the logs (also after the script died on its own). */
    private void noteChildren() {
        ProcessHandle.of(script.pid()).ifPresent(p -> p.descendants().forEach(seen::add));
    }

    @Override
    public void close() {
        stop().forEach(leftover -> System.err.println("Left over by ./postfach up (killed): " + leftover));
    }

    Path scriptLog() {
        return script.logFile();
    }

    private static List<Integer> openPorts() {
        return PORTS.stream()
                .filter(port -> Ports.isOpen("localhost", port, 300))
                .toList();
    }

    /** The services' logs of this run beside the script's, for whoever reads a failed run. */
    private void keepServiceLogs() {
        Path logs = root.resolve(".postfach/logs");
        if (!Files.isDirectory(logs)) {
            return;
        }
        Path target = logDirectory.resolve("stack-logs");
        try (Stream<Path> files = Files.list(logs)) {
            Files.createDirectories(target);
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            System.err.println("Could not copy the stack's logs: " + e);
        }
    }

    private static boolean awaitTrue(Duration timeout, Callable<Boolean> condition) {
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(condition);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }
}
