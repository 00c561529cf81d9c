package de.jobcenter.postfach.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A child process under supervision: the services of an end-to-end test or the local stack, each a
 * real process ({@code java -jar .../quarkus-run.jar}) that can be waited for, stopped gracefully or
 * killed like a crashed pod. Output goes to a log file whose tail explains a failed start. Every
 * process still running when the JVM exits is stopped, so nothing outlives the test run.
 */
public final class ManagedProcess implements AutoCloseable {

    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(20);

    private static final Duration EXIT_WAIT = Duration.ofSeconds(10);
    private static final Set<ManagedProcess> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ManagedProcess::stopAll, "managed-process-stop"));
    }

    private final String name;
    private final Process process;
    private final Path logFile;

    private ManagedProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /** A Java process run by {@link #javaExecutable()} (or {@link Builder#javaExecutable(String)}). */
    public static Builder java(String name) {
        return new Builder(name, true, List.of());
    }

    /** Any other program, e.g. a start script. */
    public static Builder command(String name, String... command) {
        if (command.length == 0) {
            throw new IllegalArgumentException("No command for " + name);
        }
        return new Builder(name, false, List.of(command));
    }

    /** The {@code java} binary of the JVM running this code. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits until {@code url} answers 200. Fails at once with the log's tail if the process exits
     * first, and with the last answer and the log's tail after {@code timeout}.
     */
    public ManagedProcess awaitHttpOk(String url, Duration timeout) {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastAnswer = "no answer";
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + " before " + url
                        + " answered 200. " + tailForMessage());
            }
            try {
                HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return this;
                }
                lastAnswer = "HTTP " + response.statusCode();
            } catch (IOException e) {
                lastAnswer = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + name, e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + ": " + url + " did not answer 200 within " + timeout + " (last: "
                        + lastAnswer + "). " + tailForMessage());
            }
            sleep(200);
        }
    }

    /** Waits until something accepts TCP connections on localhost:port (servers that speak no HTTP, e.g. SMTP). */
    public ManagedProcess awaitPort(int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Ports.isOpen("localhost", port, 500)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + " before port "
                        + port + " opened. " + tailForMessage());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        name + ": port " + port + " not open within " + timeout + ". " + tailForMessage());
            }
            sleep(200);
        }
        return this;
    }

    /** Stops with SIGTERM and {@link #DEFAULT_STOP_GRACE} to exit cleanly; see {@link #stop(Duration)}. */
    public void stop() {
        stop(DEFAULT_STOP_GRACE);
    }

    /**
     * SIGTERM to the process and its descendants (a start script's JVM, too), then waits up to
     * {@code grace} for a clean exit; whatever still runs after that is killed.
     */
    public void stop(Duration grace) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        awaitGone(descendants);
    }

    /** SIGKILL, like a crashed node: no shutdown hooks, no graceful close. Returns once the process is gone. */
    public void kill() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        awaitGone(descendants);
    }

    /** The last {@code lines} lines of the log. */
    public String logTail(int lines) {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long length = file.length();
            long from = Math.max(0, length - 64 * 1024);
            byte[] bytes = new byte[(int) (length - from)];
            file.seek(from);
            file.readFully(bytes);
            List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log " + logFile + " unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ", log " + logFile + ")";
    }

    private void awaitGone(List<ProcessHandle> descendants) {
        try {
            process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            for (ProcessHandle descendant : descendants) {
                descendant.onExit().get(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Reported by isAlive(); nothing more to do here.
        }
        if (!process.isAlive()) {
            RUNNING.remove(this);
        }
    }

    private String tailForMessage() {
        return "Last lines of " + logFile + ":\n" + logTail(40);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static void stopAll() {
        List<ManagedProcess> running = new ArrayList<>(RUNNING);
        List<ProcessHandle> all = new ArrayList<>();
        for (ManagedProcess managed : running) {
            all.addAll(managed.process.descendants().toList());
            all.add(managed.process.toHandle());
        }
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + EXIT_WAIT.toNanos();
        for (ProcessHandle handle : all) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    handle.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (Exception e) {
                // Killed below.
            }
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** What to run and how. */
    public static final class Builder {

        private final String name;
        private final boolean javaProcess;
        private final List<String> command;
        private final List<String> jvmArgs = new ArrayList<>();
        private final Map<String, String> systemProperties = new LinkedHashMap<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final List<String> args = new ArrayList<>();
        private String java = ManagedProcess.javaExecutable();
        private List<String> launch;
        private Path workingDirectory;
        private Path logFile;

        private Builder(String name, boolean javaProcess, List<String> command) {
            if (!name.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("Process names are used for log files: " + name);
            }
            this.name = name;
            this.javaProcess = javaProcess;
            this.command = command;
        }

        /** Another Java runtime, e.g. Java 21+ for Keycloak. */
        public Builder javaExecutable(String java) {
            requireJava();
            this.java = java;
            return this;
        }

        /** {@code -jar <jar>}, e.g. {@code target/quarkus-app/quarkus-run.jar}. */
        public Builder jar(Path jar) {
            requireJava();
            launch = List.of("-jar", jar.toAbsolutePath().toString());
            return this;
        }

        /** {@code -cp <classpath> <mainClass>}. */
        public Builder mainClass(String classpath, String mainClass) {
            requireJava();
            launch = List.of("-cp", classpath, mainClass);
            return this;
        }

        /** A JVM option such as {@code -Xmx256m}. */
        public Builder jvmArg(String jvmArg) {
            requireJava();
            jvmArgs.add(jvmArg);
            return this;
        }

        /** {@code -Dname=value}, e.g. {@code quarkus.http.port}. */
        public Builder systemProperty(String name, String value) {
            requireJava();
            systemProperties.put(name, value);
            return this;
        }

        public Builder env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        /** Arguments after the main class, jar or command. */
        public Builder args(String... args) {
            this.args.addAll(List.of(args));
            return this;
        }

        public Builder workingDirectory(Path workingDirectory) {
            this.workingDirectory = workingDirectory;
            return this;
        }

        /** Where stdout and stderr go (truncated at start); default {@code target/processes/<name>.log}. */
        public Builder logFile(Path logFile) {
            this.logFile = logFile;
            return this;
        }

        public ManagedProcess start() {
            List<String> commandLine = new ArrayList<>();
            if (javaProcess) {
                if (launch == null) {
                    throw new IllegalStateException(name + ": call jar(..) or mainClass(..) first");
                }
                commandLine.add(java);
                commandLine.addAll(jvmArgs);
                systemProperties.forEach((key, value) -> commandLine.add("-D" + key + "=" + value));
                commandLine.addAll(launch);
            } else {
                commandLine.addAll(command);
            }
            commandLine.addAll(args);

            Path log = (logFile != null ? logFile : defaultLogDirectory().resolve(name + ".log")).toAbsolutePath();
            try {
                Files.createDirectories(log.getParent());
                ProcessBuilder builder = new ProcessBuilder(commandLine)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
                if (workingDirectory != null) {
                    builder.directory(workingDirectory.toFile());
                }
                builder.environment().putAll(environment);
                Process process = builder.start();
                // Nothing is ever typed into a supervised process.
                process.getOutputStream().close();
                ManagedProcess started = new ManagedProcess(name, process, log);
                RUNNING.add(started);
                return started;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start " + name + ": " + commandLine, e);
            }
        }

        private void requireJava() {
            if (!javaProcess) {
                throw new IllegalStateException(name + " is not a Java process");
            }
        }

        private static Path defaultLogDirectory() {
            Path target = Path.of("target");
            Path base = Files.isDirectory(target) ? target : Path.of(System.getProperty("java.io.tmpdir"));
            return base.resolve("processes");
        }
    }
}
