package de.jobcenter.postfach.kit.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import de.jobcenter.postfach.contracts.Channel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The retry rules with a clock the pauses move forward: backoff, budget by count and by age, circuit. */
class TargetRetryTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T08:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<Duration> pauses = new ArrayList<>();
    private final List<Instant> attemptTimes = new ArrayList<>();

    private TargetRetry retry(RetryBudget budget, int threshold, Duration open) {
        CircuitBreaker circuit = new CircuitBreaker(Channel.SERVICE_CENTER, threshold, open, clock, meters);
        return new TargetRetry(
                circuit,
                budget,
                Duration.ofMillis(100),
                Duration.ofMillis(400),
                clock,
                meters,
                "delivery",
                duration -> {
                    pauses.add(duration);
                    clock.advance(duration);
                });
    }

    private Supplier<DeliveryOutcome> answers(DeliveryOutcome... outcomes) {
        Iterator<DeliveryOutcome> it = List.of(outcomes).iterator();
        return () -> {
            attemptTimes.add(clock.instant());
            return it.next();
        };
    }

    private static DeliveryOutcome down() {
        return DeliveryOutcome.transientFailure("HTTP 503");
    }

    @Test
    void retriesTransientFailuresWithDoublingBackoffUntilTheTargetAccepts() {
        var result = retry(new RetryBudget(0, Duration.ZERO), 10, Duration.ofSeconds(30))
                .run(
                        "test",
                        clock.instant(),
                        answers(down(), down(), down(), down(), DeliveryOutcome.forHttpStatus(201)));

        assertThat(result.kind()).isEqualTo(TargetRetry.Result.Kind.ACCEPTED);
        assertThat(result.attempts()).isEqualTo(5);
        assertThat(pauses)
                .containsExactly(
                        Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(400));
        assertThat(meters.get("postfach.delivery.retries").counter().count()).isEqualTo(4.0);
    }

    @Test
    void aConflictIsAcceptedAndA4xxIsRefusedWithoutRetry() {
        var retry = retry(RetryBudget.DEFAULT, 5, Duration.ofSeconds(30));

        assertThat(retry.run("test", clock.instant(), answers(DeliveryOutcome.forHttpStatus(409)))
                        .kind())
                .isEqualTo(TargetRetry.Result.Kind.ACCEPTED);
        var refused = retry.run("test", clock.instant(), answers(DeliveryOutcome.forHttpStatus(422)));
        assertThat(refused.kind()).isEqualTo(TargetRetry.Result.Kind.REFUSED);
        assertThat(refused.detail()).isEqualTo("HTTP 422");
        assertThat(pauses).isEmpty();
    }

    @Test
    void givesUpWhenTheAttemptBudgetIsSpent() {
        var result = retry(new RetryBudget(3, Duration.ZERO), 10, Duration.ofSeconds(30))
                .run("test", clock.instant(), answers(down(), down(), down(), DeliveryOutcome.forHttpStatus(201)));

        assertThat(result.kind()).isEqualTo(TargetRetry.Result.Kind.BUDGET_SPENT);
        assertThat(result.attempts()).isEqualTo(3);
        assertThat(result.detail()).contains("3 failed attempts", "HTTP 503");
    }

    @Test
    void givesUpWhenTheRecordIsOlderThanTheAgeBudget() {
        Instant enqueued = clock.instant().minus(Duration.ofSeconds(29));
        var result = retry(new RetryBudget(0, Duration.ofSeconds(30)), 10, Duration.ofSeconds(30))
                .run("test", enqueued, answers(down(), down(), down(), down(), down(), down(), down(), down()));

        assertThat(result.kind()).isEqualTo(TargetRetry.Result.Kind.BUDGET_SPENT);
        assertThat(clock.instant()).isAfterOrEqualTo(enqueued.plus(Duration.ofSeconds(30)));
    }

    @Test
    void makesNoAttemptWhileTheCircuitIsOpenAndProbesAfterTheWait() {
        var result = retry(RetryBudget.DEFAULT, 2, Duration.ofSeconds(10))
                .run("test", clock.instant(), answers(down(), down(), DeliveryOutcome.forHttpStatus(201)));

        assertThat(result.kind()).isEqualTo(TargetRetry.Result.Kind.ACCEPTED);
        assertThat(attemptTimes).hasSize(3);
        // after the second failure the circuit opened: the probe came only after the open duration
        assertThat(Duration.between(attemptTimes.get(1), attemptTimes.get(2)))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aRecordPastItsAgeBudgetIsGivenUpWhileTheCircuitIsOpenWithoutAnotherAttempt() {
        Instant enqueued = clock.instant();
        var retry = retry(new RetryBudget(0, Duration.ofSeconds(5)), 1, Duration.ofSeconds(60));

        var result = retry.run("test", enqueued, answers(down(), down()));

        assertThat(result.kind()).isEqualTo(TargetRetry.Result.Kind.BUDGET_SPENT);
        assertThat(attemptTimes).hasSize(1);
        assertThat(result.detail()).contains("open");
    }

    @Test
    void anExceptionFromTheAttemptIsATransientFailureNamedByItsClassOnly() {
        Supplier<DeliveryOutcome> throwing = () -> {
            attemptTimes.add(clock.instant());
            if (attemptTimes.size() == 1) {
                throw new IllegalStateException("Betreff: Mein Kontoauszug");
            }
            return DeliveryOutcome.forHttpStatus(201);
        };
        var result = retry(new RetryBudget(1, Duration.ZERO), 5, Duration.ofSeconds(30))
                .run("test", clock.instant(), throwing);

        assertThat(result.kind()).isEqualTo(TargetRetry.Result.Kind.BUDGET_SPENT);
        assertThat(result.detail()).contains("IllegalStateException").doesNotContain("Kontoauszug");
    }
}
