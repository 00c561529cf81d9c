package de.jobcenter.postfach.mailbox.message;

/** Seen from the customer: a message they sent to an office, or one they received from it. */
public enum Direction {
    SENT,
    RECEIVED
}
