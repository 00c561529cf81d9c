package de.jobcenter.postfach.contracts;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * A payment-relevant message, in either direction, that must be archived revision-safe in E-AKTE,
 * whatever channel carried it. The eakte-adapter files at most one document per message and
 * direction.
 *
 * @param customerId the portal identity; may be absent for a staff message that starts a conversation by
 *     customer number, then {@code customerNumber} is required
 * @param carriedBy the channel that carried the message
 */
public record ArchiveRequested(
        UUID messageId,
        Direction direction,
        String officeId,
        String customerId,
        String customerNumber,
        String concern,
        String subject,
        String body,
        Channel carriedBy,
        Instant occurredAt)
        implements PostfachEvent {

    public ArchiveRequested {
        requireNonNull(messageId, "messageId is required");
        requireNonNull(direction, "direction is required");
        requireNonNull(officeId, "officeId is required");
        if (customerId == null && customerNumber == null) {
            throw new IllegalArgumentException("customerId or customerNumber is required");
        }
        requireNonNull(concern, "concern is required");
        requireNonNull(subject, "subject is required");
        requireNonNull(body, "body is required");
        requireNonNull(carriedBy, "carriedBy is required");
        requireNonNull(occurredAt, "occurredAt is required");
    }

    @Override
    public EventType eventType() {
        return EventType.ARCHIVE_REQUESTED;
    }

    @Override
    public String businessKey() {
        return messageId + ":" + direction;
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
