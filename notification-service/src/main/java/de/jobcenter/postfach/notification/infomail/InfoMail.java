package de.jobcenter.postfach.notification.infomail;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * The decision about the info e-mail for one mailbox message: the deduplication key and the log the quiet period
 * is read from. It holds ids, a state and times, never content or an e-mail address.
 */
@Entity
@Table(name = "info_mail")
public class InfoMail {
    @Id
    @Column(name = "message_id")
    public UUID messageId;

    @Column(name = "customer_id", nullable = false)
    public String customerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public InfoMailState state;

    /** For a COVERED message: the message whose mail covered it. */
    @Column(name = "covered_by")
    public UUID coveredBy;

    @Column(name = "decided_at", nullable = false)
    public Instant decidedAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    /** Settles the decision: the SMTP server accepted the mail. */
    public void sent(Instant at) {
        state = InfoMailState.SENT;
        coveredBy = null;
        sentAt = at;
        decidedAt = at;
    }

    /** The retry budget was spent; a replay of the event may still send it. */
    public void failed(Instant at) {
        if (state == InfoMailState.PENDING) {
            state = InfoMailState.FAILED;
            decidedAt = at;
        }
    }

    /** Decides again after an earlier attempt was interrupted or failed. Only an unsettled decision moves. */
    void redecide(InfoMailState next, UUID coveredBy, Instant at) {
        if (state.isFinal()) {
            throw new IllegalStateException("the info e-mail of " + messageId + " is settled as " + state);
        }
        this.state = next;
        this.coveredBy = coveredBy;
        this.decidedAt = at;
    }
}
