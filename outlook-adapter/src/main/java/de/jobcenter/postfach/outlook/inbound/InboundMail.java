package de.jobcenter.postfach.outlook.inbound;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A mail the adapter has handled, under the id its staff message has (or would have had): a published mail read
 * again is moved on without a second message; a refused one is judged again (its cause may have been fixed), but
 * answered again only for another reason. No content, no sender address.
 */
@Entity
@Table(name = "inbound_mail")
public class InboundMail {
    public enum Outcome {
        PUBLISHED,
        REFUSED
    }

    @Id
    @Column(name = "staff_message_id")
    public UUID staffMessageId;

    @Enumerated(EnumType.STRING)
    @Column(name = "outcome", nullable = false)
    public Outcome outcome;

    @Enumerated(EnumType.STRING)
    @Column(name = "reason")
    public Refusal reason;

    @Column(name = "office_id")
    public String officeId;

    @Column(name = "conversation_id")
    public UUID conversationId;

    @Column(name = "customer_number")
    public String customerNumber;

    /** The office's configured mailbox the staff message is filed under. */
    @Column(name = "route_mailbox")
    public String routeMailbox;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @Column(name = "processed_at", nullable = false)
    public Instant processedAt;
}
