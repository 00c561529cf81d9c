package de.jobcenter.postfach.eakte;

import static de.jobcenter.postfach.eakte.Fixtures.bootstrap;
import static de.jobcenter.postfach.eakte.Fixtures.documentsWithKey;
import static de.jobcenter.postfach.eakte.Fixtures.routed;
import static de.jobcenter.postfach.eakte.Fixtures.sendRouted;
import static de.jobcenter.postfach.eakte.Fixtures.status;
import static de.jobcenter.postfach.eakte.Fixtures.statusOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.DeliveryStatus;
import de.jobcenter.postfach.contracts.MessageRouted;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.kit.deadletter.DeadLetterHeaders;
import de.jobcenter.postfach.kit.deadletter.DeadLetterReplay;
import de.jobcenter.postfach.testing.KafkaBrokerResource;
import de.jobcenter.postfach.testing.OidcServerResource;
import de.jobcenter.postfach.testing.Tokens;
import de.jobcenter.postfach.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Delivery to the E-AKTE simulator over the real broker and real HTTP: happy path, outages, refusals, replay. */
@QuarkusTest
@TestProfile(EakteTestProfile.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(EakteSimulatorResource.class)
@QuarkusTestResource(OfficeConfigResource.class)
@QuarkusTestResource(
        value = OidcServerResource.class,
        initArgs = @ResourceArg(name = OidcServerResource.AUDIENCE_ARG, value = Tokens.SERVICE_AUDIENCE))
class EakteDeliveryTest {

    @BeforeEach
    void eakteIsUp() {
        EakteSimulatorResource.simulator.setAvailable(true);
        EakteSimulatorResource.simulator.failNext(0, 503);
    }

    private static String key(MessageRouted m) {
        return m.messageId().toString();
    }

    @Test
    void deliversARoutedMessageWithTheMetadataEakteRoutesOnAndReportsDelivered() {
        MessageRouted m = routed();
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.DELIVERY_STATUS)) {
            sendRouted(m);
            var event = statusOf(probe.await(status(m.messageId(), DeliveryStatus.DELIVERED), 1, Duration.ofSeconds(30))
                    .get(0));
            assertThat(event.channel()).isEqualTo(Channel.EAKTE);
            assertThat(event.detail()).isNull();
        }
        var document = EakteSimulatorResource.simulator.documents().stream()
                .filter(d -> d.path("idempotencyKey").asText().equals(key(m)))
                .findFirst()
                .orElseThrow();
        assertThat(document.path("documentId").asText()).isEqualTo(key(m));
        assertThat(document.path("documentType").asText()).isEqualTo("CUSTOMER_MESSAGE");
        assertThat(document.path("officeId").asText()).isEqualTo(Fixtures.OFFICE);
        assertThat(document.path("customerNumber").asText()).isEqualTo("123D456789");
        assertThat(document.path("customerId").asText()).isEqualTo("customer-1");
        assertThat(document.path("conversationId").asText())
                .isEqualTo(m.conversationId().toString());
        assertThat(document.path("concern").asText()).isEqualTo("RENT_AND_HEATING");
        assertThat(document.path("paymentRelevant").asBoolean()).isTrue();
        assertThat(document.path("subject").asText()).isEqualTo(m.subject());
        assertThat(document.path("body").asText()).isEqualTo(m.body());
        assertThat(document.path("receivedAt").asText()).isNotBlank();
    }

    @Test
    void aRedeliveredRecordLeavesOneDocumentInEakte() {
        MessageRouted m = routed();
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.DELIVERY_STATUS)) {
            sendRouted(m);
            sendRouted(m);
            probe.await(status(m.messageId(), DeliveryStatus.DELIVERED), 2, Duration.ofSeconds(30));
        }
        assertThat(documentsWithKey(key(m))).isEqualTo(1);
    }

    @Test
    void whileEakteFailsTheMessageIsRetriedWithBackoffAndDeliveredOnceAfterRecovery() {
        MessageRouted m = routed();
        int before = EakteSimulatorResource.simulator.requestCount();
        EakteSimulatorResource.simulator.failNext(2, 503);
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.DELIVERY_STATUS)) {
            sendRouted(m);
            probe.await(status(m.messageId(), DeliveryStatus.DELIVERED), 1, Duration.ofSeconds(30));
            assertThat(probe.drain(Duration.ofMillis(500))).noneMatch(status(m.messageId(), DeliveryStatus.FAILED));
        }
        assertThat(EakteSimulatorResource.simulator.requestCount() - before).isGreaterThanOrEqualTo(3);
        assertThat(documentsWithKey(key(m))).isEqualTo(1);
    }

    @Test
    void aLongerOutageOpensTheCircuitWhileReadinessStaysUpAndTheMessageArrivesOnceAfterRecovery() {
        MessageRouted m = routed();
        EakteSimulatorResource.simulator.setAvailable(false);
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.DELIVERY_STATUS)) {
            sendRouted(m);
            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> given().get("/q/metrics")
                            .then()
                            .body(containsString("postfach_delivery_circuit_open{channel=\"EAKTE\"} 1.0")));
            given().get("/q/health/ready").then().statusCode(200);

            EakteSimulatorResource.simulator.setAvailable(true);

            probe.await(status(m.messageId(), DeliveryStatus.DELIVERED), 1, Duration.ofSeconds(30));
        }
        given().get("/q/metrics").then().body(containsString("postfach_delivery_circuit_open{channel=\"EAKTE\"} 0.0"));
        assertThat(documentsWithKey(key(m))).isEqualTo(1);
    }

    @Test
    void pastItsRetryBudgetAMessageEndsFailedInTheDeadLetterTopicAndTheReplayDeliversItOnce() {
        String canary = "KANARIE-" + UUID.randomUUID();
        MessageRouted m = routed(canary);
        EakteSimulatorResource.simulator.setAvailable(false);
        try (TopicProbe probe =
                TopicProbe.fromNow(bootstrap(), Topics.DELIVERY_STATUS, Topics.dlq(Topics.ROUTED_EAKTE))) {
            sendRouted(m);

            var failed = statusOf(probe.await(status(m.messageId(), DeliveryStatus.FAILED), 1, Duration.ofSeconds(60))
                    .get(0));
            assertThat(failed.detail()).contains("retry budget", "HTTP 503").doesNotContain(canary);
            var dead = probe.await(
                            r -> r.topic().equals(Topics.dlq(Topics.ROUTED_EAKTE))
                                    && TopicProbe.valueContains(r, key(m)),
                            1,
                            Duration.ofSeconds(30))
                    .get(0);
            assertThat(dead.key()).isEqualTo(m.conversationId().toString());
            assertThat(TopicProbe.header(dead, DeadLetterHeaders.TOPIC)).isEqualTo(Topics.ROUTED_EAKTE);
            assertThat(TopicProbe.header(dead, DeadLetterHeaders.REASON)).contains("retry budget");
            assertThat(TopicProbe.header(dead, "ce_type")).isEqualTo("de.jobcenter.postfach.MessageRouted.v1");
            for (Header header : dead.headers()) {
                assertThat(new String(header.value(), StandardCharsets.UTF_8))
                        .as("header %s", header.key())
                        .doesNotContain(canary)
                        .doesNotContain("Nebenkostenabrechnung");
            }
        }
        assertThat(documentsWithKey(key(m))).isZero();
        given().get("/q/metrics")
                .then()
                .body(containsString("postfach_delivery_dead_lettered_total{cause=\"budget\",channel=\"EAKTE\"}"))
                .body(containsString("postfach_delivery_failed_total{channel=\"EAKTE\"}"));

        EakteSimulatorResource.simulator.setAvailable(true);
        String group = "replay-test-" + UUID.randomUUID();
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.DELIVERY_STATUS)) {
            var replay =
                    DeadLetterReplay.replay(DeadLetterReplay.Options.of(bootstrap(), Topics.dlq(Topics.ROUTED_EAKTE))
                            .withGroup(group));

            assertThat(replay.records()).anyMatch(r -> r.subject().equals(key(m)));
            probe.await(status(m.messageId(), DeliveryStatus.DELIVERED), 1, Duration.ofSeconds(30));
        }
        assertThat(documentsWithKey(key(m))).isEqualTo(1);
        assertThat(DeadLetterReplay.replay(DeadLetterReplay.Options.of(bootstrap(), Topics.dlq(Topics.ROUTED_EAKTE))
                                .withGroup(group))
                        .records())
                .noneMatch(r -> r.subject().equals(key(m)));
    }

    @Test
    void aPermanentRefusalGoesStraightToTheDeadLetterTopicAsFailed() {
        MessageRouted m = routed();
        int before = EakteSimulatorResource.simulator.requestCount();
        EakteSimulatorResource.simulator.failNext(1, 422);
        try (TopicProbe probe =
                TopicProbe.fromNow(bootstrap(), Topics.DELIVERY_STATUS, Topics.dlq(Topics.ROUTED_EAKTE))) {
            sendRouted(m);

            var failed = statusOf(probe.await(status(m.messageId(), DeliveryStatus.FAILED), 1, Duration.ofSeconds(30))
                    .get(0));
            assertThat(failed.detail()).isEqualTo("The target refused the message: HTTP 422");
            var dead = probe.await(
                            r -> r.topic().equals(Topics.dlq(Topics.ROUTED_EAKTE))
                                    && TopicProbe.valueContains(r, key(m)),
                            1,
                            Duration.ofSeconds(30))
                    .get(0);
            assertThat(TopicProbe.header(dead, DeadLetterHeaders.REASON))
                    .isEqualTo("The target refused the message: HTTP 422");
        }
        assertThat(EakteSimulatorResource.simulator.requestCount() - before).isEqualTo(1);
        assertThat(documentsWithKey(key(m))).isZero();
    }

    @Test
    void anUndecodableRecordGoesToTheDeadLetterTopicWithAReasonThatQuotesNothing() {
        String key = UUID.randomUUID().toString();
        String garbage = "{\"messageId\":\"kein-uuid\",\"body\":\"GEHEIM-" + key + "\"";
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.dlq(Topics.ROUTED_EAKTE))) {
            TopicProbe.send(bootstrap(), Topics.ROUTED_EAKTE, key, garbage.getBytes(StandardCharsets.UTF_8), Map.of());

            var dead = probe.await(r -> key.equals(r.key()), 1, Duration.ofSeconds(30))
                    .get(0);
            assertThat(TopicProbe.header(dead, DeadLetterHeaders.REASON))
                    .startsWith("Cannot decode MessageRouted")
                    .doesNotContain("GEHEIM");
        }
    }
}
