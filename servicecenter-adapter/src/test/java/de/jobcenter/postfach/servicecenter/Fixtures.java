package de.jobcenter.postfach.servicecenter;

import de.jobcenter.postfach.contracts.CloudEventHeaders;
import de.jobcenter.postfach.contracts.CustomerMessageSubmitted;
import de.jobcenter.postfach.contracts.DeliveryStatus;
import de.jobcenter.postfach.contracts.DeliveryStatusChanged;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.MessageRouted;
import de.jobcenter.postfach.contracts.PostfachEvent;
import de.jobcenter.postfach.contracts.RouteRef;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.testing.TopicProbe;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;

/** Test data and small helpers shared by the adapter's tests. */
final class Fixtures {
    static final String OFFICE = OfficeConfigResource.WITH_CONTRACT;

    private Fixtures() {}

    static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** A message routed to the service center of {@code officeId}; subject and body carry {@code canary}. */
    static MessageRouted routed(String officeId, String canary) {
        CustomerMessageSubmitted m = new CustomerMessageSubmitted(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                "customer-" + UUID.randomUUID(),
                "123D456789",
                officeId,
                "PROCESSING_STATUS",
                "Stand meines Antrags " + canary,
                "Guten Tag, wie ist der Stand meines Antrags? " + canary,
                false,
                null,
                Instant.now());
        return MessageRouted.of(
                m, RouteRef.serviceCenter(officeId, OfficeConfigResource.SERVICE_CENTER), 1L, null, Instant.now());
    }

    static MessageRouted routed() {
        return routed(OFFICE, "");
    }

    static void send(String topic, PostfachEvent event) {
        TopicProbe.send(
                bootstrap(),
                topic,
                event.partitionKey(),
                EventJson.write(event),
                CloudEventHeaders.forEvent(event, "routing-service", Instant.now()));
    }

    static void sendRouted(MessageRouted m) {
        send(Topics.ROUTED_SERVICECENTER, m);
    }

    static Predicate<ConsumerRecord<String, byte[]>> status(UUID messageId, DeliveryStatus status) {
        return r -> r.topic().equals(Topics.DELIVERY_STATUS)
                && TopicProbe.valueContains(r, messageId.toString())
                && EventJson.read(r.value(), DeliveryStatusChanged.class).status() == status;
    }

    static DeliveryStatusChanged statusOf(ConsumerRecord<String, byte[]> record) {
        return EventJson.read(record.value(), DeliveryStatusChanged.class);
    }

    static long ticketsFor(UUID messageId) {
        return VccSimulatorResource.simulator.tickets().stream()
                .filter(t -> t.path("externalReference").asText().equals(messageId.toString()))
                .count();
    }

    /** A staff reply as the VCC sends it, answering a ticket. */
    static Map<String, Object> reply(String sourceId, UUID externalReference) {
        Map<String, Object> reply = new HashMap<>();
        reply.put("sourceId", sourceId);
        reply.put("officeId", OFFICE);
        reply.put("externalReference", externalReference.toString());
        reply.put("conversationId", UUID.randomUUID().toString());
        reply.put("customerNumber", "123D456789");
        reply.put("subject", "AW: Ihre Anfrage");
        reply.put("body", "Ihr Antrag ist bewilligt.");
        reply.put("paymentRelevant", true);
        reply.put("sentAt", "2026-11-29T08:00:00Z");
        return reply;
    }
}
