package de.jobcenter.postfach.mailbox.message;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A thread between one customer and one office, about one concern. */
@Entity
@Table(name = "conversation")
public class Conversation {
    @Id
    @Column(name = "conversation_id")
    public UUID conversationId;

    @Column(name = "customer_id", nullable = false)
    public String customerId;

    @Column(name = "office_id", nullable = false)
    public String officeId;

    @Column(nullable = false)
    public String concern;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    public boolean belongsTo(String customerId, String officeId) {
        return this.customerId.equals(customerId) && this.officeId.equals(officeId);
    }
}
