package de.jobcenter.postfach.quality.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class LoadTest {

    @Test
    void openModelCountsFromTheIntendedSendTimeWhenTheSystemFallsBehind() {
        // a "server" that answers one request per 50 ms, offered 100 requests/s: the queue grows by 5 per 100 ms
        ExecutorService server = Executors.newSingleThreadExecutor();
        try {
            Load.Outcome outcome = Load.open(
                    100,
                    20,
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(10),
                    (i, at) -> CompletableFuture.supplyAsync(
                            () -> {
                                KafkaBench.sleep(50);
                                return true;
                            },
                            server));
            assertThat(outcome.sent()).isEqualTo(20);
            assertThat(outcome.ok()).isEqualTo(20);
            // the last request was due at 190 ms and answered at about 20 × 50 ms = 1000 ms
            assertThat(outcome.latency().getMaxValue()).isGreaterThan(700_000);
            // a generator that waited for answers would report about 50 ms for every request
            assertThat(outcome.latency().getValueAtPercentile(50)).isGreaterThan(200_000);
        } finally {
            server.shutdownNow();
        }
    }

    @Test
    void openModelKeepsItsScheduleAndCountsFailures() {
        long start = System.nanoTime();
        Load.Outcome outcome = Load.open(
                200,
                100,
                Duration.ofSeconds(5),
                Duration.ofSeconds(1),
                (i, at) -> i % 10 == 0
                        ? CompletableFuture.completedFuture(false)
                        : CompletableFuture.completedFuture(true));
        double elapsed = (System.nanoTime() - start) / 1e9;
        // the schedule spreads the sends over the duration (an upper bound would only measure the machine's load)
        assertThat(elapsed).isGreaterThan(0.45);
        assertThat(outcome.ok()).isEqualTo(90);
        assertThat(outcome.failed()).isEqualTo(10);
    }

    @Test
    void closedModelMeasuresThroughputOfTheCallers() throws Exception {
        Load.Outcome outcome = Load.closed(2, Duration.ofMillis(500), () -> {
            Thread.sleep(10);
            return true;
        });
        // two callers, each call at least 10 ms of work: never more than 200 calls per second
        assertThat(outcome.throughput()).isPositive().isLessThanOrEqualTo(210.0);
        assertThat(outcome.failed()).isZero();
    }
}
