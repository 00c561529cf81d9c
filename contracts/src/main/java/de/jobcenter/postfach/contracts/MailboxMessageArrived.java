package de.jobcenter.postfach.contracts;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * A new message landed in a customer's mailbox; the trigger for the content-free info e-mail. It
 * deliberately carries no subject and no body.
 */
public record MailboxMessageArrived(
        String customerId, UUID messageId, String officeId, OfficeType officeType, Instant arrivedAt)
        implements PostfachEvent {

    public MailboxMessageArrived {
        requireNonNull(customerId, "customerId is required");
        requireNonNull(messageId, "messageId is required");
        requireNonNull(officeId, "officeId is required");
        requireNonNull(officeType, "officeType is required");
        requireNonNull(arrivedAt, "arrivedAt is required");
    }

    @Override
    public EventType eventType() {
        return EventType.MAILBOX_MESSAGE_ARRIVED;
    }

    @Override
    public String businessKey() {
        return messageId.toString();
    }

    @Override
    public String partitionKey() {
        return customerId;
    }

    @Override
    public String cloudEventSubject() {
        return messageId.toString();
    }
}
