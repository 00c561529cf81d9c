package de.jobcenter.postfach.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CloudEventHeadersTest {

    private static final UUID MESSAGE = UUID.fromString("e051a7f0-0eeb-4155-bb1a-cf34020919c5");
    private static final Instant AT = Instant.parse("2025-03-10T08:15:31Z");

    @Test
    void headersCarryTheCloudEventsAttributesInOrder() {
        MessageRouted routed =
                EventJson.read(Resources.bytes(EventType.MESSAGE_ROUTED.sampleResource()), MessageRouted.class);

        Map<String, String> headers = CloudEventHeaders.forEvent(routed, "routing-service", AT);

        assertThat(headers)
                .containsExactly(
                        entry("ce_specversion", "1.0"),
                        entry("ce_id", CloudEventHeaders.eventId(routed).toString()),
                        entry("ce_type", "de.jobcenter.postfach.MessageRouted.v1"),
                        entry("ce_source", "/postfach/routing-service"),
                        entry("ce_time", "2025-03-10T08:15:31Z"),
                        entry("ce_subject", "e051a7f0-0eeb-4155-bb1a-cf34020919c5"),
                        entry("content-type", "application/json"));
    }

    @Test
    void theSubjectHeaderIsNeverTheMessagesSubjectLine() {
        for (EventType type : EventType.values()) {
            PostfachEvent event = EventJson.read(Resources.bytes(type.sampleResource()), type);
            String subjectLine = Resources.sample(type).path("subject").asText("");

            String header = CloudEventHeaders.forEvent(event, "test", AT).get(CloudEventHeaders.SUBJECT);

            assertThat(header).as(type.name()).isNotBlank();
            if (!subjectLine.isEmpty()) {
                assertThat(header).as(type.name()).doesNotContain(subjectLine);
            }
        }
    }

    @Test
    void theIdIsStableForTheSameBusinessKey() {
        DeliveryStatusChanged first = new DeliveryStatusChanged(
                MESSAGE, DeliveryStatus.FAILED, Channel.EAKTE, "Zeitüberschreitung", null, null, AT);
        DeliveryStatusChanged republished = new DeliveryStatusChanged(
                MESSAGE, DeliveryStatus.FAILED, Channel.EAKTE, "HTTP 503", null, null, AT.plusSeconds(60));

        assertThat(CloudEventHeaders.eventId(republished)).isEqualTo(CloudEventHeaders.eventId(first));
        assertThat(CloudEventHeaders.forEvent(republished, "eakte-adapter", AT.plusSeconds(60)))
                .containsEntry(
                        CloudEventHeaders.ID, CloudEventHeaders.eventId(first).toString());
    }

    @Test
    void theIdDiffersForDifferentBusinessKeys() {
        DeliveryStatusChanged routed =
                new DeliveryStatusChanged(MESSAGE, DeliveryStatus.ROUTED, null, null, null, null, AT);
        DeliveryStatusChanged delivered =
                new DeliveryStatusChanged(MESSAGE, DeliveryStatus.DELIVERED, null, null, null, null, AT);
        DeliveryStatusChanged otherMessage =
                new DeliveryStatusChanged(UUID.randomUUID(), DeliveryStatus.ROUTED, null, null, null, null, AT);

        assertThat(CloudEventHeaders.eventId(routed))
                .isNotEqualTo(CloudEventHeaders.eventId(delivered))
                .isNotEqualTo(CloudEventHeaders.eventId(otherMessage));
    }

    @Test
    void theSameBusinessKeyInTwoEventTypesGivesTwoIds() {
        CustomerMessageSubmitted submitted = TestEvents.customerMessage();
        MessageRouted routed = MessageRouted.of(submitted, RouteRef.eakte(TestEvents.OFFICE), 3, null, AT);

        assertThat(routed.businessKey()).isEqualTo(submitted.businessKey());
        assertThat(CloudEventHeaders.eventId(routed)).isNotEqualTo(CloudEventHeaders.eventId(submitted));
    }

    @Test
    void theIdIsANameBasedUuidOfTypeAndBusinessKey() {
        DeliveryStatusChanged routed =
                new DeliveryStatusChanged(MESSAGE, DeliveryStatus.ROUTED, null, null, null, null, AT);

        assertThat(CloudEventHeaders.eventId(routed))
                .isEqualTo(Uuids.v5(
                        Uuids.NAMESPACE,
                        "de.jobcenter.postfach.DeliveryStatusChanged.v1:e051a7f0-0eeb-4155-bb1a-cf34020919c5:ROUTED"));
        assertThat(CloudEventHeaders.eventId(routed).version()).isEqualTo(5);
    }
}
