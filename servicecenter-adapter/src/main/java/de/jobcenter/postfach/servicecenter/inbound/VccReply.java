package de.jobcenter.postfach.servicecenter.inbound;

import de.jobcenter.postfach.kit.adapter.InboundStaffMessage;
import java.time.Instant;
import java.util.UUID;

/**
 * A callback from the VCC: an answer to a ticket ({@code externalReference} is the customer message's id) or a
 * conversation staff start there.
 */
public record VccReply(
        String sourceId,
        String officeId,
        UUID externalReference,
        UUID conversationId,
        String customerNumber,
        String concern,
        String subject,
        String body,
        Boolean paymentRelevant,
        Instant sentAt) {

    InboundStaffMessage toInbound() {
        return new InboundStaffMessage(
                sourceId,
                officeId,
                externalReference,
                conversationId,
                customerNumber,
                null,
                concern,
                subject,
                body,
                paymentRelevant,
                sentAt);
    }
}
