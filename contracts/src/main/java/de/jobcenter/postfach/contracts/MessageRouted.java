package de.jobcenter.postfach.contracts;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * A customer message with the routing decision attached; published on the routed topic of the
 * chosen channel, so the adapter needs nothing but this record to deliver.
 *
 * @param route the decision
 * @param configVersion the version of the office configuration the decision was made with
 * @param fallbackReason set when the office's fallback route was used
 */
public record MessageRouted(
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
        Instant submittedAt,
        RouteRef route,
        long configVersion,
        FallbackReason fallbackReason,
        Instant routedAt)
        implements PostfachEvent {

    public MessageRouted {
        requireNonNull(messageId, "messageId is required");
        requireNonNull(conversationId, "conversationId is required");
        requireNonNull(customerId, "customerId is required");
        requireNonNull(officeId, "officeId is required");
        requireNonNull(concern, "concern is required");
        requireNonNull(subject, "subject is required");
        requireNonNull(body, "body is required");
        requireNonNull(submittedAt, "submittedAt is required");
        requireNonNull(route, "route is required");
        requireNonNull(routedAt, "routedAt is required");
    }

    public static MessageRouted of(
            CustomerMessageSubmitted m,
            RouteRef route,
            long configVersion,
            FallbackReason fallbackReason,
            Instant routedAt) {
        return new MessageRouted(
                m.messageId(),
                m.conversationId(),
                m.inReplyTo(),
                m.customerId(),
                m.customerNumber(),
                m.officeId(),
                m.concern(),
                m.subject(),
                m.body(),
                m.paymentRelevant(),
                m.replyRoute(),
                m.submittedAt(),
                route,
                configVersion,
                fallbackReason,
                routedAt);
    }

    @Override
    public EventType eventType() {
        return EventType.MESSAGE_ROUTED;
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
