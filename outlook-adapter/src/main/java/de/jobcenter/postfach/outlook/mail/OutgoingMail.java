package de.jobcenter.postfach.outlook.mail;

import static java.util.Objects.requireNonNull;

/**
 * One plain-text mail the adapter sends. Every header it becomes is either fixed, derived from ids, or the
 * validated subject (RFC 2047-encoded by Jakarta Mail); nothing else anybody wrote reaches a header.
 *
 * @param messageId the full Message-ID header value, angle brackets included; fixed in advance, so a resent mail
 *     keeps it
 * @param automatic an answer the adapter wrote by itself (marked {@code Auto-Submitted}, so no mail system answers
 *     it automatically in turn)
 */
public record OutgoingMail(String from, String to, String subject, String body, String messageId, boolean automatic) {
    public OutgoingMail {
        requireNonNull(from, "from is required");
        requireNonNull(to, "to is required");
        requireNonNull(subject, "subject is required");
        requireNonNull(body, "body is required");
        requireNonNull(messageId, "messageId is required");
        if (subject.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a subject never carries control characters");
        }
    }
}
