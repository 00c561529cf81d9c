package de.jobcenter.postfach.kit.consumer;

import de.jobcenter.postfach.contracts.UndecodableEventException;
import de.jobcenter.postfach.kit.problem.SafeThrowables;
import java.time.Duration;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs a consumer's step in place until it succeeds: forever while a dependency (the database) is unavailable,
 * since nothing behind it could progress either and per-conversation order must hold; a bounded number of times
 * for any other failure, after which the record goes to the dead-letter topic with a reason that quotes no
 * content. An undecodable record is never retried.
 */
public final class ConsumerRetry {
    private static final Logger LOG = Logger.getLogger(ConsumerRetry.class);

    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final int maxAttemptsForOtherFailures;

    public ConsumerRetry(Duration initialBackoff, Duration maxBackoff, int maxAttemptsForOtherFailures) {
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.maxAttemptsForOtherFailures = maxAttemptsForOtherFailures;
    }

    public static ConsumerRetry standard() {
        return new ConsumerRetry(Duration.ofMillis(200), Duration.ofSeconds(10), 5);
    }

    public <T> T run(String what, Supplier<T> step) {
        long backoff = initialBackoff.toMillis();
        int otherFailures = 0;
        while (true) {
            try {
                return step.get();
            } catch (UndecodableEventException e) {
                throw e;
            } catch (RuntimeException e) {
                if (!SafeThrowables.isUnavailableDependency(e)) {
                    otherFailures++;
                    if (otherFailures >= maxAttemptsForOtherFailures) {
                        throw new ProcessingFailedException(
                                what + " failed " + otherFailures + " times: " + SafeThrowables.describe(e));
                    }
                }
                LOG.warnf("%s failed, retrying in %d ms: %s", what, backoff, SafeThrowables.describe(e));
                sleep(backoff);
                backoff = Math.min(backoff * 2, maxBackoff.toMillis());
            }
        }
    }

    public void run(String what, Runnable step) {
        run(what, () -> {
            step.run();
            return null;
        });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessingFailedException("interrupted while waiting to retry");
        }
    }
}
