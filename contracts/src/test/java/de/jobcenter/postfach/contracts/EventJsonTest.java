package de.jobcenter.postfach.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventJsonTest {

    private static final String CANARY = "Kanarienvogel-7f3a";

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everySampleSurvivesARoundTripThroughItsRecord(EventType type) {
        byte[] sample = Resources.bytes(type.sampleResource());

        PostfachEvent event = EventJson.read(sample, type);

        assertThat(event).isInstanceOf(type.payloadClass());
        assertThat(event.eventType()).isEqualTo(type);
        assertThat(Resources.tree(EventJson.write(event))).isEqualTo(Resources.tree(sample));
    }

    @Test
    void readingByRecordClassGivesTheSameEventAsReadingByType() {
        byte[] sample = Resources.bytes(EventType.MESSAGE_ROUTED.sampleResource());

        MessageRouted routed = EventJson.read(sample, MessageRouted.class);

        assertThat(routed).isEqualTo(EventJson.read(sample, EventType.MESSAGE_ROUTED));
        assertThat(routed.route()).isEqualTo(RouteRef.eakte("jc-berlin-mitte"));
        assertThat(routed.fallbackReason()).isEqualTo(FallbackReason.REPLY_ROUTE_INVALID);
        assertThat(routed.routedAt()).isEqualTo(Instant.parse("2025-03-10T08:15:31.204Z"));
    }

    @Test
    void unknownFieldsAreIgnoredWhenReading() {
        ObjectNode sample = Resources.sample(EventType.STAFF_MESSAGE_SENT);
        sample.put("priority", "HIGH");
        sample.putObject("attachment").put("fileName", "Bescheid.pdf");
        ((ObjectNode) sample.get("route")).put("team", "Leistung 3");

        StaffMessageSent event = EventJson.read(bytes(sample), StaffMessageSent.class);

        assertThat(event)
                .isEqualTo(EventJson.read(
                        Resources.bytes(EventType.STAFF_MESSAGE_SENT.sampleResource()), StaffMessageSent.class));
    }

    @Test
    void timesAreWrittenAsRfc3339StringsAndAbsentFieldsAreLeftOut() {
        JsonNode json = Resources.tree(EventJson.write(TestEvents.customerMessage()));

        assertThat(json.get("submittedAt").isTextual()).isTrue();
        assertThat(json.get("submittedAt").asText()).isEqualTo("2025-04-02T07:30:00Z");
        assertThat(json.has("inReplyTo")).isFalse();
        assertThat(json.has("customerNumber")).isFalse();
        assertThat(json.has("replyRoute")).isFalse();
        assertThat(json.get("paymentRelevant").asBoolean(true)).isFalse();
    }

    @Test
    void derivedKeysAreNotPartOfThePayload() {
        for (EventType type : EventType.values()) {
            JsonNode json = Resources.tree(EventJson.write(TestEvents.minimal(type)));

            assertThat(json.has("eventType")).as(type.name()).isFalse();
            assertThat(json.has("businessKey")).as(type.name()).isFalse();
            assertThat(json.has("partitionKey")).as(type.name()).isFalse();
            assertThat(json.has("cloudEventSubject")).as(type.name()).isFalse();
        }
    }

    @Test
    void enumsAreWrittenByName() {
        JsonNode json = Resources.tree(EventJson.write(TestEvents.minimal(EventType.STAFF_MESSAGE_REJECTED)));

        assertThat(json.get("reason").asText()).isEqualTo("CONVERSATION_MISMATCH");
        assertThat(json.get("route").get("channel").asText()).isEqualTo("OUTLOOK");
    }

    @Test
    void readingGarbageFailsWithoutQuotingIt() {
        byte[] garbage = ("Betreff: " + CANARY + " <html>").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> EventJson.read(garbage, EventType.CUSTOMER_MESSAGE_SUBMITTED))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("de.jobcenter.postfach.CustomerMessageSubmitted.v1")
                .hasNoCause()
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(CANARY, "Betreff", "html"));
    }

    @Test
    void aWrongValueIsReportedByFieldButNotQuoted() {
        ObjectNode sample = Resources.sample(EventType.CUSTOMER_MESSAGE_SUBMITTED);
        ((ObjectNode) sample.get("replyRoute")).put("channel", CANARY);

        assertThatThrownBy(() -> EventJson.read(bytes(sample), CustomerMessageSubmitted.class))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("replyRoute.channel")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(CANARY));
    }

    @Test
    void aMissingRequiredFieldIsReportedByNameWithoutTheContent() {
        ObjectNode sample = Resources.sample(EventType.CUSTOMER_MESSAGE_SUBMITTED);
        sample.remove("messageId");
        sample.put("subject", CANARY);

        assertThatThrownBy(() -> EventJson.read(bytes(sample), EventType.CUSTOMER_MESSAGE_SUBMITTED))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("messageId is required")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(CANARY));
    }

    @Test
    void aTruncatedRecordIsUndecodable() {
        byte[] sample = Resources.bytes(EventType.MAILBOX_MESSAGE_ARRIVED.sampleResource());
        byte[] truncated = java.util.Arrays.copyOf(sample, sample.length / 2);

        assertThatThrownBy(() -> EventJson.read(truncated, MailboxMessageArrived.class))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageStartingWith("Cannot decode MailboxMessageArrived");
    }

    @Test
    void anEmptyOrNullPayloadIsUndecodable() {
        assertThatThrownBy(() -> EventJson.read(null, EventType.NOTIFICATION_PREFERENCE_CHANGED))
                .isInstanceOf(UndecodableEventException.class);
        assertThatThrownBy(() -> EventJson.read(new byte[0], EventType.NOTIFICATION_PREFERENCE_CHANGED))
                .isInstanceOf(UndecodableEventException.class);
        assertThatThrownBy(() -> EventJson.read(
                        "null".getBytes(StandardCharsets.UTF_8), EventType.NOTIFICATION_PREFERENCE_CHANGED))
                .isInstanceOf(UndecodableEventException.class);
    }

    @Test
    void aSecondDocumentAfterTheEventIsUndecodable() {
        byte[] sample = Resources.bytes(EventType.DELIVERY_STATUS_CHANGED.sampleResource());
        byte[] twice = (new String(sample, StandardCharsets.UTF_8) + new String(sample, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> EventJson.read(twice, DeliveryStatusChanged.class))
                .isInstanceOf(UndecodableEventException.class);
    }

    @Test
    void aWrittenRecordReadsBackEqual() {
        DeliveryStatusChanged failed = new DeliveryStatusChanged(
                UUID.fromString("c2f70722-9a63-4063-87d6-a716e576674e"),
                DeliveryStatus.FAILED,
                Channel.SERVICE_CENTER,
                "VCC antwortete 503 nach 5 Versuchen",
                null,
                null,
                Instant.parse("2025-03-12T10:00:00.123456789Z"));

        assertThat(EventJson.read(EventJson.write(failed), DeliveryStatusChanged.class))
                .isEqualTo(failed);
    }

    private static byte[] bytes(JsonNode tree) {
        return Resources.json(tree).getBytes(StandardCharsets.UTF_8);
    }
}
