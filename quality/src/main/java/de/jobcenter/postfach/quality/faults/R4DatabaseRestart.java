package de.jobcenter.postfach.quality.faults;

import de.jobcenter.postfach.contracts.CustomerMessageSubmitted;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.quality.harness.Http;
import de.jobcenter.postfach.quality.harness.PostfachSystem;
import de.jobcenter.postfach.quality.harness.Service;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * R4: PostgreSQL stopped and started again while customers write. mailbox-api must answer 503 with Retry-After
 * during the outage (never 500), store nothing half (every 201 is in the sent folder and on Kafka once, nothing
 * else is), and serve again without a restart of its own.
 */
final class R4DatabaseRestart implements Scenario {
    private static final Duration BEFORE = Duration.ofSeconds(10);
    private static final Duration AFTER = Duration.ofSeconds(20);
    private static final Duration PAUSE = Duration.ofMillis(50);

    @Override
    public String id() {
        return "R4";
    }

    @Override
    public String title() {
        return "PostgreSQL restarted under load";
    }

    @Override
    public void run(FaultsConfig config, ScenarioResult result, Supplier<PostfachSystem> shared) throws Exception {
        result.size = config.r4Writers() + " customers writing (≤ 20/s each), PostgreSQL down "
                + Report.seconds(config.r4Outage()) + " after " + Report.seconds(BEFORE) + ", "
                + Report.seconds(AFTER) + " more writing";
        try (PostfachSystem system = PostfachSystem.options(config.runDir(id()))
                .services(Service.CONFIG, Service.MAILBOX_API)
                .restartablePostgres()
                .start()) {
            Portal portal = new Portal(system);
            long pid = system.pid(Service.MAILBOX_API);
            long down;
            long up;
            List<Writers.Write> writes;
            Map<Integer, Long> byStatus;
            List<String> customers;
            try (Writers writers = new Writers(portal, "r4", config.r4Writers(), PAUSE, config.canary()).start()) {
                TopicWatcher.sleep(BEFORE.toMillis());
                down = System.nanoTime();
                system.restartablePostgres().stop();
                TopicWatcher.sleep(config.r4Outage().toMillis());
                system.restartablePostgres().start();
                up = System.nanoTime();
                TopicWatcher.sleep(AFTER.toMillis());
                writers.close();
                writes = writers.writes();
                byStatus = writers.byStatus();
                customers = writers.customers();
            }
            long unavailable = writes.stream().filter(w -> w.status() == 503).count();
            long withoutRetryAfter = writes.stream()
                    .filter(w -> w.status() == 503
                            && (w.retryAfter() == null || w.retryAfter().isBlank()))
                    .count();
            long serverErrors = writes.stream()
                    .filter(w -> w.status() >= 500 && w.status() != 503)
                    .count();
            long noAnswer = writes.stream().filter(w -> w.status() == 0).count();
            long other = writes.stream()
                    .filter(w -> w.status() != 201 && w.status() != 503 && w.status() < 500 && w.status() != 0)
                    .count();
            long firstOkAfter = writes.stream()
                    .filter(w -> w.status() == 201 && w.startedNanos() >= up)
                    .mapToLong(w -> w.startedNanos() + w.tookNanos())
                    .min()
                    .orElse(-1);
            Set<String> accepted = writes.stream()
                    .filter(w -> w.status() == 201)
                    .map(Writers.Write::messageId)
                    .collect(Collectors.toSet());
            boolean sameProcess =
                    system.process(Service.MAILBOX_API).isAlive() && system.pid(Service.MAILBOX_API) == pid;
            boolean ready = new Http(Duration.ofSeconds(5))
                            .get(system.url(Service.MAILBOX_API) + "/q/health/ready", null)
                            .status()
                    == 200;

            // What was stored: each customer's sent folder, and what the outbox published.
            long stored = 0;
            Map<String, Long> acceptedPerCustomer = writes.stream()
                    .filter(w -> w.status() == 201)
                    .collect(Collectors.groupingBy(Writers.Write::customer, Collectors.counting()));
            long folderMismatch = 0;
            for (String customer : customers) {
                long total = portal.folderTotal(customer, "sent");
                stored += total;
                if (total != acceptedPerCustomer.getOrDefault(customer, 0L)) {
                    folderMismatch++;
                }
            }
            Map<String, Integer> published = Map.of();
            long waitStart = System.nanoTime();
            while (System.nanoTime() - waitStart < Duration.ofMinutes(2).toNanos()) {
                published = published(system);
                if (published.keySet().containsAll(accepted)) {
                    break;
                }
                TopicWatcher.sleep(1000);
            }
            TopicWatcher.sleep(2000);
            Map<String, Integer> finalPublished = published(system);
            long publishedAccepted =
                    accepted.stream().filter(finalPublished::containsKey).count();
            long publishedNotAccepted = finalPublished.keySet().stream()
                    .filter(id -> !accepted.contains(id))
                    .count();
            long duplicates =
                    finalPublished.values().stream().mapToLong(n -> n - 1).sum();
            long lost = accepted.size() - publishedAccepted;

            result.count("sent", writes.size())
                    .count("accepted", accepted.size())
                    .count("published", publishedAccepted)
                    .count("duplicates", duplicates)
                    .count("lost", lost)
                    .count("answered-503", unavailable)
                    .count("503-without-retry-after", withoutRetryAfter)
                    .count("answered-5xx-other", serverErrors)
                    .count("no-answer", noAnswer)
                    .count("answered-other", other)
                    .count("stored-in-sent-folders", stored)
                    .count("published-not-accepted", publishedNotAccepted)
                    .extra("answers-by-status", byStatus)
                    .extra(
                            "retry-after-values",
                            writes.stream()
                                    .filter(w -> w.status() == 503)
                                    .map(w -> String.valueOf(w.retryAfter()))
                                    .distinct()
                                    .limit(5)
                                    .toList())
                    .extra("mailbox-api-same-process", sameProcess);
            if (firstOkAfter > 0) {
                result.duration("PostgreSQL back → first 201", Duration.ofNanos(firstOkAfter - up));
            }
            result.duration("PostgreSQL down", Duration.ofNanos(up - down));
            result.check(unavailable > 0, "no 503 during the outage: the outage was not seen")
                    .check(withoutRetryAfter == 0, withoutRetryAfter + " answers 503 without Retry-After")
                    .check(
                            serverErrors == 0,
                            serverErrors + " answers 500 or other 5xx: " + byStatus + " "
                                    + writes.stream()
                                            .filter(w -> w.status() >= 500 && w.status() != 503)
                                            .limit(2)
                                            .map(Writers.Write::body)
                                            .toList())
                    .check(noAnswer == 0, noAnswer + " requests without an answer")
                    .check(other == 0, other + " other answers: " + byStatus)
                    .check(
                            folderMismatch == 0,
                            folderMismatch + " customers whose sent folder differs from their"
                                    + " 201 answers (partial or lost writes)")
                    .check(stored == accepted.size(), "stored " + stored + " but accepted " + accepted.size())
                    .check(publishedNotAccepted == 0, publishedNotAccepted + " published that were never answered 201")
                    .check(lost == 0, lost + " accepted but not published")
                    .check(firstOkAfter > 0, "no 201 after PostgreSQL came back")
                    .check(sameProcess && ready, "mailbox-api not the same ready process after the outage");
            result.note("duplicates (records on postfach.customer-messages beyond the first per accepted message) are"
                    + " counted, not failed: R4's bar is about answers and stored rows, and mailbox-api's outbox is"
                    + " at-least-once by design (README, ADR 4): a record acknowledged by Kafka whose row could not be"
                    + " marked published while PostgreSQL was down is sent again");
            result.note("restartable embedded PostgreSQL of the run (all databases of the run on it), stopped with a"
                    + " fast shutdown and started on the same port with the same data");
            Evidence.collect(system);
        }
    }

    private static Map<String, Integer> published(PostfachSystem system) {
        Map<String, Integer> ids = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record :
                Kafka.readAll(system.bootstrapServers(), Topics.CUSTOMER_MESSAGES)) {
            CustomerMessageSubmitted m = EventJson.read(record.value(), CustomerMessageSubmitted.class);
            if (m.customerId() != null && m.customerId().startsWith("r4-")) {
                ids.merge(m.messageId().toString(), 1, Integer::sum);
            }
        }
        return ids;
    }
}
