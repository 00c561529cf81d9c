package de.jobcenter.postfach.contracts;

/** Why mailbox-api could not file a staff message; the carrying adapter tells the staff member. */
public enum RejectionReason {
    UNKNOWN_CUSTOMER,
    CONVERSATION_MISMATCH,
    CUSTOMER_PENDING_EXPIRED,
    INVALID
}
