package de.jobcenter.postfach.eakte.delivery;

import de.jobcenter.postfach.contracts.MessageRouted;
import java.time.Instant;
import java.util.UUID;

/**
 * What E-AKTE's incoming-documents endpoint takes: the content and the metadata its rule set (dezentrales
 * Regelwerk) routes on: the office, the concern, the customer (number and portal id), the thread (conversation and
 * the staff message answered), whether it is payment-relevant, and the document type, which tells a customer
 * message from a rejection notice.
 *
 * @param documentId the message id: also the idempotency key
 * @param receivedAt when the customer sent it
 */
public record IncomingDocument(
        UUID documentId,
        String documentType,
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

    public static final String CUSTOMER_MESSAGE = "CUSTOMER_MESSAGE";

    static IncomingDocument of(MessageRouted m) {
        return new IncomingDocument(
                m.messageId(),
                CUSTOMER_MESSAGE,
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
