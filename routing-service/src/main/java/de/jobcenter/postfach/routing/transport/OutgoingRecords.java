package de.jobcenter.postfach.routing.transport;

import de.jobcenter.postfach.contracts.ArchiveRequested;
import de.jobcenter.postfach.contracts.CloudEventHeaders;
import de.jobcenter.postfach.contracts.CustomerMessageSubmitted;
import de.jobcenter.postfach.contracts.DeliveryStatus;
import de.jobcenter.postfach.contracts.DeliveryStatusChanged;
import de.jobcenter.postfach.contracts.Direction;
import de.jobcenter.postfach.contracts.EventType;
import de.jobcenter.postfach.contracts.MessageRouted;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.kit.kafka.CloudEventRecords;
import de.jobcenter.postfach.routing.decision.DeadLetterReason;
import de.jobcenter.postfach.routing.decision.RoutingDecision;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The records routing-service writes: the routed message, its status, the archive request and the dead letter.
 * Keys: the conversation for routed and dead-lettered messages (order per conversation), the message for status and
 * archive records. Headers carry no message content.
 */
public final class OutgoingRecords {
    public static final String SERVICE = "routing-service";

    /** The dead-letter headers; {@code dead-letter-code} holds a {@link DeadLetterReason}. */
    public static final String DEAD_LETTER_PREFIX = "dead-letter-";

    public static final String DEAD_LETTER_REASON = "dead-letter-reason";
    public static final String DEAD_LETTER_CODE = "dead-letter-code";
    public static final String DEAD_LETTER_TOPIC = "dead-letter-topic";
    public static final String DEAD_LETTER_PARTITION = "dead-letter-partition";
    public static final String DEAD_LETTER_OFFSET = "dead-letter-offset";
    public static final String DEAD_LETTER_SERVICE = "dead-letter-service";

    private OutgoingRecords() {}

    static Message<byte[]> routed(CustomerMessageSubmitted message, RoutingDecision.Routed decision, Instant now) {
        MessageRouted routed =
                MessageRouted.of(message, decision.route(), decision.configVersion(), decision.fallbackReason(), now);
        return CloudEventRecords.message(Topics.routed(decision.channel()), routed, SERVICE, now);
    }

    static Message<byte[]> routedStatus(
            CustomerMessageSubmitted message, RoutingDecision.Routed decision, Instant now) {
        String detail = decision.fallbackReason() == null
                ? null
                : "fallback route of the office used: " + decision.fallbackReason();
        DeliveryStatusChanged status = new DeliveryStatusChanged(
                message.messageId(), DeliveryStatus.ROUTED, decision.channel(), detail, null, null, now);
        return CloudEventRecords.message(Topics.DELIVERY_STATUS, status, SERVICE, now);
    }

    /** The revision-safe copy for E-AKTE of a payment-relevant message that another channel carries. */
    static Message<byte[]> archiveRequest(
            CustomerMessageSubmitted message, RoutingDecision.Routed decision, Instant now) {
        ArchiveRequested archive = new ArchiveRequested(
                message.messageId(),
                Direction.INBOUND,
                message.officeId(),
                message.customerId(),
                message.customerNumber(),
                message.concern(),
                message.subject(),
                message.body(),
                decision.channel(),
                message.submittedAt());
        return CloudEventRecords.message(Topics.ARCHIVE_REQUESTS, archive, SERVICE, now);
    }

    static Message<byte[]> failedStatus(UUID messageId, DeadLetterReason reason, String detail, Instant now) {
        DeliveryStatusChanged status = new DeliveryStatusChanged(
                messageId,
                DeliveryStatus.FAILED,
                null,
                reason + ": " + detail + "; kept in " + Topics.dlq(Topics.CUSTOMER_MESSAGES) + " for replay",
                null,
                null,
                now);
        return CloudEventRecords.message(Topics.DELIVERY_STATUS, status, SERVICE, now);
    }

    /**
     * The input record, unchanged in key and value, for the dead-letter topic, with its own headers (minus earlier
     * dead-letter headers) and the reason. {@code reason} must be content-free: it is a header.
     */
    static Message<byte[]> deadLetter(KafkaRecord<String, byte[]> record, DeadLetterReason code, String reason) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.getHeaders()) {
            if (!header.key().startsWith(DEAD_LETTER_PREFIX)) {
                headers.add(header);
            }
        }
        headers.add(DEAD_LETTER_CODE, bytes(code.name()));
        headers.add(DEAD_LETTER_REASON, bytes(reason));
        headers.add(DEAD_LETTER_TOPIC, bytes(record.getTopic()));
        headers.add(DEAD_LETTER_PARTITION, bytes(String.valueOf(record.getPartition())));
        record.getMetadata(IncomingKafkaRecordMetadata.class)
                .ifPresent(m -> headers.add(DEAD_LETTER_OFFSET, bytes(String.valueOf(m.getOffset()))));
        headers.add(DEAD_LETTER_SERVICE, bytes(SERVICE));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(Topics.dlq(Topics.CUSTOMER_MESSAGES))
                .withKey(record.getKey())
                .withHeaders(headers)
                .build();
        return Message.of(record.getPayload() == null ? new byte[0] : record.getPayload())
                .addMetadata(metadata);
    }

    /**
     * The message id of a record that cannot be decoded, from its CloudEvents headers ({@code ce_subject} of a
     * {@code CustomerMessageSubmitted} is the message id), so that its sender still learns it FAILED.
     */
    static Optional<UUID> messageIdFromHeaders(KafkaRecord<String, byte[]> record) {
        String type = header(record, CloudEventHeaders.TYPE);
        String subject = header(record, CloudEventHeaders.SUBJECT);
        if (!EventType.CUSTOMER_MESSAGE_SUBMITTED.type().equals(type) || subject == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(subject));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String header(KafkaRecord<String, byte[]> record, String name) {
        Header header = record.getHeaders().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
