package de.jobcenter.postfach.quality.faults;

import de.jobcenter.postfach.quality.harness.Http;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Customers writing messages through mailbox-api at a steady pace, one thread per customer, until stopped: every
 * answer is kept (status, Retry-After, message id, when and how long it took).
 */
final class Writers implements AutoCloseable {
    /** One {@code POST /messages} and its answer. */
    record Write(
            String customer,
            long startedNanos,
            long tookNanos,
            int status,
            String retryAfter,
            String messageId,
            String body) {}

    private final Portal portal;
    private final String prefix;
    private final String canary;
    private final Duration pause;
    private final List<Thread> threads = new ArrayList<>();
    private final ConcurrentLinkedQueue<Write> writes = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;

    Writers(Portal portal, String prefix, int writers, Duration pause, String canary) {
        this.portal = portal;
        this.prefix = prefix;
        this.canary = canary;
        this.pause = pause;
        for (int i = 0; i < writers; i++) {
            String customer = prefix + "-customer-" + i;
            Thread thread = new Thread(() -> write(customer), prefix + "-writer-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
    }

    Writers start() {
        threads.forEach(Thread::start);
        return this;
    }

    private void write(String customer) {
        int n = 0;
        while (running) {
            n++;
            Portal.Office office = Portal.ALL[n % Portal.ALL.length];
            long t0 = System.nanoTime();
            Http.Answer answer = portal.write(
                    customer,
                    office,
                    prefix.toUpperCase() + " " + canary + " Nachricht " + n,
                    "Guten Tag, " + canary + " dies ist Nachricht " + n + ".");
            long took = System.nanoTime() - t0;
            String id = answer.status() == 201 ? Portal.id(answer) : null;
            writes.add(new Write(
                    customer,
                    t0,
                    took,
                    answer.status(),
                    answer.retryAfter(),
                    id,
                    answer.status() == 201 ? null : abbreviate(answer.body())));
            long left = pause.toNanos() - took;
            if (left > 0) {
                TopicWatcher.sleep(left / 1_000_000);
            }
        }
    }

    List<Write> writes() {
        return List.copyOf(writes);
    }

    /** Answers by status (0: no answer). */
    Map<Integer, Long> byStatus() {
        Map<Integer, Long> counts = new TreeMap<>();
        writes.forEach(w -> counts.merge(w.status(), 1L, Long::sum));
        return counts;
    }

    List<String> customers() {
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < threads.size(); i++) {
            customers.add(prefix + "-customer-" + i);
        }
        return customers;
    }

    /** Stops writing and waits for the requests under way. */
    @Override
    public void close() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String abbreviate(String text) {
        return text == null ? null : text.length() > 300 ? text.substring(0, 300) : text;
    }
}
