package de.jobcenter.postfach.quality.bench;

import com.icegreen.greenmail.util.GreenMail;
import de.jobcenter.postfach.quality.harness.Database;
import de.jobcenter.postfach.quality.harness.ServiceSettings;
import de.jobcenter.postfach.testing.EakteSimulator;
import de.jobcenter.postfach.testing.KafkaBroker;
import de.jobcenter.postfach.testing.ManagedProcess;
import de.jobcenter.postfach.testing.OidcTestServer;
import de.jobcenter.postfach.testing.Ports;
import de.jobcenter.postfach.testing.PostgresServer;
import de.jobcenter.postfach.testing.Tokens;
import de.jobcenter.postfach.testing.VccSimulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The system under measurement: infrastructure in this JVM (the KRaft broker, PostgreSQL databases, the OIDC test
 * issuer, the E-AKTE and VCC simulators, GreenMail for SMTP and IMAP) and each packaged service in a process of its
 * own, started with the property set of the {@code postfach} script and {@code RunningSystem}, plus the JVM flags the
 * benchmark documents. outlook-adapter, servicecenter-adapter and notification-service get their settings from the
 * fault harness's {@link ServiceSettings}, so both start them alike.
 *
 * <p>Why not the fault harness's {@code PostfachSystem}: the benchmark needs to start services one at a time in a
 * fixed order (P1 measures routing-service on a backlog that exists before it starts), time each start from exec to
 * ready with 20 ms resolution (P6), stop and start single services between phases, and pass its own JVM flags (heap,
 * GC, JFR). When the harness offers {@code start(Service)}, {@code stop(Service)}, per-service JVM flags and the
 * exec-to-ready time, this class can delegate to it.
 */
final class BenchSystem implements AutoCloseable {

    enum Svc {
        CONFIG("config-service", true),
        MAILBOX("mailbox-api", true),
        ROUTING("routing-service", false),
        EAKTE("eakte-adapter", false),
        OUTLOOK("outlook-adapter", true),
        SERVICECENTER("servicecenter-adapter", true),
        NOTIFICATION("notification-service", true);

        final String module;
        final boolean needsDatabase;

        Svc(String module, boolean needsDatabase) {
            this.module = module;
            this.needsDatabase = needsDatabase;
        }
    }

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(4);

    final KafkaBroker kafka;
    final OidcTestServer oidc;
    final EakteSimulator eakte;
    final VccSimulator vcc;
    /** The offices' mailboxes (outlook-adapter), the customers' inboxes (info e-mails), the service's reply mailbox. */
    final GreenMail mail;

    private final Map<Svc, PostgresServer.Database> databases = new EnumMap<>(Svc.class);
    private final String vccSecret = ServiceSettings.randomHex(32);
    private final String imapPassword = ServiceSettings.randomHex(16);
    private final String replyTokenKey = ServiceSettings.replyTokenKey();
    private final String eakteClientToken;
    private final Path root;
    private final Path logs;
    private final List<String> jvmFlags;
    private final boolean jfr;
    private final Map<String, String> environment;
    private final Map<Svc, Integer> ports = new EnumMap<>(Svc.class);
    private final Map<Svc, ManagedProcess> processes = new EnumMap<>(Svc.class);
    private final Map<String, Duration> startups = new LinkedHashMap<>();
    private final List<Path> recordings = new ArrayList<>();
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private int starts;

    BenchSystem(Path root, Path logs, List<String> jvmFlags, Map<String, String> environment, boolean jfr) {
        this.root = root;
        this.environment = environment;
        this.logs = logs;
        this.jvmFlags = jvmFlags;
        this.jfr = jfr;
        this.kafka = KafkaBroker.shared();
        this.oidc = OidcTestServer.shared();
        this.eakte = EakteSimulator.start(0);
        this.vcc = VccSimulator.start(0);
        this.mail = ServiceSettings.startMailServers(imapPassword);
        for (Svc svc : Svc.values()) {
            ports.put(svc, Ports.free());
            if (svc.needsDatabase) {
                databases.put(svc, PostgresServer.shared().createDatabase("bench_" + svc.module.replaceAll("-.*", "")));
            }
        }
        // E-AKTE posts staff messages to eakte-adapter with a client token; the VCC signs its calls with the secret
        eakteClientToken = Tokens.serviceClient("eakte")
                .roles("eakte-client")
                .expiresAt(Instant.now().plus(TOKEN_LIFETIME))
                .sign();
        eakte.connectAdapter(url(Svc.EAKTE), () -> eakteClientToken);
        vcc.connectAdapter(url(Svc.SERVICECENTER), vccSecret);
    }

    /** The packaged jars that are missing, e.g. because {@code ./mvnw install -DskipTests} did not run. */
    static List<Path> missingJars(Path root) {
        List<Path> missing = new ArrayList<>();
        for (Svc svc : Svc.values()) {
            Path jar = jar(root, svc);
            if (!Files.isRegularFile(jar)) {
                missing.add(jar);
            }
        }
        return missing;
    }

