package de.jobcenter.postfach.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * The infrastructure of the local stack in one process, for {@code ./postfach up}: a KRaft broker, PostgreSQL
 * (the local server if one answers, else embedded), an OIDC provider, the E-AKTE simulator and a mail server
 * (GreenMail, SMTP and IMAP, with a page listing what arrived) and the VCC simulator, on fixed ports.
 * It writes what the services need to {@code <state>/infrastructure.env} (URLs, database logins, client
 * secrets), its processes' logs to {@code <state>/logs/}, and stops everything on SIGTERM or Ctrl-C.
 *
 * <p>The OIDC provider is Keycloak ({@link KeycloakServer}, realm {@code postfach} with demo users) unless the
 * environment says {@code POSTFACH_OIDC=light}: then a light issuer that only publishes keys stands in, and demo
 * tokens it signed are written to {@code <state>/tokens/} (no login page, so no configuration tool in the browser).
 * Keycloak needs {@code POSTFACH_KEYCLOAK_ZIP} (the distribution) and a Java 21+ runtime
 * ({@code POSTFACH_KEYCLOAK_JAVA_HOME}, else this JVM if it is new enough); {@code ./postfach up} finds both.
 */
public final class LocalInfrastructure {
    public static final int KAFKA_PORT = 9092;
    public static final int EMBEDDED_POSTGRES_PORT = 5433;
    public static final int OIDC_PORT = 8180;
    public static final int EAKTE_PORT = 8091;
    public static final int VCC_PORT = 8092;
    /** The service's own address: outlook-adapter sends from it and reads staff answers from its IMAP inbox. */
    public static final String REPLY_MAILBOX = "postfach@jobcenter-ge.de";
    /** The demo customer's inbox (IMAP login: the address, password {@value KeycloakServer#DEMO_PASSWORD}). */
    public static final String DEMO_CUSTOMER_MAILBOX = "customer@example.org";

    public static final int MAIL_VIEWER_PORT = 8093;
    /** Where the local servicecenter-adapter listens: the VCC simulator posts its signed staff replies there. */
    public static final String SERVICECENTER_ADAPTER_URL = "http://localhost:8086";
    /** Where the local eakte-adapter listens: the E-AKTE simulator posts staff answers there. */
    public static final String EAKTE_ADAPTER_URL = "http://localhost:8084";

    public static final int SMTP_PORT = 3025;
    public static final int IMAP_PORT = 3143;
    private static final Duration DEMO_TOKEN_LIFETIME = Duration.ofHours(12);
    private static final Duration KEYCLOAK_START_TIMEOUT = Duration.ofMinutes(10);

    private LocalInfrastructure() {}

