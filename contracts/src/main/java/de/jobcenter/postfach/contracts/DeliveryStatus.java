package de.jobcenter.postfach.contracts;

/**
 * The published states of a message's delivery. SUBMITTED is implicit (the message exists), so it
 * is never published; ARCHIVED is recorded beside the delivery state, not instead of it.
 */
public enum DeliveryStatus {
    ROUTED,
    DELIVERED,
    FAILED,
    ARCHIVED
}
