package de.jobcenter.postfach.servicecenter.delivery;

import de.jobcenter.postfach.contracts.MessageRouted;
import java.time.Instant;
import java.util.UUID;

/**
 * What the VCC's tickets endpoint takes. {@code externalReference} is the message id: the VCC opens one ticket per
 * reference, so a redelivery finds the ticket it opened before.
 */
public record Ticket(
        UUID externalReference,
        String officeId,
        String serviceCenterId,
        String concern,
        String customerNumber,
        UUID conversationId,
        UUID inReplyTo,
        String subject,
        String body,
        boolean paymentRelevant,
        Instant submittedAt) {

    static Ticket of(MessageRouted m) {
        return new Ticket(
                m.messageId(),
                m.officeId(),
                m.route().serviceCenterId(),
                m.concern(),
                m.customerNumber(),
                m.conversationId(),
                m.inReplyTo(),
                m.subject(),
                m.body(),
                m.paymentRelevant(),
                m.submittedAt());
    }
}
