package de.jobcenter.postfach.kit.adapter;

import java.time.Instant;
import java.util.UUID;

/** A staff message as a target system hands it to its adapter, before validation. */
public record InboundStaffMessage(
        String sourceId,
        String officeId,
        UUID inReplyTo,
        UUID conversationId,
        String customerNumber,
        String customerId,
        String concern,
        String subject,
        String body,
        Boolean paymentRelevant,
        Instant sentAt) {}
