package de.jobcenter.postfach.quality.harness;

import com.icegreen.greenmail.util.GreenMail;
import de.jobcenter.postfach.testing.EakteSimulator;
import de.jobcenter.postfach.testing.KafkaBroker;
import de.jobcenter.postfach.testing.ManagedProcess;
import de.jobcenter.postfach.testing.OidcTestServer;
import de.jobcenter.postfach.testing.Ports;
import de.jobcenter.postfach.testing.PostgresServer;
import de.jobcenter.postfach.testing.Tokens;
import de.jobcenter.postfach.testing.VccSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Postfachservice as it runs for real, for benchmarks and fault runs: the infrastructure in this JVM (a KRaft
 * broker that can be stopped and restarted on its port, PostgreSQL — the shared local server with fresh databases,
 * or an embedded one that can be restarted —, an OIDC issuer, the E-AKTE and VCC simulators, GreenMail for SMTP and
 * IMAP behind a {@link TcpProxy}) and any subset of the seven packaged services, each in its own process
 * ({@code java -jar <module>/target/quarkus-app/quarkus-run.jar}) on a free port, logging to
 * {@code <runDir>/logs/<module>-<n>.log}. Property set as {@code ./postfach up} and the end-to-end test use.
 *
 * <pre>{@code
 * try (PostfachSystem system = PostfachSystem.start(Set.of(Service.CONFIG, Service.MAILBOX_API, Service.ROUTING),
 *         Path.of("target/r1"))) {
 *     system.process(Service.ROUTING).kill();
 *     system.restart(Service.ROUTING);
 * }
 * }</pre>
 *
 * <p>Precondition: the services are packaged ({@code ./mvnw install -DskipTests}); a missing jar fails at start
 * with the command to run.
 */
public final class PostfachSystem implements AutoCloseable {
    /** The service's own mailbox: outlook-adapter sends from it and reads staff answers from its IMAP inbox. */
    public static final String REPLY_MAILBOX = "postfach@jobcenter-ge.de";

    private static final String PIN_LETTER = "pin-letter-confirmed";
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(4);

    private final Options options;
    private final Path root;
    private final Path logs;
    private final List<AutoCloseable> infrastructure = new ArrayList<>();
    private final Map<Service, Integer> ports = new EnumMap<>(Service.class);
    private final Map<Service, Database> databases = new EnumMap<>(Service.class);
    private final Map<Service, ManagedProcess> processes = new EnumMap<>(Service.class);
    private final Map<Service, Integer> starts = new EnumMap<>(Service.class);
    private final Map<Service, Duration> startupTimes = new EnumMap<>(Service.class);
    private final List<Runnable> databaseDrops = new ArrayList<>();
    private final String vccSecret = randomHex(32);
    private final String imapPassword = randomHex(16);
    private final String replyTokenKey = ServiceSettings.replyTokenKey();

    private KafkaBroker kafka;
    private RestartablePostgres restartablePostgres;
    private OidcTestServer oidc;
    private EakteSimulator eakte;
    private HoldingHttpProxy eakteProxy;
    private VccSimulator vcc;
    private GreenMail mail;
    private TcpProxy smtpProxy;

    private PostfachSystem(Options options) {
        this.options = options;
        this.root = options.repositoryRoot;
        this.logs = options.runDir.resolve("logs");
    }

    /** Starts infrastructure and these services with the default options. */
    public static PostfachSystem start(Set<Service> services, Path runDir) {
        return options(runDir).services(services).start();
    }

    /** Options for a run whose logs and data go to {@code runDir} (emptied first). */
    public static Options options(Path runDir) {
        return new Options(runDir);
    }

    /**
     * The modules whose packaged app is missing under {@code root}; empty when every service can start. A run
     * checks this first and names the command that packages them.
     */
    public static List<String> missingJars(Path root, Set<Service> services) {
        return services.stream()
                .filter(s -> !Files.isRegularFile(jar(root, s)))
                .map(s -> jar(root, s).toString())
                .toList();
    }

    /** The repository root: {@code -Dpostfach.repository.root}, else the parent of the working directory. */
    public static Path repositoryRoot() {
        String configured = System.getProperty("postfach.repository.root");
        Path path = configured != null
                ? Path.of(configured)
                : Path.of("").toAbsolutePath().getParent();
        return path.toAbsolutePath().normalize();
    }

    // ---------------------------------------------------------------- what a run uses

