package de.jobcenter.postfach.routing.decision;

/**
 * Why a record went to {@code postfach.customer-messages.dlq}; written to its {@code dead-letter-code} header, by
 * which an operator selects what to replay.
 */
public enum DeadLetterReason {
    /** No active configuration for the message's office: replay once config-service has published it. */
    UNKNOWN_OFFICE,
    /** The record is not a readable {@code CustomerMessageSubmitted}: replaying it only helps after a fix. */
    UNDECODABLE,
    /** The decision failed unexpectedly for this record; the log names the exception class, never content. */
    UNROUTABLE
}
