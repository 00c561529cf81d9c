package de.jobcenter.postfach.contracts;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A customer's opt-in for info e-mails, with the e-mail address to use. Published on a compacted
 * topic keyed by customer, so the latest record per customer is the current state; a tombstone
 * (null value) means the customer's data was purged.
 *
 * @param email the verified address from the customer's token, if there is one
 */
public record NotificationPreferenceChanged(String customerId, boolean enabled, String email, Instant changedAt)
        implements PostfachEvent {

    public NotificationPreferenceChanged {
        requireNonNull(customerId, "customerId is required");
        requireNonNull(changedAt, "changedAt is required");
    }

    @Override
    public EventType eventType() {
        return EventType.NOTIFICATION_PREFERENCE_CHANGED;
    }

    @Override
    public String businessKey() {
        return customerId + ":" + changedAt;
    }

    @Override
    public String partitionKey() {
        return customerId;
    }

    @Override
    public String cloudEventSubject() {
        return customerId;
    }
}
