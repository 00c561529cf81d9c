package de.jobcenter.postfach.outlook.correlation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * What the adapter remembers of a customer message it mailed to an office, so that a staff answer (found by its
 * subject token or by the Message-ID it answers) reaches the right conversation and customer. No content.
 */
@Entity
@Table(name = "reply_correlation")
public class ReplyCorrelation {
    /** The customer message: a staff answer's {@code inReplyTo}. */
    @Id
    @Column(name = "message_id")
    public UUID messageId;

    @Column(name = "conversation_id", nullable = false)
    public UUID conversationId;

    @Column(name = "office_id", nullable = false)
    public String officeId;

    @Column(name = "customer_id", nullable = false)
    public String customerId;

    @Column(name = "customer_number")
    public String customerNumber;

    @Column(name = "concern", nullable = false)
    public String concern;

    /** The office's configured mailbox the mail went to. */
    @Column(name = "mailbox", nullable = false)
    public String mailbox;

    @Column(name = "token", nullable = false)
    public String token;

    /** The mail's Message-ID header, angle brackets included. */
    @Column(name = "mail_message_id", nullable = false)
    public String mailMessageId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** When the SMTP server accepted the mail; null until then. */
    @Column(name = "mailed_at")
    public Instant mailedAt;
}
