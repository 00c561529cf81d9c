package de.jobcenter.postfach.mailbox.message;

import de.jobcenter.postfach.contracts.DeliveryStatus;
import java.util.Optional;

/** Where a sent message stands. It only moves forward, except that a replayed FAILED message may still be DELIVERED. */
public enum SentStatus {
    SUBMITTED,
    ROUTED,
    DELIVERED,
    FAILED;

    /** The status after a delivery event, or empty when the event does not move this message forward. */
    public Optional<SentStatus> after(DeliveryStatus event) {
        SentStatus next = switch (event) {
            case ROUTED -> ROUTED;
            case DELIVERED -> DELIVERED;
            case FAILED -> FAILED;
            case ARCHIVED -> null;
        };
        if (next == null || next == this) {
            return Optional.empty();
        }
        boolean forward = switch (this) {
            case SUBMITTED -> true;
            case ROUTED -> next == DELIVERED || next == FAILED;
            case FAILED -> next == DELIVERED;
            case DELIVERED -> false;
        };
        return forward ? Optional.of(next) : Optional.empty();
    }
}
