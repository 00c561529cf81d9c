package de.jobcenter.postfach.e2e;

import de.jobcenter.postfach.testing.EakteSimulator;
import de.jobcenter.postfach.testing.KafkaBroker;
import de.jobcenter.postfach.testing.ManagedProcess;
import de.jobcenter.postfach.testing.OidcTestServer;
import de.jobcenter.postfach.testing.Ports;
import de.jobcenter.postfach.testing.PostgresServer;
import de.jobcenter.postfach.testing.Tokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The system as it runs for real: a KRaft broker, PostgreSQL, an OIDC issuer and the E-AKTE simulator, and each
 * packaged service (the jar {@code ./mvnw package} builds) in a process of its own.
 */
final class RunningSystem implements AutoCloseable {
    static final String OFFICE = "JC-BERLIN-MITTE";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    final KafkaBroker kafka = KafkaBroker.shared();
    final OidcTestServer oidc = OidcTestServer.shared();
    final EakteSimulator eakte = EakteSimulator.start(0);
    private final PostgresServer.Database mailboxDb = PostgresServer.shared().createDatabase("e2e_mailbox");
    private final PostgresServer.Database configDb = PostgresServer.shared().createDatabase("e2e_config");
    private final List<ManagedProcess> processes = new ArrayList<>();
    private final Path root = Path.of(System.getProperty("postfach.repository.root", ".."));
    private final Path logs = root.resolve("end-to-end-tests/target/e2e-logs");

    String mailboxApi;
    String eakteAdapter;

    static RunningSystem start() throws Exception {
        RunningSystem system = new RunningSystem();
        try {
            system.startServices();
            return system;
        } catch (Exception | Error e) {
            system.close();
            throw e;
        }
    }

    private void startServices() throws Exception {
        Files.createDirectories(logs);
        int configPort = Ports.free();
        int mailboxPort = Ports.free();
        int routingPort = Ports.free();
        int eaktePort = Ports.free();
        mailboxApi = "http://localhost:" + mailboxPort;
        eakteAdapter = "http://localhost:" + eaktePort;

        // config-service first: its demo seed publishes the offices, and the others read its snapshot.
        ManagedProcess config = service("config-service", configPort)
                .systemProperty("quarkus.datasource.jdbc.url", configDb.jdbcUrl())
                .systemProperty("quarkus.datasource.username", configDb.username())
                .systemProperty("quarkus.datasource.password", configDb.password())
                .systemProperty("quarkus.oidc.auth-server-url", oidc.issuer())
                .systemProperty("quarkus.oidc.token.issuer", oidc.issuer())
                .systemProperty("postfach.config.demo-seed", "true")
                // the web UI's client secret (it also keys the session cookie): from the environment only
                .env("QUARKUS_OIDC_CREDENTIALS_SECRET", "e2e-only-" + java.util.UUID.randomUUID())
                .start();
        processes.add(config);
        config.awaitHttpOk("http://localhost:" + configPort + "/q/health/ready", START_TIMEOUT);
        String snapshot = "http://localhost:" + configPort + "/internal/v1/active-configuration";

        ManagedProcess mailbox = service("mailbox-api", mailboxPort)
                .systemProperty("quarkus.datasource.jdbc.url", mailboxDb.jdbcUrl())
                .systemProperty("quarkus.datasource.username", mailboxDb.username())
                .systemProperty("quarkus.datasource.password", mailboxDb.password())
                .systemProperty("quarkus.oidc.auth-server-url", oidc.issuer())
                .systemProperty("quarkus.oidc.token.issuer", oidc.issuer())
                .systemProperty("quarkus.oidc.token.audience", Tokens.CUSTOMER_AUDIENCE)
                .systemProperty("postfach.office-config.snapshot.url", snapshot)
                .systemProperty("postfach.office-config.snapshot.token-url", oidc.tokenEndpoint())
                .systemProperty("postfach.office-config.snapshot.client-id", "mailbox-api")
                .env("POSTFACH_OFFICE_CONFIG_SNAPSHOT_CLIENT_SECRET", "e2e-only")
                .start();
        processes.add(mailbox);
        ManagedProcess routing = service("routing-service", routingPort)
                .systemProperty("postfach.routing.instance-id", "routing-e2e-0")
                .start();
        processes.add(routing);
        ManagedProcess adapter = service("eakte-adapter", eaktePort)
                .systemProperty("quarkus.rest-client.eakte.url", eakte.baseUrl())
                .systemProperty("quarkus.oidc.auth-server-url", oidc.issuer())
                .systemProperty("quarkus.oidc.token.issuer", oidc.issuer())
                .systemProperty("quarkus.oidc.token.audience", Tokens.SERVICE_AUDIENCE)
                .start();
        processes.add(adapter);

        mailbox.awaitHttpOk(mailboxApi + "/q/health/ready", START_TIMEOUT);
        routing.awaitHttpOk("http://localhost:" + routingPort + "/q/health/ready", START_TIMEOUT);
        adapter.awaitHttpOk(eakteAdapter + "/q/health/ready", START_TIMEOUT);
    }

    private ManagedProcess.Builder service(String name, int port) {
        Path jar = root.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw package)");
        }
        return ManagedProcess.java(name)
                .jar(jar)
                .jvmArg("-Xmx256m")
                .systemProperty("quarkus.http.port", String.valueOf(port))
                .systemProperty("kafka.bootstrap.servers", kafka.bootstrapServers())
                .workingDirectory(root.resolve(name).resolve("target"))
                .logFile(logs.resolve(name + ".log"));
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).stop();
        }
        eakte.stop();
        mailboxDb.drop();
        configDb.drop();
    }
}
