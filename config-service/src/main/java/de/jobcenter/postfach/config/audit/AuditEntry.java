package de.jobcenter.postfach.config.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** One row of the audit trail as the API shows it. */
public record AuditEntry(
        long id,
        Instant occurredAt,
        String actorId,
        String actorName,
        AuditAction action,
        String officeId,
        UUID changeId,
        Long version,
        JsonNode details) {}
