package de.jobcenter.postfach.servicecenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.jobcenter.postfach.contracts.CloudEventHeaders;
import de.jobcenter.postfach.contracts.CustomerMessageSubmitted;
import de.jobcenter.postfach.contracts.DeliveryStatus;
import de.jobcenter.postfach.contracts.DeliveryStatusChanged;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.MessageRouted;
import de.jobcenter.postfach.contracts.OfficeConfigurationActivated.ServiceCenterContract;
import de.jobcenter.postfach.contracts.RouteRef;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.testing.KafkaBroker;
import de.jobcenter.postfach.testing.ManagedProcess;
import de.jobcenter.postfach.testing.Ports;
import de.jobcenter.postfach.testing.PostgresServer;
import de.jobcenter.postfach.testing.TopicProbe;
import de.jobcenter.postfach.testing.VccSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged adapter ({@code target/quarkus-app}) in a process of its own against the real broker, PostgreSQL and
 * the VCC simulator: killed with SIGKILL after the VCC opened the ticket but before the offset commit, it leaves
 * exactly one ticket; a signature accepted by one process is refused by the next (the claim is in the database, not
 * in memory); and a FAILED message in the dead-letter topic is delivered by the documented replay command.
 */
class VccAdapterCrashIT {
    private static final Path APP = Path.of("target/quarkus-app");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final String SECRET = "it-only-shared-secret";
    private static final String OFFICE = "JC-KOELN";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static KafkaBroker kafka;
    private static PostgresServer.Database database;
    private static VccSimulator vcc;
    private static ManagedProcess adapter;
    private static int starts;

    @BeforeAll
    static void startInfrastructure() {
        kafka = KafkaBroker.shared();
        database = PostgresServer.shared().createDatabase("it_servicecenter");
        vcc = VccSimulator.start(0);
        OfficeConfigResource.publish(
                kafka.bootstrapServers(),
                OfficeConfigResource.office(OFFICE, new ServiceCenterContract("BA-SC", LocalDate.of(2024, 1, 1))));
    }

    @AfterAll
    static void stopEverything() {
        if (adapter != null) {
            adapter.stop();
        }
        vcc.stop();
        database.drop();
    }

    @BeforeEach
    void adapterRuns() {
        vcc.setAvailable(true);
        vcc.failNext(0, 503);
        vcc.delayAnswersAfterStoring(Duration.ZERO);
        if (adapter == null || !adapter.isAlive()) {
            startAdapter();
        }
    }

