package de.jobcenter.postfach.quality.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Load generators. {@link #open} is the open model: request {@code i} is due at {@code start + i / rate}, whether or
 * not earlier requests have been answered, and its latency counts from that intended time — a stalled system cannot
 * hide its stall by slowing the generator down (no coordinated omission). {@link #closed} is the closed model used
 * only to find saturation throughput: a fixed number of callers, each sending its next request when the last one
 * is answered.
 */
final class Load {

    /** Highest latency the histograms hold: 10 minutes in microseconds. */
    static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);

    private Load() {}

    static Histogram histogram() {
        return new ConcurrentHistogram(MAX_MICROS, 3);
    }

    static void record(Histogram histogram, long nanos) {
        histogram.recordValue(Math.max(0, Math.min(MAX_MICROS, TimeUnit.NANOSECONDS.toMicros(nanos))));
    }

    /** One request of an open-model run: started now, due at {@code intendedNanos}; completes with success. */
    @FunctionalInterface
    interface Shot {
        CompletableFuture<Boolean> fire(int index, long intendedNanos);
    }

    /**
     * The outcome of a run.
     *
     * @param latency from the intended send time to the answer, microseconds
     * @param maxLagMicros the furthest the generator itself fell behind its schedule
     */
    record Outcome(Histogram latency, long sent, long ok, long failed, double seconds, long maxLagMicros) {
        double throughput() {
            return seconds <= 0 ? 0 : ok / seconds;
        }
    }

    /**
     * Sends {@code count} requests at {@code rate} per second (or fewer, if {@code maxDuration} ends the schedule
     * first) and waits up to {@code drain} for the last answers. Unanswered requests count as failed.
     */
    static Outcome open(double rate, int count, Duration maxDuration, Duration drain, Shot shot) {
        Histogram latency = histogram();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long period = (long) (TimeUnit.SECONDS.toNanos(1) / rate);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        long end = start + maxDuration.toNanos();
        List<CompletableFuture<Boolean>> pending = new ArrayList<>(count);
        long maxLag = 0;
        int sent = 0;
        for (int i = 0; i < count; i++) {
            long intended = start + i * period;
            if (intended > end) {
                break;
            }
            long now;
            while ((now = System.nanoTime()) < intended) {
                LockSupport.parkNanos(intended - now);
            }
            maxLag = Math.max(maxLag, now - intended);
            CompletableFuture<Boolean> answer;
            try {
                answer = shot.fire(i, intended);
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            sent++;
            pending.add(answer.whenComplete((success, error) -> {
                record(latency, System.nanoTime() - intended);
                if (error == null && Boolean.TRUE.equals(success)) {
                    ok.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                }
            }));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .get(drain.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // counted below: whatever has not completed failed
        }
        long unanswered = pending.stream().filter(f -> !f.isDone()).count();
        return new Outcome(
                latency, sent, ok.get(), failed.get() + unanswered, seconds, TimeUnit.NANOSECONDS.toMicros(maxLag));
    }

    /**
     * {@code callers} threads call {@code request} back to back for {@code duration}; the throughput counts
     * successful calls. Latency here is per call (closed model), used for information only.
     */
    static Outcome closed(int callers, Duration duration, Callable<Boolean> request) throws InterruptedException {
        Histogram latency = histogram();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        CountDownLatch done = new CountDownLatch(callers);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        for (int c = 0; c < callers; c++) {
            Thread thread = new Thread(
                    () -> {
                        try {
                            while (System.nanoTime() < end) {
                                long t0 = System.nanoTime();
                                boolean success;
                                try {
                                    success = request.call();
                                } catch (Exception e) {
                                    success = false;
                                }
                                record(latency, System.nanoTime() - t0);
                                (success ? ok : failed).incrementAndGet();
                            }
                        } finally {
                            done.countDown();
                        }
                    },
                    "closed-load-" + c);
            thread.setDaemon(true);
            thread.start();
        }
        done.await();
        // Throughput over the scheduled window: calls still running at its end were started inside it.
        double seconds = duration.toNanos() / 1e9;
        return new Outcome(latency, ok.get() + failed.get(), ok.get(), failed.get(), seconds, 0);
    }
}
