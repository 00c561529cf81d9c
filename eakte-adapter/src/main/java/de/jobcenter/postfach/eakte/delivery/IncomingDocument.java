package de.jobcenter.postfach.eakte.delivery;

import de.jobcenter.postfach.contracts.MessageRouted;
import java.time.Instant;
import java.util.UUID;

/** What E-AKTE's incoming-documents endpoint takes: the content and the metadata its rule set routes on. */
public record IncomingDocument(
        UUID documentId,
        String officeId,
        String customerNumber,
        String customerId,
        UUID conversationId,
        UUID inReplyTo,
        String concern,
        String subject,
        String body,
        Instant receivedAt,
        boolean paymentRelevant) {

    static IncomingDocument of(MessageRouted m) {
        return new IncomingDocument(
                m.messageId(),
                m.officeId(),
                m.customerNumber(),
                m.customerId(),
                m.conversationId(),
                m.inReplyTo(),
                m.concern(),
                m.subject(),
                m.body(),
                m.submittedAt(),
                m.paymentRelevant());
    }
}
