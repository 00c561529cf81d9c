package de.jobcenter.postfach.kit.adapter;

import de.jobcenter.postfach.kit.consumer.ProcessingFailedException;
import de.jobcenter.postfach.kit.problem.SafeThrowables;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Calls a target system for one record, in place, until it accepts, refuses for good, or the record's retry budget
 * is spent. Transient failures are retried with exponential backoff on the consumer's own thread, so records behind
 * this one (the same conversation among them) wait and keep their order; while the channel's circuit is open no
 * attempt is made at all. Used for routed messages ({@link DeliveryLoop}) and for any other call an adapter makes
 * on behalf of a record (archiving, rejection notices).
 */
public class TargetRetry {
    private static final Logger LOG = Logger.getLogger(TargetRetry.class);
    /** While the circuit is open, how often a waiting consumer looks again (the circuit's own wait is longer). */
    private static final Duration MAX_CIRCUIT_WAIT_STEP = Duration.ofSeconds(1);

    /** What calling the target came to. {@code detail} is content-free. */
    public record Result(Kind kind, String detail, int attempts) {
        public enum Kind {
            /** The target has it (2xx, or 409: it had it already). */
            ACCEPTED,
            /** The target refused it for good. */
            REFUSED,
            /** Transient failures until the retry budget was spent. */
            BUDGET_SPENT
        }
    }

    /** Waiting, replaceable in tests of the rules. */
    interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    private final CircuitBreaker circuit;
    private final RetryBudget budget;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Clock clock;
    private final Counter retries;
    private final Pause pause;

    /**
     * @param purpose what the calls are for, a metric tag: {@code delivery}, {@code archive}, {@code rejection-notice}
     */
    public TargetRetry(
            CircuitBreaker circuit, DeliverySettings settings, String purpose, Clock clock, MeterRegistry meters) {
        this(
                circuit,
                settings.budget(),
                settings.initialBackoff(),
                settings.maxBackoff(),
                clock,
                meters,
                purpose,
                duration -> Thread.sleep(duration.toMillis()));
    }

    TargetRetry(
            CircuitBreaker circuit,
            RetryBudget budget,
            Duration initialBackoff,
            Duration maxBackoff,
            Clock clock,
            MeterRegistry meters,
            String purpose,
            Pause pause) {
        this.circuit = circuit;
        this.budget = budget;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.clock = clock;
        this.retries = meters == null
                ? null
                : Counter.builder("postfach.delivery.retries")
                        .description("Transient failures that were retried in place")
                        .tag("channel", circuit.channel().name())
                        .tag("purpose", purpose)
                        .register(meters);
        this.pause = pause;
    }

    public CircuitBreaker circuit() {
        return circuit;
    }

    public RetryBudget budget() {
        return budget;
    }

    /**
     * @param what names the record for log lines, e.g. {@code "Delivery of <messageId>"}: never content
     * @param enqueuedAt when the record was written to its topic: the start of its age budget
     * @param attempt one call to the target; an exception counts as a transient failure
     * @throws ProcessingFailedException only when the thread is interrupted while waiting
     */
    public Result run(String what, Instant enqueuedAt, Supplier<DeliveryOutcome> attempt) {
        long backoff = initialBackoff.toMillis();
        int failures = 0;
        String lastDetail = "none";
        boolean stallLogged = false;
        while (true) {
            Duration wait = circuit.admit();
            if (!wait.isZero()) {
                if (budget.isSpentByAge(age(enqueuedAt))) {
                    return new Result(
                            Result.Kind.BUDGET_SPENT,
                            "retry budget (" + budget.describe() + ") spent while the " + circuit.describe()
                                    + "; last failure: " + lastDetail,
                            failures);
                }
                if (!stallLogged) {
                    LOG.warnf("%s waits: %s", what, circuit.describe());
                    stallLogged = true;
                }
                sleep(wait.compareTo(MAX_CIRCUIT_WAIT_STEP) > 0 ? MAX_CIRCUIT_WAIT_STEP : wait);
                continue;
            }
            DeliveryOutcome outcome;
            try {
                outcome = attempt.get();
            } catch (RuntimeException e) {
                outcome = DeliveryOutcome.transientFailure(SafeThrowables.describe(e));
            } catch (Error e) {
                circuit.onTransientFailure(e.getClass().getName()); // never leave a probe unanswered
                throw e;
            }
            switch (outcome.kind()) {
                case DELIVERED -> {
                    circuit.onSuccess();
                    if (failures > 0) {
                        LOG.infof("%s succeeded after %d failed attempts", what, failures);
                    }
                    return new Result(Result.Kind.ACCEPTED, outcome.detail(), failures + 1);
                }
                case PERMANENT -> {
                    circuit.onSuccess();
                    return new Result(Result.Kind.REFUSED, outcome.detail(), failures + 1);
                }
                case TRANSIENT -> {
                    failures++;
                    lastDetail = outcome.detail();
                    circuit.onTransientFailure(outcome.detail());
                    if (budget.isSpent(failures, age(enqueuedAt))) {
                        return new Result(
                                Result.Kind.BUDGET_SPENT,
                                "retry budget (" + budget.describe() + ") spent after " + failures
                                        + " failed attempts; last failure: " + outcome.detail(),
                                failures);
                    }
                    if (retries != null) {
                        retries.increment();
                    }
                    if (circuit.isOpen()) {
                        continue; // the circuit decides when to try again
                    }
                    LOG.warnf(
                            "%s failed transiently (%s), attempt %d; next attempt in %d ms",
                            what, outcome.detail(), failures, backoff);
                    sleep(Duration.ofMillis(backoff));
                    backoff = Math.min(backoff * 2, maxBackoff.toMillis());
                }
            }
        }
    }

    private Duration age(Instant enqueuedAt) {
        Duration age = Duration.between(enqueuedAt, clock.instant());
        return age.isNegative() ? Duration.ZERO : age;
    }

    private void sleep(Duration duration) {
        try {
            pause.pause(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessingFailedException("interrupted while waiting to call the target again");
        }
    }
}
