package de.jobcenter.postfach.contracts;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * A message's delivery moved on (ROUTED, DELIVERED, FAILED) or it was archived (ARCHIVED).
 *
 * @param channel the channel concerned, when known
 * @param detail a technical reason, e.g. for FAILED; never message content
 * @param archiveDocumentId for ARCHIVED: the E-AKTE document id
 * @param sha256 for ARCHIVED: the archived document's checksum
 */
public record DeliveryStatusChanged(
        UUID messageId,
        DeliveryStatus status,
        Channel channel,
        String detail,
        String archiveDocumentId,
        String sha256,
        Instant at)
        implements PostfachEvent {

    public DeliveryStatusChanged {
        requireNonNull(messageId, "messageId is required");
        requireNonNull(status, "status is required");
        requireNonNull(at, "at is required");
    }

    @Override
    public EventType eventType() {
        return EventType.DELIVERY_STATUS_CHANGED;
    }

    @Override
    public String businessKey() {
        return messageId + ":" + status;
    }

    @Override
    public String partitionKey() {
        return messageId.toString();
    }

    @Override
    public String cloudEventSubject() {
        return messageId.toString();
    }
}