    private static Path jar(Path root, Svc svc) {
        return root.resolve(svc.module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    String url(Svc svc) {
        return "http://localhost:" + ports.get(svc);
    }

    long pid(Svc svc) {
        ManagedProcess process = processes.get(svc);
        return process == null || !process.isAlive() ? -1 : process.pid();
    }

    Map<Svc, Long> pids() {
        Map<Svc, Long> pids = new EnumMap<>(Svc.class);
        processes.forEach((svc, p) -> {
            if (p.isAlive()) {
                pids.put(svc, p.pid());
            }
        });
        return pids;
    }

    /** Exec → {@code /q/health/ready} 200 of every start, keyed {@code <module>#<n>}. */
    Map<String, Duration> startups() {
        return startups;
    }

    List<Path> recordings() {
        return recordings;
    }

    Path logFile(Svc svc) {
        return logs.resolve(svc.module + ".log");
    }

    /** Starts the service and waits until it is ready; returns exec → ready. */
    Duration start(Svc svc) {
        if (processes.containsKey(svc) && processes.get(svc).isAlive()) {
            throw new IllegalStateException(svc.module + " runs already");
        }
        int n = ++starts;
        ManagedProcess.Builder builder = ManagedProcess.java(svc.module)
                .jar(jar(root, svc))
                .workingDirectory(root.resolve(svc.module).resolve("target"))
                .logFile(logs.resolve(svc.module + (n > 1 && processes.containsKey(svc) ? "-" + n : "") + ".log"))
                .systemProperty("quarkus.http.port", String.valueOf(ports.get(svc)))
                .systemProperty("kafka.bootstrap.servers", kafka.bootstrapServers());
        jvmFlags.forEach(builder::jvmArg);
        environment.forEach(builder::env);
        if (jfr) {
            Path recording = logs.resolve(svc.module + "-" + n + ".jfr").toAbsolutePath();
            recordings.add(recording);
            builder.jvmArg("-XX:StartFlightRecording=filename=" + recording + ",settings=profile,dumponexit=true");
        }
        PostgresServer.Database db = databases.get(svc);
        if (db != null) {
            ServiceSettings.database(builder, new Database(db.name(), db.jdbcUrl(), db.username(), db.password()));
        }
        switch (svc) {
            case CONFIG ->
                builder.systemProperty("quarkus.oidc.auth-server-url", oidc.issuer())
                        .systemProperty("quarkus.oidc.token.issuer", oidc.issuer())
                        .systemProperty("postfach.config.demo-seed", "true")
                        .env("QUARKUS_OIDC_CREDENTIALS_SECRET", "bench-only-" + UUID.randomUUID());
            case MAILBOX ->
                builder.systemProperty("quarkus.oidc.auth-server-url", oidc.issuer())
                        .systemProperty("quarkus.oidc.token.issuer", oidc.issuer())
                        .systemProperty("quarkus.oidc.token.audience", Tokens.CUSTOMER_AUDIENCE)
                        .systemProperty(
                                "postfach.office-config.snapshot.url",
                                url(Svc.CONFIG) + "/internal/v1/active-configuration")
                        .systemProperty("postfach.office-config.snapshot.token-url", oidc.tokenEndpoint())
                        .systemProperty("postfach.office-config.snapshot.client-id", "mailbox-api")
                        .env("POSTFACH_OFFICE_CONFIG_SNAPSHOT_CLIENT_SECRET", "bench-only");
            case ROUTING -> builder.systemProperty("postfach.routing.instance-id", "routing-bench-" + runId);
            case EAKTE ->
                builder.systemProperty("quarkus.rest-client.eakte.url", eakte.baseUrl())
                        .systemProperty("quarkus.oidc.auth-server-url", oidc.issuer())
                        .systemProperty("quarkus.oidc.token.issuer", oidc.issuer())
                        .systemProperty("quarkus.oidc.token.audience", Tokens.SERVICE_AUDIENCE);
            case OUTLOOK ->
                ServiceSettings.outlookAdapter(
                        builder, mail.getSmtp().getPort(), mail.getImap().getPort(), imapPassword, replyTokenKey);
            case SERVICECENTER -> ServiceSettings.servicecenterAdapter(builder, vcc.baseUrl(), vccSecret);
            case NOTIFICATION ->
                ServiceSettings.notificationService(builder, mail.getSmtp().getPort());
        }
        long started = System.nanoTime();
        ManagedProcess process = builder.start();
        processes.put(svc, process);
        awaitReady(process, url(svc) + "/q/health/ready");
        Duration startup = Duration.ofNanos(System.nanoTime() - started);
        startups.put(
                svc.module + "#"
                        + startups.keySet().stream()
                                .filter(k -> k.startsWith(svc.module + "#"))
                                .count(),
                startup);
        return startup;
    }

    /**
     * {@code jcmd <pid> VM.native_memory summary} of a running service (needs
     * {@code -XX:NativeMemoryTracking=summary} among the JVM flags), or why there is none.
     */
    String nativeMemory(Svc svc) {
        long pid = pid(svc);
        if (pid < 0) {
            return "not running";
        }
        try {
            Process jcmd = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "jcmd")
                                    .toString(),
                            String.valueOf(pid),
                            "VM.native_memory",
                            "summary")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            jcmd.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "jcmd failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** SIGTERM and wait (graceful, as a rolling update would). */
    void stop(Svc svc) {
        ManagedProcess process = processes.get(svc);
        if (process != null) {
            process.stop();
        }
    }

    /** Polls readiness every 20 ms: the exec → ready figure of P6 should not carry a coarse poll interval. */
    private static void awaitReady(ManagedProcess process, String url) {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(process.name() + " exited before it was ready; log " + process.logFile()
                        + ":\n" + process.logTail(30));
            }
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(process.name() + " not ready within " + START_TIMEOUT + "; log "
                        + process.logFile() + ":\n" + process.logTail(30));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    @Override
    public void close() {
        List<Svc> order = new ArrayList<>(processes.keySet());
        for (int i = order.size() - 1; i >= 0; i--) {
            try {
                processes.get(order.get(i)).stop();
            } catch (RuntimeException e) {
                System.err.println("bench: could not stop " + order.get(i).module + ": " + e);
            }
        }
        eakte.stop();
        vcc.stop();
        mail.stop();
        databases.values().forEach(PostgresServer.Database::drop);
    }
}
