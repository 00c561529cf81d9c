package de.jobcenter.postfach.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Every payload that travels on a Postfachservice topic. The derived keys live here, next to the
 * payloads, so that producers and consumers compute the Kafka key, the deduplication key and the
 * CloudEvents subject the same way. None of them is part of the JSON payload.
 */
public sealed interface PostfachEvent
        permits CustomerMessageSubmitted,
                MessageRouted,
                ArchiveRequested,
                StaffMessageSent,
                DeliveryStatusChanged,
                StaffMessageRejected,
                MailboxMessageArrived,
                NotificationPreferenceChanged,
                OfficeConfigurationActivated {

    @JsonIgnore
    EventType eventType();

    /** The key every consumer and target deduplicates on (see the delivery guarantee). */
    @JsonIgnore
    String businessKey();

    /** The Kafka record key: it decides the partition, and so what stays in order. */
    @JsonIgnore
    String partitionKey();

    /**
     * The CloudEvents {@code subject}: the id of the message, office or customer the event is about.
     * Named apart from {@code subject()}, which on message events is the message's own subject line
     * and must never reach a header.
     */
    @JsonIgnore
    String cloudEventSubject();
}
