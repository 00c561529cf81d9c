package de.jobcenter.postfach.contracts;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * A customer wrote to an office (a first message or a reply). Published by mailbox-api through its
 * outbox; the routing service decides where it goes.
 *
 * @param inReplyTo the staff message answered, if any
 * @param customerNumber the BA customer number, when the token carries it
 * @param paymentRelevant the office's setting for the concern
 * @param replyRoute for a reply: where the answered staff message came from
 */
public record CustomerMessageSubmitted(
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
        RouteRef replyRoute,
        Instant submittedAt)
        implements PostfachEvent {

    public CustomerMessageSubmitted {
        requireNonNull(messageId, "messageId is required");
        requireNonNull(conversationId, "conversationId is required");
        requireNonNull(customerId, "customerId is required");
        requireNonNull(officeId, "officeId is required");
        requireNonNull(concern, "concern is required");
        requireNonNull(subject, "subject is required");
        requireNonNull(body, "body is required");
        requireNonNull(submittedAt, "submittedAt is required");
    }

    @Override
    public EventType eventType() {
        return EventType.CUSTOMER_MESSAGE_SUBMITTED;
    }

    @Override
    public String businessKey() {
        return messageId.toString();
    }

    @Override
    public String partitionKey() {
        return conversationId.toString();
    }

    @Override
    public String cloudEventSubject() {
        return messageId.toString();
    }
}