    /** {@code http://localhost:<port>} of a service. */
    public String url(Service service) {
        Integer port = ports.get(service);
        if (port == null) {
            throw new IllegalArgumentException(service + " is not part of this run");
        }
        return "http://localhost:" + port;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public EakteSimulator eakte() {
        return eakte;
    }

    /** The holding proxy in front of E-AKTE, or null when the run has none ({@link Options#eakteProxy()}). */
    public HoldingHttpProxy eakteProxy() {
        return eakteProxy;
    }

    public VccSimulator vcc() {
        return vcc;
    }

    /** GreenMail: the offices' mailboxes, the customers' inboxes and the service's reply mailbox. */
    public GreenMail mail() {
        return mail;
    }

    /** What outlook-adapter reaches as its SMTP server: take it down, bring it back, hold answers. */
    public TcpProxy smtpProxy() {
        return smtpProxy;
    }

    public OidcTestServer oidc() {
        return oidc;
    }

    /** The restartable PostgreSQL of a run with {@link Options#restartablePostgres()}, else null. */
    public RestartablePostgres restartablePostgres() {
        return restartablePostgres;
    }

    /** The database of a service (for checks). */
    public Database database(Service service) {
        return databases.get(service);
    }

    /**
     * A customer's access token for mailbox-api: {@code acr} pin-letter-confirmed, audience postfach-mailbox, a
     * customer number and a verified e-mail address ({@code <subject>@example.org}) derived from the subject.
     */
    public String customerToken(String subject) {
        return Tokens.customer(subject)
                .acr(PIN_LETTER)
                .customerNumber(customerNumber(subject))
                .email(subject + "@example.org", true)
                .expiresAt(Instant.now().plus(TOKEN_LIFETIME))
                .signedBy(oidc)
                .sign();
    }

    /** The BA customer number the token of {@code subject} carries: three digits, a letter, six digits. */
    public static String customerNumber(String subject) {
        int hash = subject.hashCode() & 0x7fffffff;
        return String.format("%03dD%06d", hash % 1000, (hash / 1000) % 1_000_000);
    }

    /** E-AKTE's client token (role eakte-client) for eakte-adapter's inbound API. */
    public String eakteClientToken() {
        return Tokens.serviceClient("eakte")
                .roles("eakte-client")
                .expiresAt(Instant.now().plus(TOKEN_LIFETIME))
                .signedBy(oidc)
                .sign();
    }

    /** A central administrator's token for config-service's API. */
    public String centralAdminToken() {
        return Tokens.staff("quality-admin")
                .roles("central-admin")
                .expiresAt(Instant.now().plus(TOKEN_LIFETIME))
                .signedBy(oidc)
                .sign();
    }

    public Set<Service> services() {
        return EnumSet.copyOf(ports.keySet());
    }

    public ManagedProcess process(Service service) {
        ManagedProcess process = processes.get(service);
        if (process == null) {
            throw new IllegalArgumentException(service + " has not been started in this run");
        }
        return process;
    }

    public long pid(Service service) {
        return process(service).pid();
    }

    /** From exec to {@code /q/health/ready} answering 200, for the last start of the service. */
    public Duration startupTime(Service service) {
        return startupTimes.get(service);
    }

    /** SIGKILL, like a crashed pod. */
    public void kill(Service service) {
        process(service).kill();
    }

    /** SIGTERM and wait for a clean exit. */
    public void stop(Service service) {
        process(service).stop();
    }

    /** Stops the service if it runs (SIGTERM) and starts it again with the same port and settings; waits for ready. */
    public void restart(Service service) {
        ManagedProcess process = processes.get(service);
        if (process != null && process.isAlive()) {
            process.stop();
        }
        firstAttempt.put(service, starts.getOrDefault(service, 0));
        launch(service).run();
    }

    /** Starts a service that was stopped or killed (same port and settings); waits for ready. */
    public void start(Service service) {
        ManagedProcess process = processes.get(service);
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(service + " runs already");
        }
        firstAttempt.put(service, starts.getOrDefault(service, 0));
        launch(service).run();
    }

    /** Changes (or with null removes) a system property for the next start of the service. */
    public void setProperty(Service service, String key, String value) {
        Map<String, String> properties = options.properties.computeIfAbsent(service, s -> new LinkedHashMap<>());
        if (value == null) {
            properties.remove(key);
        } else {
            properties.put(key, value);
        }
    }

