package de.jobcenter.postfach.eakte;

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
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;

/** Test data and small helpers shared by the adapter's tests. */
final class Fixtures {
    static final String OFFICE = OfficeConfigResource.LIVE;

    private Fixtures() {}

    static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** A routed message whose subject and body carry {@code canary}, so a test can look for leaks. */
    static MessageRouted routed(String canary) {
        CustomerMessageSubmitted m = new CustomerMessageSubmitted(
                UUID.randomUUID(),
                UUID.randomUUID(),
                null,
                "customer-1",
                "123D456789",
                OFFICE,
                "RENT_AND_HEATING",
                "Nebenkostenabrechnung " + canary,
                "Anbei meine Frage zur Nebenkostenabrechnung. " + canary,
                true,
                null,
                Instant.now());
        return MessageRouted.of(m, RouteRef.eakte(OFFICE), 3L, null, Instant.now());
    }

    static MessageRouted routed() {
        return routed("");
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
        send(Topics.ROUTED_EAKTE, m);
    }

    static Predicate<ConsumerRecord<String, byte[]>> status(UUID messageId, DeliveryStatus status) {
        return r -> r.topic().equals(Topics.DELIVERY_STATUS)
                && TopicProbe.valueContains(r, messageId.toString())
                && EventJson.read(r.value(), DeliveryStatusChanged.class).status() == status;
    }

    static Predicate<ConsumerRecord<String, byte[]>> about(UUID messageId) {
        return r -> TopicProbe.valueContains(r, messageId.toString());
    }

    static DeliveryStatusChanged statusOf(ConsumerRecord<String, byte[]> record) {
        return EventJson.read(record.value(), DeliveryStatusChanged.class);
    }

    static long documentsWithKey(String key) {
        return EakteSimulatorResource.simulator.documents().stream()
                .filter(d -> d.path("idempotencyKey").asText().equals(key))
                .count();
    }
}
