package de.jobcenter.postfach.notification.infomail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RetryBudgetTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private RetryBudget budget(int maxAttempts, Duration maxDuration) {
        return new RetryBudget(Duration.ofSeconds(1), Duration.ofSeconds(5), maxAttempts, maxDuration, nanos::get);
    }

    @Test
    void waitsDoubleUpToTheMaximum() {
        RetryBudget budget = budget(100, Duration.ofHours(1));

        assertThat(budget.nextBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(budget.nextBackoff()).isEqualTo(Duration.ofSeconds(2));
        assertThat(budget.nextBackoff()).isEqualTo(Duration.ofSeconds(4));
        assertThat(budget.nextBackoff()).isEqualTo(Duration.ofSeconds(5));
        assertThat(budget.nextBackoff()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void isSpentAfterTheMaximumNumberOfAttempts() {
        RetryBudget budget = budget(3, Duration.ofHours(1));

        budget.failed();
        budget.failed();
        assertThat(budget.allowsAnotherAttempt()).isTrue();
        budget.failed();
        assertThat(budget.allowsAnotherAttempt()).isFalse();
        assertThat(budget.attempts()).isEqualTo(3);
    }

    @Test
    void startsNoAttemptLaterThanTheMaximumDurationAfterTheFirst() {
        RetryBudget budget = budget(100, Duration.ofSeconds(10));
        budget.failed();
        nanos.addAndGet(Duration.ofSeconds(8).toNanos());

        assertThat(budget.allowsAnotherAttempt())
                .as("8 s + 1 s wait is within 10 s")
                .isTrue();
        budget.nextBackoff();
        assertThat(budget.allowsAnotherAttempt())
                .as("8 s + 2 s wait reaches 10 s")
                .isTrue();
        budget.nextBackoff();
        assertThat(budget.allowsAnotherAttempt())
                .as("8 s + 4 s wait is past 10 s")
                .isFalse();
        assertThat(budget.elapsed()).isEqualTo(Duration.ofSeconds(8));
    }
}
