package de.jobcenter.postfach.outlook.rejection;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A rejected staff message whose office mailbox has been told, so a redelivered rejection mails only once. */
@Entity
@Table(name = "rejection_notice")
public class RejectionNotice {
    @Id
    @Column(name = "staff_message_id")
    public UUID staffMessageId;

    @Column(name = "mailbox", nullable = false)
    public String mailbox;

    @Column(name = "sent_at", nullable = false)
    public Instant sentAt;
}