    /** The Prometheus text of the service's {@code /q/metrics}. */
    public String metrics(Service service) {
        Http.Answer answer = new Http(Duration.ofSeconds(10)).get(url(service) + "/q/metrics", null);
        if (answer.status() != 200) {
            throw new IllegalStateException(service + " /q/metrics answered " + answer.status());
        }
        return answer.body();
    }

    /**
     * Runs the documented replay command (service-kit's {@code DeadLetterReplay}, from the packaged app of
     * {@code fromApp}) for one dead-letter topic as its own process; returns its output, or fails when it exits with
     * an error or runs longer than two minutes.
     */
    public String replayDeadLetters(Service fromApp, String deadLetterTopic) {
        Path app = root.resolve(fromApp.module()).resolve("target/quarkus-app");
        Path log = logs.resolve("replay-" + deadLetterTopic + "-" + System.currentTimeMillis() + ".log");
        try {
            Process process = new ProcessBuilder(
                            ManagedProcess.javaExecutable(),
                            "-cp",
                            app.resolve("lib/main") + "/*:" + app.resolve("app") + "/*",
                            "de.jobcenter.postfach.kit.deadletter.DeadLetterReplay",
                            "--bootstrap-servers",
                            kafka.bootstrapServers(),
                            "--topic",
                            deadLetterTopic)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("Replay of " + deadLetterTopic + " did not end within 2 minutes");
            }
            String output = Files.readString(log);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        "Replay of " + deadLetterTopic + " exited with " + process.exitValue() + ": " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** Every log file of this run's processes. */
    public List<Path> logFiles() {
        try (Stream<Path> files = Files.list(logs)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path runDir() {
        return options.runDir;
    }

    // ---------------------------------------------------------------- start and stop

    private void startAll() {
        List<String> missing = missingJars(root, options.services);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Packaged services missing: " + missing
                    + ". Package them first: ./mvnw install -DskipTests (in " + root + ")");
        }
        deleteRecursively(options.runDir);
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        startInfrastructure();
        for (Service service : options.services) {
            ports.put(service, Ports.free());
            if (service.needsDatabase()) {
                databases.put(service, createDatabase(service));
            }
        }
        if (options.services.contains(Service.SERVICECENTER_ADAPTER)) {
            vcc.connectAdapter(url(Service.SERVICECENTER_ADAPTER), vccSecret);
        }
        if (options.services.contains(Service.EAKTE_ADAPTER)) {
            eakte.connectAdapter(url(Service.EAKTE_ADAPTER), this::eakteClientToken);
        }
        // config-service first: its demo seed publishes the offices, and mailbox-api reads its snapshot at start.
        if (options.services.contains(Service.CONFIG) && !options.startLater.contains(Service.CONFIG)) {
            launch(Service.CONFIG).run();
        }
        List<Runnable> ready = new ArrayList<>();
        for (Service service : options.services) {
            if (service != Service.CONFIG && !options.startLater.contains(service)) {
                ready.add(launch(service));
            }
        }
        ready.forEach(Runnable::run);
    }

    private void startInfrastructure() {
        kafka = KafkaBroker.start(Ports.free(), options.runDir.resolve("kafka"));
        infrastructure.add(kafka);
        if (options.restartablePostgres) {
            restartablePostgres = RestartablePostgres.start(options.runDir.resolve("postgres"), Ports.free());
            infrastructure.add(restartablePostgres);
        }
        oidc = OidcTestServer.start(0);
        infrastructure.add(oidc::stop);
        eakte = EakteSimulator.start(0);
        infrastructure.add(eakte);
        if (options.eakteProxy) {
            eakteProxy = HoldingHttpProxy.start(eakte.baseUrl());
            infrastructure.add(eakteProxy);
        }
        vcc = VccSimulator.start(0);
        infrastructure.add(vcc::stop);
        mail = ServiceSettings.startMailServers(imapPassword);
        infrastructure.add(mail::stop);
        smtpProxy = TcpProxy.start(Ports.free(), "127.0.0.1", mail.getSmtp().getPort());
        infrastructure.add(smtpProxy);
    }

    private Database createDatabase(Service service) {
        String name = "quality_" + service.module().replace('-', '_');
        if (restartablePostgres != null) {
            return restartablePostgres.createDatabase(name);
        }
        PostgresServer.Database db = PostgresServer.shared().createDatabase(name);
        databaseDrops.add(db::drop);
        return new Database(db.name(), db.jdbcUrl(), db.username(), db.password());
    }

    /** Starts the process and returns what waits until it is ready. */
    private Runnable launch(Service service) {
        int n = starts.merge(service, 1, Integer::sum);
        int port = ports.get(service);
        ManagedProcess.Builder builder = ManagedProcess.java(service.module())
                .jar(jar(root, service))
                .jvmArg("-Xmx" + options.heap)
                .systemProperty("quarkus.http.port", String.valueOf(port))
                .systemProperty("kafka.bootstrap.servers", kafka.bootstrapServers())
                .workingDirectory(root.resolve(service.module()).resolve("target"))
                .logFile(logs.resolve(service.module() + "-" + n + ".log"));
        options.jvmArgs.getOrDefault(service, List.of()).forEach(builder::jvmArg);
        serviceSettings(service, builder);
        options.properties.getOrDefault(service, Map.of()).forEach(builder::systemProperty);
        long began = System.nanoTime();
        ManagedProcess process = builder.start();
        processes.put(service, process);
        return () -> {
            try {
                startupTimes.put(service, awaitReady(service, process, began));
            } catch (IllegalStateException e) {
                // On a machine loaded by other builds a start can fail on a timeout of its own (e.g. the datasource's
                // connection acquisition during Flyway). A process that exited gets up to two more attempts.
                if (process.isAlive() || starts.get(service) >= 3 + restartsBefore(service)) {
                    throw e;
                }
                System.out.println(service.module() + " exited during start (attempt " + starts.get(service)
                        + "), starting it again; log: " + process.logFile());
                launch(service).run();
            }
        };
    }

    /**
     * Polls {@code /q/health/ready} every 20 ms until it answers 200 and returns the time since exec; after the start
     * timeout (or when the process exits) fails with the log's tail.
     */
    private Duration awaitReady(Service service, ManagedProcess process, long began) {
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(500))
                .build();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(url(service) + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        long deadline = began + options.startTimeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (client.send(request, java.net.http.HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return Duration.ofNanos(System.nanoTime() - began);
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + service, e);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + service, e);
            }
        }
        // Not ready: let ManagedProcess report it with the log's tail.
        process.awaitHttpOk(url(service) + "/q/health/ready", Duration.ofMillis(1));
        return Duration.ofNanos(System.nanoTime() - began);
    }

    private final Map<Service, Integer> firstAttempt = new EnumMap<>(Service.class);

    /** Starts of the service before the current start's first attempt. */
    private int restartsBefore(Service service) {
        return firstAttempt.getOrDefault(service, 0);
    }

    private void serviceSettings(Service service, ManagedProcess.Builder builder) {
        Database db = databases.get(service);
        if (db != null) {
            ServiceSettings.database(builder, db);
        }
        switch (service) {
            case CONFIG ->
                builder.systemProperty("quarkus.oidc.auth-server-url", oidc.issuer())
                        .systemProperty("quarkus.oidc.token.issuer", oidc.issuer())
                        .systemProperty("postfach.config.demo-seed", "true")
                        // the web UI's client secret (it also keys the session cookie): from the environment only
                        .env("QUARKUS_OIDC_CREDENTIALS_SECRET", "quality-only-" + randomHex(16));
            case MAILBOX_API ->
                builder.systemProperty("quarkus.oidc.auth-server-url", oidc.issuer())
                        .systemProperty("quarkus.oidc.token.issuer", oidc.issuer())
                        .systemProperty("quarkus.oidc.token.audience", Tokens.CUSTOMER_AUDIENCE)
                        .systemProperty(
                                "postfach.office-config.snapshot.url",
                                url(Service.CONFIG) + "/internal/v1/active-configuration")
                        .systemProperty("postfach.office-config.snapshot.token-url", oidc.tokenEndpoint())
                        .systemProperty("postfach.office-config.snapshot.client-id", "mailbox-api")
                        .env("POSTFACH_OFFICE_CONFIG_SNAPSHOT_CLIENT_SECRET", "quality-only");
            case ROUTING -> builder.systemProperty("postfach.routing.instance-id", "routing-quality-0");
            case EAKTE_ADAPTER ->
                builder.systemProperty(
                                "quarkus.rest-client.eakte.url",
                                eakteProxy != null ? eakteProxy.baseUrl() : eakte.baseUrl())
                        .systemProperty("quarkus.oidc.auth-server-url", oidc.issuer())
                        .systemProperty("quarkus.oidc.token.issuer", oidc.issuer())
                        .systemProperty("quarkus.oidc.token.audience", Tokens.SERVICE_AUDIENCE);
            case OUTLOOK_ADAPTER ->
                ServiceSettings.outlookAdapter(
                        builder, smtpProxy.port(), mail.getImap().getPort(), imapPassword, replyTokenKey);
            case SERVICECENTER_ADAPTER -> ServiceSettings.servicecenterAdapter(builder, vcc.baseUrl(), vccSecret);
            case NOTIFICATION ->
                ServiceSettings.notificationService(builder, mail.getSmtp().getPort());
        }
    }

    private static Path jar(Path root, Service service) {
        return root.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** Stops every service (reverse start order), then the infrastructure; drops the databases on the shared server. */
    @Override
    public void close() {
        List<Service> started = new ArrayList<>(processes.keySet());
        for (int i = started.size() - 1; i >= 0; i--) {
            ManagedProcess process = processes.get(started.get(i));
            if (process.isAlive()) {
                process.stop(Duration.ofSeconds(10));
            }
        }
        for (int i = infrastructure.size() - 1; i >= 0; i--) {
            try {
                infrastructure.get(i).close();
            } catch (Exception e) {
                System.err.println("stopping infrastructure: " + e);
            }
        }
        for (Runnable drop : databaseDrops) {
            try {
                drop.run();
            } catch (RuntimeException e) {
                System.err.println("dropping a database: " + e);
            }
        }
        // Keep the logs; the broker's and database's data are large and of no use after the run.
        deleteRecursively(options.runDir.resolve("kafka"));
        deleteRecursively(options.runDir.resolve("postgres").resolve("data"));
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }

    private static String randomHex(int bytes) {
        return ServiceSettings.randomHex(bytes);
    }

    /** What to start and how. */
    public static final class Options {
        private final Path runDir;
        private final Map<Service, Map<String, String>> properties = new EnumMap<>(Service.class);
        private final Map<Service, List<String>> jvmArgs = new EnumMap<>(Service.class);
        private final Set<Service> startLater = EnumSet.noneOf(Service.class);
        private Set<Service> services = EnumSet.noneOf(Service.class);
        private Path repositoryRoot = PostfachSystem.repositoryRoot();
        private boolean restartablePostgres;
        private boolean eakteProxy;
        private String heap = "256m";
        private Duration startTimeout = Duration.ofSeconds(300);

        private Options(Path runDir) {
            this.runDir = runDir.toAbsolutePath();
        }

        public Options services(Set<Service> services) {
            this.services = services.isEmpty() ? EnumSet.noneOf(Service.class) : EnumSet.copyOf(services);
            return this;
        }

        public Options services(Service... services) {
            return services(Set.of(services));
        }

        /** Every service's databases on an embedded PostgreSQL of this run that {@link RestartablePostgres} can restart. */
        public Options restartablePostgres() {
            this.restartablePostgres = true;
            return this;
        }

        /** eakte-adapter reaches E-AKTE through a {@link HoldingHttpProxy}. */
        public Options eakteProxy() {
            this.eakteProxy = true;
            return this;
        }

        /** A system property for a service ({@code -Dkey=value}), after the harness's own settings. */
        public Options property(Service service, String key, String value) {
            properties.computeIfAbsent(service, s -> new LinkedHashMap<>()).put(key, value);
            return this;
        }

        /** A JVM flag for a service's process (GC, JFR …), after {@code -Xmx}. */
        public Options jvmArg(Service service, String flag) {
            jvmArgs.computeIfAbsent(service, s -> new ArrayList<>()).add(flag);
            return this;
        }

        /**
         * These services get their port, database and settings but are not started with the others: start them with
         * {@link PostfachSystem#start(Service)} when the run needs them (e.g. on a backlog that exists already).
         */
        public Options startLater(Service... services) {
            startLater.addAll(List.of(services));
            return this;
        }

        /** Maximum heap of each service process ({@code -Xmx}); default 256m. */
        public Options heap(String heap) {
            this.heap = heap;
            return this;
        }

        public Options startTimeout(Duration startTimeout) {
            this.startTimeout = startTimeout;
            return this;
        }

        public Options repositoryRoot(Path root) {
            this.repositoryRoot = root.toAbsolutePath().normalize();
            return this;
        }

        /** Starts the run; on a failed start everything started so far is stopped again. */
        public PostfachSystem start() {
            PostfachSystem system = new PostfachSystem(this);
            try {
                system.startAll();
                return system;
            } catch (RuntimeException | Error e) {
                system.close();
                throw e;
            }
        }
    }
}
