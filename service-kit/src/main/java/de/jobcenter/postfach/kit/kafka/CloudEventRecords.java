package de.jobcenter.postfach.kit.kafka;

import de.jobcenter.postfach.contracts.CloudEventHeaders;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.PostfachEvent;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Builds Kafka records for events: key, JSON value and CloudEvents binary-mode headers. */
public final class CloudEventRecords {
    private CloudEventRecords() {}

    public static Headers headers(Map<String, String> ceHeaders) {
        RecordHeaders headers = new RecordHeaders();
        ceHeaders.forEach((k, v) -> headers.add(k, v.getBytes(StandardCharsets.UTF_8)));
        return headers;
    }

    public static Headers headers(PostfachEvent event, String service, Instant time) {
        return headers(CloudEventHeaders.forEvent(event, service, time));
    }

    /** A record for a plain Kafka producer (the outbox relay). */
    public static ProducerRecord<String, byte[]> producerRecord(
            String topic, String key, byte[] value, Map<String, String> ceHeaders) {
        return new ProducerRecord<>(topic, null, key, value, headers(ceHeaders));
    }

    /** A record for a SmallRye emitter or a transaction, on the given topic. */
    public static Message<byte[]> message(String topic, PostfachEvent event, String service, Instant time) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(topic)
                .withKey(event.partitionKey())
                .withHeaders(headers(event, service, time))
                .build();
        return Message.of(EventJson.write(event)).addMetadata(metadata);
    }

    /** A header's value as text, or null. */
    public static String header(Headers headers, String name) {
        var h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