    public static void main(String[] args) throws Exception {
        QuietLogging.standalone();
        Path state = Path.of(args.length > 0 ? args[0] : ".postfach").toAbsolutePath();
        Files.createDirectories(state.resolve("tokens"));
        Files.deleteIfExists(state.resolve("infrastructure.env"));
        List<AutoCloseable> started = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            for (int i = started.size() - 1; i >= 0; i--) {
                                try {
                                    started.get(i).close();
                                } catch (Exception e) {
                                    System.err.println("stopping: " + e);
                                }
                            }
                            stopped.countDown();
                        },
                        "local-infrastructure-stop"));

        boolean light = "light".equalsIgnoreCase(System.getenv().getOrDefault("POSTFACH_OIDC", "keycloak"));
        Map<String, String> clientSecrets = new LinkedHashMap<>();
        KeycloakServer keycloak = null;
        if (!light) {
            // First, as it takes longest to start (one to four minutes); the rest starts meanwhile.
            KeycloakServer.placeholders().forEach(name -> clientSecrets.put(name, randomSecret()));
            keycloak = KeycloakServer.start(
                    Path.of(requiredEnv("POSTFACH_KEYCLOAK_ZIP")),
                    state.resolve("keycloak-" + KeycloakServer.VERSION),
                    keycloakJavaHome(),
                    OIDC_PORT,
                    clientSecrets,
                    state.resolve("logs").resolve("keycloak.log"));
            started.add(keycloak);
            // Should this JVM be halted (no shutdown hooks, e.g. by Kafka's fatal-fault handler), ./postfach stops
            // Keycloak by this pid.
            write(state.resolve("keycloak.pid"), keycloak.process().pid() + "\n");
        }

        KafkaBroker kafka = KafkaBroker.start(KAFKA_PORT, state.resolve("kafka"));
        started.add(kafka);
        PostgresServer postgres = PostgresServer.start(state.resolve("pgdata"), EMBEDDED_POSTGRES_PORT);
        started.add(postgres);
        OidcTestServer oidc = null;
        if (light) {
            oidc = OidcTestServer.start(OIDC_PORT);
            started.add(oidc::stop);
        }
        EakteSimulator eakte = EakteSimulator.start(EAKTE_PORT);
        started.add(eakte);
        String vccSecret = randomSecret();
        VccSimulator vcc = VccSimulator.start(VCC_PORT);
        vcc.connectAdapter(SERVICECENTER_ADAPTER_URL, vccSecret);
        started.add(vcc::stop);
        GreenMail mail = new GreenMail(new ServerSetup[] {
            new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(IMAP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
        });
        mail.start();
        started.add(mail::stop);
        String imapPassword = randomSecret();
        mail.setUser(REPLY_MAILBOX, REPLY_MAILBOX, imapPassword);
        mail.setUser(DEMO_CUSTOMER_MAILBOX, DEMO_CUSTOMER_MAILBOX, KeycloakServer.DEMO_PASSWORD);
        MailViewer viewer = MailViewer.start(mail, MAIL_VIEWER_PORT);
        started.add(viewer);

        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        for (String service : List.of("mailbox", "config", "notification", "servicecenter", "outlook")) {
            PostgresServer.Database db = postgres.database("postfach_" + service);
            String prefix = "DB_" + service.toUpperCase();
            env.put(prefix + "_URL", db.jdbcUrl());
            env.put(prefix + "_USER", db.username());
            env.put(prefix + "_PASSWORD", db.password());
        }
        env.put("POSTGRES", postgres.isEmbedded() ? "embedded" : "local server");
        env.put("OIDC_MODE", light ? "light" : "keycloak");
        env.put("EAKTE_URL", eakte.baseUrl());
        env.put("SMTP_PORT", String.valueOf(SMTP_PORT));
        env.put("IMAP_PORT", String.valueOf(IMAP_PORT));
        env.put("MAIL_VIEWER_URL", viewer.url());
        env.put("OUTLOOK_IMAP_USER", REPLY_MAILBOX);
        env.put("OUTLOOK_IMAP_PASSWORD", imapPassword);
        env.put(
                "OUTLOOK_REPLY_TOKEN_KEY",
                java.util.Base64.getEncoder().encodeToString(HexFormat.of().parseHex(randomSecret())));
        env.put("VCC_URL", vcc.baseUrl());
        env.put("VCC_HMAC_SECRET", vccSecret);
        if (light) {
            env.put("OIDC_ISSUER", oidc.issuer());
            env.put("OIDC_TOKEN_URL", oidc.tokenEndpoint());
            env.put("CONFIG_WEB_SECRET", randomSecret());
            env.put("MAILBOX_API_CLIENT_SECRET", "local-only");
            writeTokens(state.resolve("tokens"), oidc);
        } else {
            try {
                keycloak.awaitReady(KEYCLOAK_START_TIMEOUT);
            } catch (RuntimeException e) {
                // The broker's threads would keep this JVM alive: exit, the shutdown hook stops what started.
                System.err.println("Keycloak did not start: " + e.getMessage());
                System.exit(1);
            }
            env.put("OIDC_ISSUER", keycloak.issuer());
            env.put("OIDC_TOKEN_URL", keycloak.tokenEndpoint());
            env.put("KEYCLOAK_URL", keycloak.baseUrl());
            clientSecrets.forEach(env::put);
            // config-service's web tenant is the client postfach-config-tool.
            env.put("CONFIG_WEB_SECRET", clientSecrets.get("POSTFACH_CONFIG_TOOL_CLIENT_SECRET"));
            deleteDemoTokens(state.resolve("tokens"));
        }
        // Staff answers from the E-AKTE simulator's page go to the local eakte-adapter, as the client "eakte".
        eakte.connectAdapter(
                EAKTE_ADAPTER_URL,
                light
                        ? lightEakteToken(oidc)
                        : keycloak.clientCredentials("eakte", clientSecrets.get("EAKTE_CLIENT_SECRET")));
        writeEnv(state.resolve("infrastructure.env"), env);
        System.out.println("Local infrastructure ready: Kafka " + kafka.bootstrapServers() + ", PostgreSQL ("
                + env.get("POSTGRES") + "), OIDC " + env.get("OIDC_ISSUER") + " (" + env.get("OIDC_MODE")
                + "), E-AKTE simulator " + eakte.baseUrl());
        stopped.await();
    }

    private static Supplier<String> lightEakteToken(OidcTestServer oidc) {
        return () -> Tokens.serviceClient("eakte")
                .roles("eakte-client")
                .expiresAt(Instant.now().plus(Duration.ofMinutes(5)))
                .signedBy(oidc)
                .sign();
    }

    private static void writeTokens(Path dir, OidcTestServer oidc) {
        Instant until = Instant.now().plus(DEMO_TOKEN_LIFETIME);
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put(
                "customer",
                Tokens.customer("demo-kundin")
                        .acr("pin-letter-confirmed")
                        .customerNumber("123D456789")
                        .email("kundin@example.org", true)
                        .currentOffice("JC-BERLIN-MITTE")
                        .expiresAt(until)
                        .signedBy(oidc)
                        .sign());
        tokens.put(
                "customer-basic",
                Tokens.customer("demo-kunde-basis")
                        .acr("basic")
                        .expiresAt(until)
                        .signedBy(oidc)
                        .sign());
        tokens.put(
                "eakte-client",
                Tokens.serviceClient("eakte")
                        .roles("eakte-client")
                        .expiresAt(until)
                        .signedBy(oidc)
                        .sign());
        tokens.put(
                "reviewer",
                Tokens.staff("demo-reviewer")
                        .roles("config-reviewer")
                        .offices("JC-BERLIN-MITTE", "JC-HAMBURG-NORD")
                        .expiresAt(until)
                        .signedBy(oidc)
                        .sign());
        tokens.put(
                "central-admin",
                Tokens.staff("demo-admin")
                        .roles("central-admin")
                        .expiresAt(until)
                        .signedBy(oidc)
                        .sign());
        tokens.put(
                "editor",
                Tokens.staff("demo-editor")
                        .roles("config-editor")
                        .offices("JC-BERLIN-MITTE", "JC-HAMBURG-NORD")
                        .expiresAt(until)
                        .signedBy(oidc)
                        .sign());
        tokens.forEach((name, token) -> write(dir.resolve(name), token + "\n"));
    }

    /** Tokens of an earlier light run would outlive their issuer's key: Keycloak issues fresh ones. */
    private static void deleteDemoTokens(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static Path keycloakJavaHome() {
        String configured = System.getenv("POSTFACH_KEYCLOAK_JAVA_HOME");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        if (Runtime.version().feature() >= 21) {
            return Path.of(System.getProperty("java.home"));
        }
        throw new IllegalStateException("Keycloak needs Java 21 or newer: set POSTFACH_KEYCLOAK_JAVA_HOME to one"
                + " (or POSTFACH_OIDC=light for the light issuer)");
    }

    private static String requiredEnv(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set (./postfach up sets it)");
        }
        return value;
    }

    private static void writeEnv(Path file, Map<String, String> env) {
        StringBuilder text = new StringBuilder();
        env.forEach(
                (k, v) -> text.append(k).append("='").append(v.replace("'", "")).append("'\n"));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        write(tmp, text.toString());
        try {
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
