package de.jobcenter.postfach.contracts;

/**
 * An event payload could not be read (or written). Its message names the event type and where and
 * what kind of problem was found, never the payload: message content must not reach a log or a
 * dead-letter header. For the same reason the underlying parser exception, whose message may quote
 * the payload, is not kept as the cause.
 */
public class UndecodableEventException extends RuntimeException {

    public UndecodableEventException(String message) {
        super(message);
    }
}
