package de.jobcenter.postfach.outlook.inbound;

import java.time.Instant;
import java.util.List;

/**
 * A mail from the service mailbox as the adapter judges it: what it needs to decide, nothing of the markup or
 * the quoted history.
 *
 * @param sourceId stable for the same mail however often it is read: {@code mail-<SHA-256 of its Message-ID>}, or
 *     {@code raw-<SHA-256 of the whole mail>} for a mail without one
 * @param sender the one sender's address, lower case; null when there is no single usable one (nobody to answer)
 * @param subject decoded, one line; null when the mail was refused while reading
 * @param body plain text without the quoted history; null when the mail was refused while reading
 * @param references the Message-IDs the mail answers: In-Reply-To first, then References, newest first
 * @param receivedAt when the mailbox received it, if the server says
 * @param automatic an out-of-office note, a delivery report or another mail no person wrote
 * @param problem a reason to refuse found while reading (header injection, attachment, ...), else null
 */
public record StaffMail(
        String sourceId,
        String sender,
        String subject,
        String body,
        List<String> references,
        Instant receivedAt,
        boolean automatic,
        Refusal problem) {

    public StaffMail {
        references = references == null ? List.of() : List.copyOf(references);
    }
}
