package de.jobcenter.postfach.kit.adapter;

import java.time.Duration;

/**
 * How long a record may keep failing transiently before it is given up: a number of failed attempts, an age, or
 * both (whichever is reached first). Past it, the record ends FAILED in the dead-letter topic, from where an
 * operator can replay it. The age counts from when the record was written to its topic, so a replayed record starts
 * with a fresh budget.
 *
 * @param maxAttempts failed attempts allowed; 0 means no limit by count
 * @param maxAge age allowed; zero means no limit by age
 */
public record RetryBudget(int maxAttempts, Duration maxAge) {
    /** What an adapter gets when it configures nothing: a day, then the dead-letter topic. */
    public static final RetryBudget DEFAULT = new RetryBudget(0, Duration.ofHours(24));

    public RetryBudget {
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("maxAttempts must not be negative");
        }
        if (maxAge == null || maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge must be zero or positive");
        }
    }

    /** Whether a record that failed {@code failedAttempts} times and is {@code age} old has used up its budget. */
    public boolean isSpent(int failedAttempts, Duration age) {
        return maxAttempts > 0 && failedAttempts >= maxAttempts || isSpentByAge(age);
    }

    /** Whether the age alone has used up the budget (while the circuit is open no attempt is counted). */
    public boolean isSpentByAge(Duration age) {
        return !maxAge.isZero() && age.compareTo(maxAge) >= 0;
    }

    /** For reasons and logs, e.g. {@code 5 attempts / PT30S}. */
    public String describe() {
        String attempts = maxAttempts > 0 ? maxAttempts + " attempts" : "unlimited attempts";
        String age = maxAge.isZero() ? "no age limit" : maxAge.toString();
        return attempts + " / " + age;
    }
}
