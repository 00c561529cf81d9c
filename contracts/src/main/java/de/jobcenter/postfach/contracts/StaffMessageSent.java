package de.jobcenter.postfach.contracts;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * Office staff answered, or started a conversation, in one of the channels; the adapter publishes
 * it for mailbox-api to file in the customer's mailbox.
 *
 * <p>Which customer it is for is checked by mailbox-api, not here: a staff message it cannot file is
 * answered with {@link StaffMessageRejected}, so only the fields every such answer needs, and the
 * message itself, are enforced on construction.
 *
 * @param messageId stable across retries: see {@link Uuids#staffMessageId(Channel, String)}
 * @param conversationId the thread answered; absent for a conversation started by staff
 * @param inReplyTo the customer message answered, if any
 * @param customerId required when conversationId is absent, unless customerNumber is given
 * @param concern for a new conversation: {@code OTHER} unless staff chose one
 * @param paymentRelevant set by staff in their channel
 * @param route the office's configured target it came from; a customer's reply goes back there
 */
public record StaffMessageSent(
        UUID messageId,
        UUID conversationId,
        UUID inReplyTo,
        String customerId,
        String customerNumber,
        String officeId,
        String concern,
        String subject,
        String body,
        boolean paymentRelevant,
        RouteRef route,
        Instant sentAt)
        implements PostfachEvent {

    public StaffMessageSent {
        requireNonNull(messageId, "messageId is required");
        requireNonNull(officeId, "officeId is required");
        requireNonNull(concern, "concern is required");
        requireNonNull(subject, "subject is required");
        requireNonNull(body, "body is required");
        requireNonNull(route, "route is required");
        requireNonNull(sentAt, "sentAt is required");
    }

    @Override
    public EventType eventType() {
        return EventType.STAFF_MESSAGE_SENT;
    }

    @Override
    public String businessKey() {
        return messageId.toString();
    }

    /** The conversation, so a thread stays in order; a conversation started by staff has none yet. */
    @Override
    public String partitionKey() {
        return conversationId != null ? conversationId.toString() : messageId.toString();
    }

    @Override
    public String cloudEventSubject() {
        return messageId.toString();
    }
}
