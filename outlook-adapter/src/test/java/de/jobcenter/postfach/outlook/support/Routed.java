package de.jobcenter.postfach.outlook.support;

import de.jobcenter.postfach.contracts.CloudEventHeaders;
import de.jobcenter.postfach.contracts.CustomerMessageSubmitted;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.MessageRouted;
import de.jobcenter.postfach.contracts.RouteRef;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.testing.KafkaBroker;
import de.jobcenter.postfach.testing.TopicProbe;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.UUID;

/** Test data: a customer message as routing-service routes it to an office's Outlook mailbox. */
public final class Routed {
    private UUID messageId = UUID.randomUUID();
    private UUID conversationId = UUID.randomUUID();
    private String officeId = TestOffices.NORD;
    private String mailbox = TestOffices.NORD_MAILBOX;
    private String concern = "APPOINTMENT_REQUEST";
    private String subject = "Terminwunsch für nächste Woche";
    private String body = "Ich hätte gern einen Termin am Dienstag.";
    private String customerNumber = "987A654321";
    private boolean paymentRelevant;

    private Routed() {}

    public static Routed message() {
        return new Routed();
    }

    public Routed to(String officeId, String mailbox) {
        this.officeId = officeId;
        this.mailbox = mailbox;
        return this;
    }

    public Routed conversation(UUID conversationId) {
        this.conversationId = conversationId;
        return this;
    }

    public Routed concern(String concern) {
        this.concern = concern;
        return this;
    }

    public Routed subject(String subject) {
        this.subject = subject;
        return this;
    }

    public Routed body(String body) {
        this.body = body;
        return this;
    }

    public Routed paymentRelevant() {
        this.paymentRelevant = true;
        return this;
    }

    public MessageRouted build() {
        CustomerMessageSubmitted m = new CustomerMessageSubmitted(
                messageId,
                conversationId,
                null,
                "customer-" + conversationId,
                customerNumber,
                officeId,
                concern,
                subject,
                body,
                paymentRelevant,
                null,
                Instant.parse("2026-03-02T09:15:00Z"));
        return MessageRouted.of(m, RouteRef.outlook(officeId, mailbox), 1L, null, Instant.now());
    }

    /** Puts the record on {@code postfach.routed.outlook}, as routing-service does. */
    public static void publish(String bootstrap, MessageRouted routed) {
        TopicProbe.send(
                bootstrap,
                Topics.ROUTED_OUTLOOK,
                routed.partitionKey(),
                EventJson.write(routed),
                CloudEventHeaders.forEvent(routed, "routing-service", Instant.now()));
    }

    /** Routes the message to the office mailbox and returns the mail that arrived there. */
    public static MimeMessage deliver(MessageRouted routed) {
        publish(KafkaBroker.shared().bootstrapServers(), routed);
        return Mails.awaitReceived(routed.route().outlookMailbox(), mailMessageId(routed));
    }

    /** The Message-ID of the mail for a routed message: its message id at the service's domain. */
    public static String mailMessageId(MessageRouted routed) {
        return "<" + routed.messageId() + "@postfach.jobcenter-ge.de>";
    }
}
