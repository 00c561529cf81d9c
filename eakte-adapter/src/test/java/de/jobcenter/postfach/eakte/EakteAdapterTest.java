package de.jobcenter.postfach.eakte;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.CloudEventHeaders;
import de.jobcenter.postfach.contracts.CustomerMessageSubmitted;
import de.jobcenter.postfach.contracts.DeliveryStatus;
import de.jobcenter.postfach.contracts.DeliveryStatusChanged;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.MessageRouted;
import de.jobcenter.postfach.contracts.RouteRef;
import de.jobcenter.postfach.contracts.StaffMessageSent;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.contracts.Uuids;
import de.jobcenter.postfach.testing.KafkaBrokerResource;
import de.jobcenter.postfach.testing.OidcServerResource;
import de.jobcenter.postfach.testing.Tokens;
import de.jobcenter.postfach.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Delivery to the E-AKTE simulator and staff messages from E-AKTE, over the real broker and real HTTP. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(EakteSimulatorResource.class)
@QuarkusTestResource(
        value = OidcServerResource.class,
        initArgs = @ResourceArg(name = OidcServerResource.AUDIENCE_ARG, value = Tokens.SERVICE_AUDIENCE))
class EakteAdapterTest {
    private static final String OFFICE = "JC-BERLIN-MITTE";

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    private static MessageRouted routed() {
        CustomerMessageSubmitted m = new CustomerMessageSubmitted(
                UUID.randomUUID(),
                UUID.randomUUID(),
                null,
                "customer-1",
                "123D456789",
                OFFICE,
                "RENT_AND_HEATING",
                "Nebenkostenabrechnung",
                "Anbei meine Frage zur Nebenkostenabrechnung.",
                true,
                null,
                Instant.now());
        return MessageRouted.of(m, RouteRef.eakte(OFFICE), 3L, null, Instant.now());
    }

    private static void send(MessageRouted m) {
        TopicProbe.send(
                bootstrap(),
                Topics.ROUTED_EAKTE,
                m.partitionKey(),
                EventJson.write(m),
                CloudEventHeaders.forEvent(m, "routing-service", Instant.now()));
    }

    private static long documentsWithKey(UUID messageId) {
        return EakteSimulatorResource.simulator.documents().stream()
                .filter(d -> d.path("idempotencyKey").asText().equals(messageId.toString()))
                .count();
    }

    @Test
    void deliversARoutedMessageToEakteWithItsIdAsIdempotencyKeyAndReportsDelivered() {
        MessageRouted m = routed();
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.DELIVERY_STATUS)) {
            send(m);
            var status =
                    probe.await(r -> TopicProbe.valueContains(r, m.messageId().toString()), 1, Duration.ofSeconds(30));
            DeliveryStatusChanged event = EventJson.read(status.get(0).value(), DeliveryStatusChanged.class);
            assertThat(event.status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(event.channel()).isEqualTo(Channel.EAKTE);
        }
        var document = EakteSimulatorResource.simulator.documents().stream()
                .filter(d ->
                        d.path("idempotencyKey").asText().equals(m.messageId().toString()))
                .findFirst()
                .orElseThrow();
        assertThat(document.path("officeId").asText()).isEqualTo(OFFICE);
        assertThat(document.path("customerNumber").asText()).isEqualTo("123D456789");
        assertThat(document.path("concern").asText()).isEqualTo("RENT_AND_HEATING");
        assertThat(document.path("paymentRelevant").asBoolean()).isTrue();
        assertThat(document.path("body").asText()).isEqualTo(m.body());
    }

    @Test
    void aRedeliveredRecordLeavesOneDocumentInEakte() {
        MessageRouted m = routed();
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.DELIVERY_STATUS)) {
            send(m);
            send(m);
            probe.await(r -> TopicProbe.valueContains(r, m.messageId().toString()), 2, Duration.ofSeconds(30));
        }
        assertThat(documentsWithKey(m.messageId())).isEqualTo(1);
    }

    @Test
    void whileEakteIsDownTheMessageIsRetriedAndDeliveredOnceAfterRecovery() {
        MessageRouted m = routed();
        EakteSimulatorResource.simulator.failNext(3, 503);
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.DELIVERY_STATUS)) {
            send(m);
            var status =
                    probe.await(r -> TopicProbe.valueContains(r, m.messageId().toString()), 1, Duration.ofSeconds(60));
            assertThat(EventJson.read(status.get(0).value(), DeliveryStatusChanged.class)
                            .status())
                    .isEqualTo(DeliveryStatus.DELIVERED);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> documentsWithKey(m.messageId()) == 1);
    }

    @Test
    void aStaffReplyFromEakteIsPublishedOnceWithAStableMessageId() {
        String sourceId = "EAKTE-" + UUID.randomUUID();
        UUID conversationId = UUID.randomUUID();
        Map<String, Object> reply = Map.of(
                "sourceId",
                sourceId,
                "officeId",
                OFFICE,
                "conversationId",
                conversationId.toString(),
                "subject",
                "AW: Nebenkostenabrechnung",
                "body",
                "Wir haben Ihre Abrechnung erhalten.",
                "paymentRelevant",
                false);
        String token = Tokens.serviceClient("eakte").roles("eakte-client").sign();
        UUID expectedId = Uuids.staffMessageId(Channel.EAKTE, sourceId);
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.STAFF_MESSAGES)) {
            for (int i = 0; i < 2; i++) {
                given().auth()
                        .oauth2(token)
                        .contentType(ContentType.JSON)
                        .body(reply)
                        .post("/api/v1/eakte/messages")
                        .then()
                        .statusCode(202)
                        .body("messageId", equalTo(expectedId.toString()));
            }
            var records =
                    probe.await(r -> TopicProbe.valueContains(r, expectedId.toString()), 2, Duration.ofSeconds(30));
            StaffMessageSent sent = EventJson.read(records.get(0).value(), StaffMessageSent.class);
            assertThat(sent.conversationId()).isEqualTo(conversationId);
            assertThat(sent.route()).isEqualTo(RouteRef.eakte(OFFICE));
            assertThat(sent.concern()).isEqualTo("OTHER");
            assertThat(records.get(0).key()).isEqualTo(conversationId.toString());
            assertThat(EventJson.read(records.get(1).value(), StaffMessageSent.class)
                            .messageId())
                    .isEqualTo(sent.messageId());
        }
    }

    @Test
    void staffMessagesWithoutTokenOrRoleOrWithInvalidFieldsAreRefused() {
        Map<String, Object> reply = Map.of("sourceId", "X-1", "officeId", OFFICE, "subject", "s", "body", "b");
        given().contentType(ContentType.JSON)
                .body(reply)
                .post("/api/v1/eakte/messages")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(Tokens.serviceClient("other").roles("vcc-client").sign())
                .contentType(ContentType.JSON)
                .body(reply)
                .post("/api/v1/eakte/messages")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.serviceClient("eakte").roles("eakte-client").sign())
                .contentType(ContentType.JSON)
                .body(Map.of("sourceId", "X-2", "officeId", OFFICE, "subject", "a\r\nBcc: x@y.de", "body", ""))
                .post("/api/v1/eakte/messages")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItems("subject", "body", "customerNumber"));
    }
}
