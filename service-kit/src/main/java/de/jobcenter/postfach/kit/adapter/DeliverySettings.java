package de.jobcenter.postfach.kit.adapter;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The delivery settings every adapter offers, as a group of its own {@code @ConfigMapping} (for example
 * {@code postfach.eakte.delivery.*}), so the keys and defaults are the same in all three adapters.
 */
public interface DeliverySettings {
    /** First wait after a transient failure; doubles with every further failure up to {@link #maxBackoff()}. */
    @WithDefault("500ms")
    Duration initialBackoff();

    /** Longest wait between two attempts for one record. */
    @WithDefault("30s")
    Duration maxBackoff();

    /** Retry budget by count: failed attempts per record before it goes to the dead-letter topic; 0 = no limit. */
    @WithDefault("0")
    int maxAttempts();

    /**
     * Retry budget by age: how long after it was written to its topic a record may still be retried; after that a
     * transient failure sends it to the dead-letter topic with FAILED. 0 = no limit.
     */
    @WithDefault("24h")
    Duration maxAge();

    /** The circuit breaker in front of the target system. */
    Circuit circuit();

    interface Circuit {
        /** Consecutive transient failures (across records) after which the circuit opens. */
        @WithDefault("5")
        int failureThreshold();

        /** How long an open circuit lets no attempt through; then one probe attempt decides (half-open). */
        @WithDefault("30s")
        Duration openDuration();
    }

    default RetryBudget budget() {
        return new RetryBudget(maxAttempts(), maxAge());
    }

    /** Settings built in code, e.g. for an adapter that has no configuration group for them yet. */
    static DeliverySettings of(
            Duration initialBackoff,
            Duration maxBackoff,
            int maxAttempts,
            Duration maxAge,
            int failureThreshold,
            Duration openDuration) {
        return new Values(
                initialBackoff, maxBackoff, maxAttempts, maxAge, new CircuitValues(failureThreshold, openDuration));
    }

    /** The documented defaults, with the given backoff. */
    static DeliverySettings defaults(Duration initialBackoff, Duration maxBackoff) {
        return of(initialBackoff, maxBackoff, 0, RetryBudget.DEFAULT.maxAge(), 5, Duration.ofSeconds(30));
    }

    record Values(Duration initialBackoff, Duration maxBackoff, int maxAttempts, Duration maxAge, Circuit circuit)
            implements DeliverySettings {}

    record CircuitValues(int failureThreshold, Duration openDuration) implements Circuit {}
}
