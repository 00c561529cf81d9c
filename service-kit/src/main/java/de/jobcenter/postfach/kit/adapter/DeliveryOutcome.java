package de.jobcenter.postfach.kit.adapter;

/** What one delivery attempt came to. {@code detail} names a status code or an error class, never content. */
public record DeliveryOutcome(Kind kind, String detail) {
    public enum Kind {
        DELIVERED,
        /** The target is away or overloaded: try again later, in place. */
        TRANSIENT,
        /** The target refused the message for good: dead-letter it. */
        PERMANENT
    }

    public static DeliveryOutcome forHttpStatus(int status) {
        if (status >= 200 && status < 300 || status == 409) {
            return new DeliveryOutcome(Kind.DELIVERED, "HTTP " + status);
        }
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            return new DeliveryOutcome(Kind.TRANSIENT, "HTTP " + status);
        }
        return new DeliveryOutcome(Kind.PERMANENT, "HTTP " + status);
    }

    public static DeliveryOutcome delivered(String detail) {
        return new DeliveryOutcome(Kind.DELIVERED, detail);
    }

    public static DeliveryOutcome transientFailure(String detail) {
        return new DeliveryOutcome(Kind.TRANSIENT, detail);
    }

    public static DeliveryOutcome permanentFailure(String detail) {
        return new DeliveryOutcome(Kind.PERMANENT, detail);
    }
}
