package de.jobcenter.postfach.eakte;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.jobcenter.postfach.contracts.CloudEventHeaders;
import de.jobcenter.postfach.contracts.CustomerMessageSubmitted;
import de.jobcenter.postfach.contracts.DeliveryStatus;
import de.jobcenter.postfach.contracts.DeliveryStatusChanged;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.MessageRouted;
import de.jobcenter.postfach.contracts.RouteRef;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.testing.EakteSimulator;
import de.jobcenter.postfach.testing.KafkaBroker;
import de.jobcenter.postfach.testing.ManagedProcess;
import de.jobcenter.postfach.testing.OidcTestServer;
import de.jobcenter.postfach.testing.Ports;
import de.jobcenter.postfach.testing.Tokens;
import de.jobcenter.postfach.testing.TopicProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged adapter ({@code target/quarkus-app}) in a process of its own against the real broker and the E-AKTE
 * simulator: killed with SIGKILL after E-AKTE filed a document but before the offset commit, it leaves exactly one
 * document; and a FAILED message in the dead-letter topic is delivered by the documented replay command.
 */
class EakteAdapterCrashIT {
    private static final Path APP = Path.of("target/quarkus-app");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private static KafkaBroker kafka;
    private static EakteSimulator eakte;
    private static HoldingProxy proxy;
    private static ManagedProcess adapter;
    private static int starts;

    @BeforeAll
    static void startInfrastructure() {
        kafka = KafkaBroker.shared();
        eakte = EakteSimulator.start(0);
        proxy = HoldingProxy.start(eakte.baseUrl());
    }

    @AfterAll
    static void stopEverything() {
        if (adapter != null) {
            adapter.stop();
        }
        proxy.close();
        eakte.stop();
    }

    @BeforeEach
    void adapterRuns() {
        eakte.setAvailable(true);
        eakte.failNext(0, 503);
        proxy.release();
        if (adapter == null || !adapter.isAlive()) {
            startAdapter();
        }
    }

    private static void startAdapter() {
        if (!Files.isRegularFile(APP.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(APP + " is missing: this test runs after `package`");
        }
        int port = Ports.free();
        String issuer = OidcTestServer.shared().issuer();
        adapter = ManagedProcess.java("eakte-adapter-it-" + ++starts)
                .jar(APP.resolve("quarkus-run.jar"))
                .jvmArg("-Xmx256m")
                .systemProperty("quarkus.http.port", String.valueOf(port))
                .systemProperty("kafka.bootstrap.servers", kafka.bootstrapServers())
                .systemProperty("quarkus.rest-client.eakte.url", proxy.baseUrl())
                .systemProperty("quarkus.oidc.auth-server-url", issuer)
                .systemProperty("quarkus.oidc.token.issuer", issuer)
                .systemProperty("quarkus.oidc.token.audience", Tokens.SERVICE_AUDIENCE)
                .systemProperty("postfach.eakte.delivery.initial-backoff", "100ms")
                .systemProperty("postfach.eakte.delivery.max-backoff", "400ms")
                // the killed instance's partitions are handed to the new one once its session has expired
                .systemProperty("kafka.session.timeout.ms", "6000")
                .systemProperty("kafka.heartbeat.interval.ms", "1000")
                .start();
        adapter.awaitHttpOk("http://localhost:" + port + "/q/health/ready", START_TIMEOUT);
    }

    private static MessageRouted routed() {
        CustomerMessageSubmitted m = new CustomerMessageSubmitted(
                UUID.randomUUID(),
                UUID.randomUUID(),
                null,
                "customer-it",
                "123D456789",
                "JC-BERLIN-MITTE",
                "RENT_AND_HEATING",
                "Nebenkosten",
                "Meine Frage zur Nebenkostenabrechnung.",
                false,
                null,
                Instant.now());
        return MessageRouted.of(m, RouteRef.eakte("JC-BERLIN-MITTE"), 1L, null, Instant.now());
    }

    private static void send(MessageRouted m) {
        TopicProbe.send(
                kafka.bootstrapServers(),
                Topics.ROUTED_EAKTE,
                m.partitionKey(),
                EventJson.write(m),
                CloudEventHeaders.forEvent(m, "routing-service", Instant.now()));
    }

    private static Predicate<ConsumerRecord<String, byte[]>> status(UUID messageId, DeliveryStatus status) {
        return r -> TopicProbe.valueContains(r, messageId.toString())
                && EventJson.read(r.value(), DeliveryStatusChanged.class).status() == status;
    }

    private static long documentsWithKey(String key) {
        return eakte.documents().stream()
                .filter(d -> d.path("idempotencyKey").asText().equals(key))
                .count();
    }

    @Test
    void killedAfterEakteFiledTheDocumentButBeforeTheOffsetCommitTheAdapterLeavesExactlyOneDocument() {
        MessageRouted m = routed();
        String key = m.messageId().toString();
        try (TopicProbe probe = TopicProbe.fromNow(kafka.bootstrapServers(), Topics.DELIVERY_STATUS)) {
            proxy.holdAnswers();
            send(m);

            // E-AKTE has filed it; its answer is held, so the adapter has published nothing and committed nothing
            await().atMost(Duration.ofSeconds(60)).until(() -> documentsWithKey(key) == 1);
            assertThat(probe.drain(Duration.ofMillis(500))).noneMatch(status(m.messageId(), DeliveryStatus.DELIVERED));
            adapter.kill();
            proxy.release();

            startAdapter();

            probe.await(status(m.messageId(), DeliveryStatus.DELIVERED), 1, Duration.ofSeconds(60));
        }
        assertThat(proxy.requestsWith(key))
                .as("delivered again after the restart")
                .isGreaterThanOrEqualTo(2);
        assertThat(documentsWithKey(key)).isEqualTo(1);
    }

    @Test
    void theDocumentedReplayCommandDeliversAFailedMessageOnce() {
        MessageRouted m = routed();
        String key = m.messageId().toString();
        try (TopicProbe probe = TopicProbe.fromNow(kafka.bootstrapServers(), Topics.DELIVERY_STATUS)) {
            eakte.failNext(1, 422);
            send(m);
            probe.await(status(m.messageId(), DeliveryStatus.FAILED), 1, Duration.ofSeconds(60));
            assertThat(documentsWithKey(key)).isZero();

            // java -cp '<app>/lib/main/*:<app>/app/*' de.jobcenter.postfach.kit.deadletter.DeadLetterReplay ...
            ManagedProcess replay = ManagedProcess.java("eakte-dlq-replay")
                    .mainClass(
                            APP.resolve("lib/main").toAbsolutePath() + "/*:"
                                    + APP.resolve("app").toAbsolutePath() + "/*",
                            "de.jobcenter.postfach.kit.deadletter.DeadLetterReplay")
                    .args("--bootstrap-servers", kafka.bootstrapServers(), "--topic", Topics.dlq(Topics.ROUTED_EAKTE))
                    .start();
            await().atMost(Duration.ofSeconds(60)).until(() -> !replay.isAlive());
            assertThat(replay.logTail(20)).contains("Replayed 1 record(s) from postfach.routed.eakte.dlq");

            probe.await(status(m.messageId(), DeliveryStatus.DELIVERED), 1, Duration.ofSeconds(60));
        }
        assertThat(documentsWithKey(key)).isEqualTo(1);
    }
}
