package de.jobcenter.postfach.eakte.archive;

import de.jobcenter.postfach.contracts.ArchiveRequested;
import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.Direction;
import java.time.Instant;
import java.util.UUID;

/** What E-AKTE's archive endpoint takes: one message, in one direction, with the metadata it is filed under. */
public record ArchiveDocument(
        UUID messageId,
        Direction direction,
        String officeId,
        String customerId,
        String customerNumber,
        String concern,
        String subject,
        String body,
        Channel carriedBy,
        Instant occurredAt) {

    static ArchiveDocument of(ArchiveRequested r) {
        return new ArchiveDocument(
                r.messageId(),
                r.direction(),
                r.officeId(),
                r.customerId(),
                r.customerNumber(),
                r.concern(),
                r.subject(),
                r.body(),
                r.carriedBy(),
                r.occurredAt());
    }

    /** {@code <messageId>:<direction>}: E-AKTE keeps one document per message and direction. */
    String idempotencyKey() {
        return messageId + ":" + direction;
    }
}
