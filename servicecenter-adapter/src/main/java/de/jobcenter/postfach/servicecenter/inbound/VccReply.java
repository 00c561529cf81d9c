package de.jobcenter.postfach.servicecenter.inbound;

import de.jobcenter.postfach.kit.adapter.InboundStaffMessage;
import de.jobcenter.postfach.servicecenter.delivery.TicketDelivery;
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

    /**
     * The staff message, completed from the ticket's delivery record where the VCC left something out: the
     * customer (number and portal id) and the conversation.
     */
    InboundStaffMessage toInbound(TicketDelivery ticket) {
        return new InboundStaffMessage(
                sourceId,
                officeId,
                externalReference,
                conversationId != null ? conversationId : ticket == null ? null : ticket.conversationId,
                customerNumber != null ? customerNumber : ticket == null ? null : ticket.customerNumber,
                ticket == null ? null : ticket.customerId,
                concern,
                subject,
                body,
                paymentRelevant,
                sentAt);
    }
}
