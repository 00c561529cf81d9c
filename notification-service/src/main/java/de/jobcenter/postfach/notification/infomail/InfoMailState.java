package de.jobcenter.postfach.notification.infomail;

/** Where the info e-mail for one mailbox message stands. */
public enum InfoMailState {
    /** Decided to send; not yet accepted by the SMTP server (being tried, or interrupted by a crash or shutdown). */
    PENDING,
    /** The SMTP server accepted the mail. */
    SENT,
    /** A mail sent to the customer within the quiet period already told them; no mail of its own. */
    COVERED,
    /** The customer had not opted in (or has no e-mail address) when the event was processed. */
    SKIPPED,
    /** The retry budget was spent; the event is on the dead-letter topic, and a replay tries again. */
    FAILED;

    /** Whether the decision is settled: a redelivered event changes nothing. */
    public boolean isFinal() {
        return this == SENT || this == COVERED || this == SKIPPED;
    }
}
