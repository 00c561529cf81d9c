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

/**
 * The infrastructure of the local stack in one process, for {@code ./postfach up}: a KRaft broker, PostgreSQL
 * (the local server if one answers, else embedded), an OIDC issuer, the E-AKTE simulator and a mail server
 * (GreenMail, SMTP and IMAP, with a page listing what arrived) and the VCC simulator, on fixed ports.
 * It writes what the services need to {@code <state>/infrastructure.env} and demo tokens to
 * {@code <state>/tokens/}, and stops everything on SIGTERM or Ctrl-C.
 *
 * <p>The OIDC issuer here only publishes keys; the tokens it signs are for the local stack and its demo users.
 */
public final class LocalInfrastructure {
    public static final int KAFKA_PORT = 9092;
    public static final int EMBEDDED_POSTGRES_PORT = 5433;
    public static final int OIDC_PORT = 8180;
    public static final int EAKTE_PORT = 8091;
    public static final int VCC_PORT = 8092;
    /** The service's own address: outlook-adapter sends from it and reads staff answers from its IMAP inbox. */
    public static final String REPLY_MAILBOX = "postfach@jobcenter-ge.de";

    public static final int MAIL_VIEWER_PORT = 8093;
    /** Where the local servicecenter-adapter listens: the VCC simulator posts its signed staff replies there. */
    public static final String SERVICECENTER_ADAPTER_URL = "http://localhost:8086";

    public static final int SMTP_PORT = 3025;
    public static final int IMAP_PORT = 3143;
    private static final Duration DEMO_TOKEN_LIFETIME = Duration.ofHours(12);

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

        KafkaBroker kafka = KafkaBroker.start(KAFKA_PORT, state.resolve("kafka"));
        started.add(kafka);
        PostgresServer postgres = PostgresServer.start(state.resolve("pgdata"), EMBEDDED_POSTGRES_PORT);
        started.add(postgres);
        OidcTestServer oidc = OidcTestServer.start(OIDC_PORT);
        started.add(oidc::stop);
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
        env.put("OIDC_ISSUER", oidc.issuer());
        env.put("EAKTE_URL", eakte.baseUrl());
        env.put("SMTP_PORT", String.valueOf(SMTP_PORT));
        env.put("IMAP_PORT", String.valueOf(IMAP_PORT));
        env.put("MAIL_VIEWER_URL", viewer.url());
        env.put("OUTLOOK_IMAP_USER", REPLY_MAILBOX);
        env.put("OUTLOOK_IMAP_PASSWORD", imapPassword);
        env.put(
                "OUTLOOK_REPLY_TOKEN_KEY",
                java.util.Base64.getEncoder().encodeToString(HexFormat.of().parseHex(randomSecret())));
        env.put("OIDC_TOKEN_URL", oidc.tokenEndpoint());
        env.put("CONFIG_WEB_SECRET", randomSecret());
        env.put("VCC_URL", vcc.baseUrl());
        env.put("VCC_HMAC_SECRET", vccSecret);
        writeTokens(state.resolve("tokens"), oidc);
        writeEnv(state.resolve("infrastructure.env"), env);
        System.out.println("Local infrastructure ready: Kafka " + kafka.bootstrapServers() + ", PostgreSQL ("
                + env.get("POSTGRES") + "), OIDC " + oidc.issuer() + ", E-AKTE simulator " + eakte.baseUrl());
        stopped.await();
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