    private static void startAdapter() {
        if (!Files.isRegularFile(APP.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(APP + " is missing: this test runs after `package`");
        }
        int port = Ports.free();
        adapter = ManagedProcess.java("servicecenter-adapter-it-" + ++starts)
                .jar(APP.resolve("quarkus-run.jar"))
                .jvmArg("-Xmx256m")
                .env("POSTFACH_VCC_HMAC_SECRET", SECRET)
                .systemProperty("quarkus.http.port", String.valueOf(port))
                .systemProperty("kafka.bootstrap.servers", kafka.bootstrapServers())
                .systemProperty("quarkus.datasource.jdbc.url", database.jdbcUrl())
                .systemProperty("quarkus.datasource.username", database.username())
                .systemProperty("quarkus.datasource.password", database.password())
                .systemProperty("quarkus.rest-client.vcc.url", vcc.baseUrl())
                .systemProperty("postfach.vcc.delivery.initial-backoff", "100ms")
                .systemProperty("postfach.vcc.delivery.max-backoff", "400ms")
                // the killed instance's partitions are handed to the new one once its session has expired
                .systemProperty("kafka.session.timeout.ms", "6000")
                .systemProperty("kafka.heartbeat.interval.ms", "1000")
                .start();
        String base = "http://localhost:" + port;
        adapter.awaitHttpOk(base + "/q/health/ready", START_TIMEOUT);
        vcc.connectAdapter(base, SECRET);
    }

    private static MessageRouted routed() {
        CustomerMessageSubmitted m = new CustomerMessageSubmitted(
                UUID.randomUUID(),
                UUID.randomUUID(),
                null,
                "customer-it",
                "123D456789",
                OFFICE,
                "PROCESSING_STATUS",
                "Stand meines Antrags",
                "Wie ist der Stand meines Antrags?",
                false,
                null,
                Instant.now());
        return MessageRouted.of(m, RouteRef.serviceCenter(OFFICE, "BA-SC"), 1L, null, Instant.now());
    }

    private static void send(MessageRouted m) {
        TopicProbe.send(
                kafka.bootstrapServers(),
                Topics.ROUTED_SERVICECENTER,
                m.partitionKey(),
                EventJson.write(m),
                CloudEventHeaders.forEvent(m, "routing-service", Instant.now()));
    }

    private static Predicate<ConsumerRecord<String, byte[]>> status(UUID messageId, DeliveryStatus status) {
        return r -> TopicProbe.valueContains(r, messageId.toString())
                && EventJson.read(r.value(), DeliveryStatusChanged.class).status() == status;
    }

    private static long ticketsFor(UUID messageId) {
        return vcc.tickets().stream()
                .filter(t -> t.path("externalReference").asText().equals(messageId.toString()))
                .count();
    }

    @Test
    void killedAfterTheVccOpenedTheTicketButBeforeTheOffsetCommitTheAdapterLeavesExactlyOneTicket() throws Exception {
        // a reply accepted by this process ...
        byte[] reply = JSON.writeValueAsBytes(Fixtures.reply("VCC-" + UUID.randomUUID(), UUID.randomUUID()));
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        String signature = VccSimulator.signature(SECRET, timestamp, reply);
        assertThat(vcc.sendSigned(reply, timestamp, signature).status()).isEqualTo(202);

        MessageRouted m = routed();
        int requestsBefore = vcc.ticketRequests();
        try (TopicProbe probe = TopicProbe.fromNow(kafka.bootstrapServers(), Topics.DELIVERY_STATUS)) {
            vcc.delayAnswersAfterStoring(Duration.ofMinutes(5));
            send(m);

            // the VCC has opened the ticket; its answer is delayed, so nothing is published and nothing committed
            await().atMost(Duration.ofSeconds(60)).until(() -> ticketsFor(m.messageId()) == 1);
            assertThat(probe.drain(Duration.ofMillis(500))).noneMatch(status(m.messageId(), DeliveryStatus.DELIVERED));
            adapter.kill();
            vcc.delayAnswersAfterStoring(Duration.ZERO);

            startAdapter();

            probe.await(status(m.messageId(), DeliveryStatus.DELIVERED), 1, Duration.ofSeconds(60));
        }
        assertThat(vcc.ticketRequests() - requestsBefore)
                .as("delivered again after the restart")
                .isGreaterThanOrEqualTo(2);
        assertThat(ticketsFor(m.messageId())).isEqualTo(1);

        // ... is refused by the next one: the claim lives in the database, not in a process
        var replayed = vcc.sendSigned(reply, timestamp, signature);
        assertThat(replayed.status()).isEqualTo(401);
        assertThat(replayed.body().path("detail").asText()).isEqualTo("Diese Signatur wurde bereits verwendet.");
    }

    @Test
    void theDocumentedReplayCommandDeliversAFailedMessageOnce() {
        MessageRouted m = routed();
        try (TopicProbe probe = TopicProbe.fromNow(kafka.bootstrapServers(), Topics.DELIVERY_STATUS)) {
            vcc.failNext(1, 422);
            send(m);
            probe.await(status(m.messageId(), DeliveryStatus.FAILED), 1, Duration.ofSeconds(60));
            assertThat(ticketsFor(m.messageId())).isZero();

            // java -cp '<app>/lib/main/*:<app>/app/*' de.jobcenter.postfach.kit.deadletter.DeadLetterReplay ...
            ManagedProcess replay = ManagedProcess.java("servicecenter-dlq-replay")
                    .mainClass(
                            APP.resolve("lib/main").toAbsolutePath() + "/*:"
                                    + APP.resolve("app").toAbsolutePath() + "/*",
                            "de.jobcenter.postfach.kit.deadletter.DeadLetterReplay")
                    .args(
                            "--bootstrap-servers",
                            kafka.bootstrapServers(),
                            "--topic",
                            Topics.dlq(Topics.ROUTED_SERVICECENTER))
                    .start();
            await().atMost(Duration.ofSeconds(60)).until(() -> !replay.isAlive());
            assertThat(replay.logTail(20)).contains("Replayed 1 record(s) from postfach.routed.servicecenter.dlq");

            probe.await(status(m.messageId(), DeliveryStatus.DELIVERED), 1, Duration.ofSeconds(60));
        }
        assertThat(ticketsFor(m.messageId())).isEqualTo(1);
    }
}
