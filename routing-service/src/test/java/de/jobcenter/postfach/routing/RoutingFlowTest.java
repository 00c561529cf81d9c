package de.jobcenter.postfach.routing;

import static de.jobcenter.postfach.routing.RunningService.bootstrap;
import static de.jobcenter.postfach.routing.testdata.MessageBuilder.messageTo;
import static de.jobcenter.postfach.routing.testdata.TestOffices.BENEFITS_MAILBOX;
import static de.jobcenter.postfach.routing.testdata.TestOffices.BERLIN_MITTE;
import static de.jobcenter.postfach.routing.testdata.TestOffices.INTAKE_MAILBOX;
import static de.jobcenter.postfach.routing.testdata.TestOffices.SERVICE_CENTER;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.jobcenter.postfach.contracts.ArchiveRequested;
import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.CloudEventHeaders;
import de.jobcenter.postfach.contracts.CustomerMessageSubmitted;
import de.jobcenter.postfach.contracts.DeliveryStatus;
import de.jobcenter.postfach.contracts.DeliveryStatusChanged;
import de.jobcenter.postfach.contracts.Direction;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.FallbackReason;
import de.jobcenter.postfach.contracts.MessageRouted;
import de.jobcenter.postfach.contracts.RouteRef;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.routing.testdata.RoutingTopics;
import de.jobcenter.postfach.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Records in, the right records out, on the right topics, with the right keys and headers, in one transaction. */
@QuarkusTest
@QuarkusTestResource(RoutingTestResources.class)
class RoutingFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CANARY = "GEHEIM-CANARY-" + UUID.randomUUID();
    private static final String DLQ = Topics.dlq(Topics.CUSTOMER_MESSAGES);

    @BeforeEach
    void serviceIsReady() {
        RunningService.awaitReady();
    }

    private static TopicProbe probeEverything() {
        return TopicProbe.fromNow(
                bootstrap(),
                Topics.ROUTED_EAKTE,
                Topics.ROUTED_OUTLOOK,
                Topics.ROUTED_SERVICECENTER,
                Topics.DELIVERY_STATUS,
                Topics.ARCHIVE_REQUESTS,
                DLQ);
    }

    private static List<ConsumerRecord<String, byte[]>> recordsOf(
            TopicProbe probe, CustomerMessageSubmitted message, int count) {
        return probe.await(r -> TopicProbe.valueContains(r, message.messageId().toString()), count, WAIT);
    }

    private static ConsumerRecord<String, byte[]> only(List<ConsumerRecord<String, byte[]>> records, String topic) {
        List<ConsumerRecord<String, byte[]>> onTopic =
                records.stream().filter(r -> r.topic().equals(topic)).toList();
        assertThat(onTopic).as("records on " + topic).hasSize(1);
        return onTopic.get(0);
    }

    private static void assertCloudEvent(ConsumerRecord<String, byte[]> record, String eventName, String subject) {
        assertThat(TopicProbe.header(record, CloudEventHeaders.SPECVERSION)).isEqualTo("1.0");
        assertThat(TopicProbe.header(record, CloudEventHeaders.TYPE))
                .isEqualTo("de.jobcenter.postfach." + eventName + ".v1");
        assertThat(TopicProbe.header(record, CloudEventHeaders.SOURCE)).isEqualTo("/postfach/routing-service");
        assertThat(TopicProbe.header(record, CloudEventHeaders.SUBJECT)).isEqualTo(subject);
        assertThat(TopicProbe.header(record, CloudEventHeaders.ID)).isNotBlank();
        assertThat(TopicProbe.header(record, CloudEventHeaders.TIME)).isNotBlank();
    }

    private static void assertNoContentInHeaders(ConsumerRecord<String, byte[]> record) {
        for (Header header : record.headers()) {
            assertThat(new String(header.value(), StandardCharsets.UTF_8))
                    .as("header " + header.key())
                    .doesNotContain(CANARY);
        }
    }

    @Test
    void routesACustomerMessageToEakteAndReportsRouted() {
        CustomerMessageSubmitted m = messageTo(BERLIN_MITTE)
                .concern("PROCESSING_STATUS")
                .subject("Stand " + CANARY)
                .build();
        try (TopicProbe probe = probeEverything()) {
            RoutingTopics.submit(bootstrap(), m);
            var records = recordsOf(probe, m, 2);
            String id = m.messageId().toString();

            var routedRecord = only(records, Topics.ROUTED_EAKTE);
            MessageRouted routed = EventJson.read(routedRecord.value(), MessageRouted.class);
            assertThat(routed.messageId()).isEqualTo(m.messageId());
            assertThat(routed.route()).isEqualTo(RouteRef.eakte(BERLIN_MITTE));
            assertThat(routed.configVersion()).isEqualTo(3);
            assertThat(routed.fallbackReason()).isNull();
            assertThat(routed.subject()).isEqualTo(m.subject());
            assertThat(routed.body()).isEqualTo(m.body());
            assertThat(routedRecord.key()).isEqualTo(m.conversationId().toString());
            assertCloudEvent(routedRecord, "MessageRouted", id);
            assertNoContentInHeaders(routedRecord);

            var statusRecord = only(records, Topics.DELIVERY_STATUS);
            DeliveryStatusChanged status = EventJson.read(statusRecord.value(), DeliveryStatusChanged.class);
            assertThat(status.status()).isEqualTo(DeliveryStatus.ROUTED);
            assertThat(status.channel()).isEqualTo(Channel.EAKTE);
            assertThat(statusRecord.key()).isEqualTo(id);
            assertCloudEvent(statusRecord, "DeliveryStatusChanged", id);
        }
    }

    @Test
    void aPaymentRelevantOutlookMessageIsRoutedArchivedAndReportedRouted() {
        CustomerMessageSubmitted m = messageTo(BERLIN_MITTE)
                .concern("RENT_AND_HEATING")
                .paymentRelevant()
                .body("Nachzahlung " + CANARY)
                .build();
        try (TopicProbe probe = probeEverything()) {
            RoutingTopics.submit(bootstrap(), m);
            var records = recordsOf(probe, m, 3);
            String id = m.messageId().toString();

            var routedRecord = only(records, Topics.ROUTED_OUTLOOK);
            MessageRouted routed = EventJson.read(routedRecord.value(), MessageRouted.class);
            assertThat(routed.route()).isEqualTo(RouteRef.outlook(BERLIN_MITTE, BENEFITS_MAILBOX));
            assertThat(routed.paymentRelevant()).isTrue();
            assertThat(routedRecord.key()).isEqualTo(m.conversationId().toString());

            var archiveRecord = only(records, Topics.ARCHIVE_REQUESTS);
            ArchiveRequested archive = EventJson.read(archiveRecord.value(), ArchiveRequested.class);
            assertThat(archive.messageId()).isEqualTo(m.messageId());
            assertThat(archive.direction()).isEqualTo(Direction.INBOUND);
            assertThat(archive.carriedBy()).isEqualTo(Channel.OUTLOOK);
            assertThat(archive.customerId()).isEqualTo(m.customerId());
            assertThat(archive.customerNumber()).isEqualTo(m.customerNumber());
            assertThat(archive.body()).isEqualTo(m.body());
            assertThat(archiveRecord.key()).isEqualTo(id);
            assertCloudEvent(archiveRecord, "ArchiveRequested", id);
            assertNoContentInHeaders(archiveRecord);

            DeliveryStatusChanged status =
                    EventJson.read(only(records, Topics.DELIVERY_STATUS).value(), DeliveryStatusChanged.class);
            assertThat(status.status()).isEqualTo(DeliveryStatus.ROUTED);
            assertThat(status.channel()).isEqualTo(Channel.OUTLOOK);
        }
    }

    @Test
    void aServiceCenterMessageGoesToTheServiceCenterTopicWithoutArchiveWhenNotPaymentRelevant() {
        CustomerMessageSubmitted m =
                messageTo(BERLIN_MITTE).concern("APPOINTMENT_REQUEST").build();
        try (TopicProbe probe = probeEverything()) {
            RoutingTopics.submit(bootstrap(), m);
            var records = recordsOf(probe, m, 2);

            MessageRouted routed =
                    EventJson.read(only(records, Topics.ROUTED_SERVICECENTER).value(), MessageRouted.class);
            assertThat(routed.route()).isEqualTo(RouteRef.serviceCenter(BERLIN_MITTE, SERVICE_CENTER));
            assertThat(probe.drain(Duration.ofSeconds(1)).stream()
                            .filter(r -> r.topic().equals(Topics.ARCHIVE_REQUESTS))
                            .filter(r ->
                                    TopicProbe.valueContains(r, m.messageId().toString())))
                    .isEmpty();
        }
    }

    @Test
    void anOnlineFlowMessageGoesToTheFallbackRouteWithTheReasonRecorded() {
        CustomerMessageSubmitted m =
                messageTo(BERLIN_MITTE).concern("CHANGE_NOTIFICATION").build();
        try (TopicProbe probe = probeEverything()) {
            RoutingTopics.submit(bootstrap(), m);
            var records = recordsOf(probe, m, 2);

            MessageRouted routed =
                    EventJson.read(only(records, Topics.ROUTED_EAKTE).value(), MessageRouted.class);
            assertThat(routed.route()).isEqualTo(RouteRef.eakte(BERLIN_MITTE));
            assertThat(routed.fallbackReason()).isEqualTo(FallbackReason.ONLINE_FLOW);
            assertThat(routed.configVersion()).isEqualTo(3);
            DeliveryStatusChanged status =
                    EventJson.read(only(records, Topics.DELIVERY_STATUS).value(), DeliveryStatusChanged.class);
            assertThat(status.status()).isEqualTo(DeliveryStatus.ROUTED);
            assertThat(status.detail()).contains("ONLINE_FLOW");
        }
    }

    @Test
    void aReplyGoesBackToTheMailboxTheStaffMessageCameFrom() {
        CustomerMessageSubmitted reply = messageTo(BERLIN_MITTE)
                .concern("PROCESSING_STATUS")
                .replyVia(RouteRef.outlook(BERLIN_MITTE, INTAKE_MAILBOX))
                .build();
        try (TopicProbe probe = probeEverything()) {
            RoutingTopics.submit(bootstrap(), reply);
            var records = recordsOf(probe, reply, 2);

            MessageRouted routed =
                    EventJson.read(only(records, Topics.ROUTED_OUTLOOK).value(), MessageRouted.class);
            assertThat(routed.route()).isEqualTo(RouteRef.outlook(BERLIN_MITTE, INTAKE_MAILBOX));
            assertThat(routed.inReplyTo()).isEqualTo(reply.inReplyTo());
            assertThat(routed.fallbackReason()).isNull();
        }
    }

    @Test
    void aMessageForAnUnknownOfficeIsDeadLetteredWithItsReasonAndReportedFailed() {
        CustomerMessageSubmitted m = messageTo("JC-GIBT-ES-NICHT")
                .subject("Betreff " + CANARY)
                .body("Text " + CANARY)
                .build();
        try (TopicProbe probe = probeEverything()) {
            RoutingTopics.submit(bootstrap(), m);
            var records = recordsOf(probe, m, 2);

            var dead = only(records, DLQ);
            assertThat(dead.key()).isEqualTo(m.conversationId().toString());
            assertThat(dead.value()).isEqualTo(EventJson.write(m));
            assertThat(TopicProbe.header(dead, "dead-letter-code")).isEqualTo("UNKNOWN_OFFICE");
            assertThat(TopicProbe.header(dead, "dead-letter-reason")).contains("JC-GIBT-ES-NICHT");
            assertThat(TopicProbe.header(dead, "dead-letter-topic")).isEqualTo(Topics.CUSTOMER_MESSAGES);
            assertThat(TopicProbe.header(dead, "dead-letter-partition")).isNotBlank();
            assertThat(TopicProbe.header(dead, "dead-letter-offset")).isNotBlank();
            assertThat(TopicProbe.header(dead, CloudEventHeaders.TYPE))
                    .isEqualTo("de.jobcenter.postfach.CustomerMessageSubmitted.v1");
            assertNoContentInHeaders(dead);

            var statusRecord = only(records, Topics.DELIVERY_STATUS);
            DeliveryStatusChanged status = EventJson.read(statusRecord.value(), DeliveryStatusChanged.class);
            assertThat(status.status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(status.detail()).contains("UNKNOWN_OFFICE").doesNotContain(CANARY);
            assertThat(statusRecord.key()).isEqualTo(m.messageId().toString());
            assertThat(records.stream().filter(r -> r.topic().startsWith("postfach.routed.")))
                    .isEmpty();
        }
    }

    @Test
    void anUndecodableRecordGoesToTheDeadLetterTopicAndTheNextOneIsStillRouted() {
        String poisonKey = UUID.randomUUID().toString();
        CustomerMessageSubmitted next = messageTo(BERLIN_MITTE).build();
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), DLQ, Topics.ROUTED_EAKTE)) {
            TopicProbe.send(
                    bootstrap(),
                    Topics.CUSTOMER_MESSAGES,
                    poisonKey,
                    ("{\"messageId\": \"not-a-uuid\", \"subject\": \"" + CANARY + "\"")
                            .getBytes(StandardCharsets.UTF_8),
                    java.util.Map.of());
            RoutingTopics.submit(bootstrap(), next);

            var dead = probe.await(r -> r.topic().equals(DLQ) && poisonKey.equals(r.key()), 1, WAIT);
            assertThat(TopicProbe.header(dead.get(0), "dead-letter-code")).isEqualTo("UNDECODABLE");
            assertThat(TopicProbe.header(dead.get(0), "dead-letter-reason"))
                    .isNotBlank()
                    .doesNotContain(CANARY);
            assertThat(TopicProbe.header(dead.get(0), "dead-letter-topic")).isEqualTo(Topics.CUSTOMER_MESSAGES);
            assertNoContentInHeaders(dead.get(0));

            probe.await(
                    r -> r.topic().equals(Topics.ROUTED_EAKTE)
                            && TopicProbe.valueContains(r, next.messageId().toString()),
                    1,
                    WAIT);
        }
    }

    @Test
    void anUndecodableMessageWhoseHeadersNameItIsReportedFailed() {
        CustomerMessageSubmitted named = messageTo(BERLIN_MITTE).build();
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), DLQ, Topics.DELIVERY_STATUS)) {
            TopicProbe.send(
                    bootstrap(),
                    Topics.CUSTOMER_MESSAGES,
                    named.partitionKey(),
                    ("{\"messageId\": \"" + named.messageId() + "\", \"body\": \"" + CANARY + "\"")
                            .getBytes(StandardCharsets.UTF_8),
                    CloudEventHeaders.forEvent(named, "mailbox-api", Instant.now()));

            var records = probe.await(
                    r -> TopicProbe.valueContains(r, named.messageId().toString()), 2, WAIT);
            assertThat(TopicProbe.header(only(records, DLQ), "dead-letter-code"))
                    .isEqualTo("UNDECODABLE");
            DeliveryStatusChanged status =
                    EventJson.read(only(records, Topics.DELIVERY_STATUS).value(), DeliveryStatusChanged.class);
            assertThat(status.status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(status.detail()).contains("UNDECODABLE").doesNotContain(CANARY);
        }
    }

    @Test
    void countsRoutedFallbacksDeadLettersAndDecisionTimeWithoutContent() {
        CustomerMessageSubmitted outlook =
                messageTo(BERLIN_MITTE).concern("COPY_REQUEST").subject(CANARY).build();
        CustomerMessageSubmitted notOffered =
                messageTo(BERLIN_MITTE).concern("EDUCATION_AND_PARTICIPATION").build();
        double outlookBefore = RunningService.metric("postfach_routing_routed_total", "channel=\"OUTLOOK\"");
        double notOfferedBefore =
                RunningService.metric("postfach_routing_fallbacks_total", "reason=\"CONCERN_NOT_OFFERED\"");
        double decisionsBefore = RunningService.metric("postfach_routing_decision_seconds_count", "");
        try (TopicProbe probe = probeEverything()) {
            RoutingTopics.submit(bootstrap(), outlook);
            RoutingTopics.submit(bootstrap(), notOffered);
            recordsOf(probe, outlook, 2);
            recordsOf(probe, notOffered, 2);
        }

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(RunningService.metric("postfach_routing_routed_total", "channel=\"OUTLOOK\""))
                    .isGreaterThan(outlookBefore);
            assertThat(RunningService.metric("postfach_routing_fallbacks_total", "reason=\"CONCERN_NOT_OFFERED\""))
                    .isGreaterThan(notOfferedBefore);
            assertThat(RunningService.metric("postfach_routing_decision_seconds_count", ""))
                    .isGreaterThanOrEqualTo(decisionsBefore + 2);
        });
        String metrics = RunningService.metrics();
        assertThat(metrics)
                .contains("postfach_routing_dead_lettered_total{reason=\"UNKNOWN_OFFICE\"")
                .contains("postfach_office_config_version{office=\"" + BERLIN_MITTE + "\"} 3.0")
                .doesNotContain(CANARY);
    }

    @Test
    void isReadyOnlyWithTheConfigurationReplicaLoaded() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'office-configuration-replica' }.status", Matchers.equalTo("UP"));
    }
}
