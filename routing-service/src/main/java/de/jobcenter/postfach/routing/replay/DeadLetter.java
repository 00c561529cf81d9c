package de.jobcenter.postfach.routing.replay;

import com.fasterxml.jackson.databind.JsonNode;
import de.jobcenter.postfach.contracts.CloudEventHeaders;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.routing.transport.OutgoingRecords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * What an operator sees of one dead-lettered record: where it is, which message and office it concerns, and why it
 * was dead-lettered. Never its subject or body.
 *
 * @param key the conversation id (the record key)
 * @param code a {@code DeadLetterReason}
 * @param messageId null if even that cannot be read
 * @param officeId null if it cannot be read
 */
public record DeadLetter(
        int partition,
        long offset,
        String key,
        String messageId,
        String officeId,
        String code,
        String reason,
        Instant deadLetteredAt) {

    static DeadLetter of(ConsumerRecord<String, byte[]> record) {
        JsonNode value = readTolerantly(record.value());
        String messageId = text(value, "messageId");
        if (messageId == null) {
            messageId = header(record.headers(), CloudEventHeaders.SUBJECT);
        }
        return new DeadLetter(
                record.partition(),
                record.offset(),
                record.key(),
                messageId,
                text(value, "officeId"),
                header(record.headers(), OutgoingRecords.DEAD_LETTER_CODE),
                header(record.headers(), OutgoingRecords.DEAD_LETTER_REASON),
                Instant.ofEpochMilli(record.timestamp()));
    }

    private static JsonNode readTolerantly(byte[] value) {
        if (value == null || value.length == 0) {
            return null;
        }
        try {
            return EventJson.mapper().readTree(value);
        } catch (IOException e) {
            return null;
        }
    }

    /** A top-level identifier field only: ids and office codes, never free text. */
    private static String text(JsonNode value, String field) {
        if (value == null || !value.path(field).isTextual()) {
            return null;
        }
        String text = value.path(field).asText();
        return text.length() <= 100 ? text : null;
    }

    static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
