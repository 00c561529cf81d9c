package de.jobcenter.postfach.notification.infomail;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The send attempts one event may spend: at most {@code maxAttempts}, and none started later than
 * {@code maxDuration} after the first. Waits between attempts double from {@code initialBackoff} up to
 * {@code maxBackoff}. Time is read from a monotonic source, so a clock change cannot stretch or cut the budget.
 */
public final class RetryBudget {
    private final Duration maxBackoff;
    private final int maxAttempts;
    private final long deadlineNanos;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private int attempts;
    private Duration nextBackoff;

    public RetryBudget(
            Duration initialBackoff,
            Duration maxBackoff,
            int maxAttempts,
            Duration maxDuration,
            LongSupplier nanoTime) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.maxBackoff = maxBackoff;
        this.maxAttempts = maxAttempts;
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
        this.deadlineNanos = startNanos + maxDuration.toNanos();
        this.nextBackoff = initialBackoff.compareTo(maxBackoff) > 0 ? maxBackoff : initialBackoff;
    }

    /** Counts a failed attempt. */
    public void failed() {
        attempts++;
    }

    public int attempts() {
        return attempts;
    }

    /** Time since the budget was opened. */
    public Duration elapsed() {
        return Duration.ofNanos(nanoTime.getAsLong() - startNanos);
    }

    /** Whether another attempt may start after the next wait. */
    public boolean allowsAnotherAttempt() {
        return attempts < maxAttempts && nanoTime.getAsLong() + nextBackoff.toNanos() <= deadlineNanos;
    }

    /** The wait before the next attempt; every call doubles the one after it, up to the maximum. */
    public Duration nextBackoff() {
        Duration wait = nextBackoff;
        Duration doubled = nextBackoff.multipliedBy(2);
        nextBackoff = doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
        return wait;
    }
}
