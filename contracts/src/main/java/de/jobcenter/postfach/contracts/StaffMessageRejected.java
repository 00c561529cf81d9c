package de.jobcenter.postfach.contracts;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * mailbox-api could not file a staff message (unknown customer, a conversation of another
 * customer, ...). The adapter that carried it tells the staff member through the same channel.
 *
 * @param route where the rejected staff message came from
 */
public record StaffMessageRejected(UUID messageId, String officeId, RouteRef route, RejectionReason reason, Instant at)
        implements PostfachEvent {

    public StaffMessageRejected {
        requireNonNull(messageId, "messageId is required");
        requireNonNull(officeId, "officeId is required");
        requireNonNull(route, "route is required");
        requireNonNull(reason, "reason is required");
        requireNonNull(at, "at is required");
    }

    @Override
    public EventType eventType() {
        return EventType.STAFF_MESSAGE_REJECTED;
    }

    @Override
    public String businessKey() {
        return messageId.toString();
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
