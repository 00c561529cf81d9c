package de.jobcenter.postfach.routing.testdata;

import de.jobcenter.postfach.contracts.CustomerMessageSubmitted;
import de.jobcenter.postfach.contracts.RouteRef;
import java.time.Instant;
import java.util.UUID;

/** Test data: a customer message, a first message unless {@link #replyVia} is called. */
public final class MessageBuilder {
    private UUID messageId = UUID.randomUUID();
    private UUID conversationId = UUID.randomUUID();
    private UUID inReplyTo;
    private final String officeId;
    private String concern = "PROCESSING_STATUS";
    private String subject = "Stand meines Antrags";
    private String body = "Guten Tag, wie ist der Stand meines Antrags?";
    private boolean paymentRelevant;
    private RouteRef replyRoute;
    private Instant submittedAt = Instant.parse("2026-03-02T09:15:00Z");

    private MessageBuilder(String officeId) {
        this.officeId = officeId;
    }

    public static MessageBuilder messageTo(String officeId) {
        return new MessageBuilder(officeId);
    }

    public MessageBuilder concern(String concern) {
        this.concern = concern;
        return this;
    }

    public MessageBuilder paymentRelevant() {
        this.paymentRelevant = true;
        return this;
    }

    public MessageBuilder replyVia(RouteRef route) {
        this.replyRoute = route;
        this.inReplyTo = UUID.randomUUID();
        return this;
    }

    public MessageBuilder conversation(UUID conversationId) {
        this.conversationId = conversationId;
        return this;
    }

    public MessageBuilder subject(String subject) {
        this.subject = subject;
        return this;
    }

    public MessageBuilder body(String body) {
        this.body = body;
        return this;
    }

    public MessageBuilder submittedAt(Instant submittedAt) {
        this.submittedAt = submittedAt;
        return this;
    }

    public CustomerMessageSubmitted build() {
        return new CustomerMessageSubmitted(
                messageId,
                conversationId,
                inReplyTo,
                "customer-" + conversationId,
                "123D456789",
                officeId,
                concern,
                subject,
                body,
                paymentRelevant,
                replyRoute,
                submittedAt);
    }
}
