package de.jobcenter.postfach.servicecenter.delivery;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A customer message handed to the VCC: who and which thread it concerns, never what it says. */
@Entity
@Table(name = "ticket_delivery")
public class TicketDelivery {
    @Id
    @Column(name = "message_id")
    public UUID messageId;

    @Column(name = "office_id")
    public String officeId;

    @Column(name = "conversation_id")
    public UUID conversationId;

    @Column(name = "customer_id")
    public String customerId;

    @Column(name = "customer_number")
    public String customerNumber;

    @Column(name = "recorded_at")
    public Instant recordedAt;
}
