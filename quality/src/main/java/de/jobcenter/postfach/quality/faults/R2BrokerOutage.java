package de.jobcenter.postfach.quality.faults;

import de.jobcenter.postfach.contracts.CustomerMessageSubmitted;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.Topics;
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
 * R2: the Kafka broker stopped while customers write. Every write must be answered 201 (mailbox-api's outbox holds
 * the messages), and once the broker is back every accepted message is on {@code postfach.customer-messages} once.
 */
final class R2BrokerOutage implements Scenario {
    private static final Duration BEFORE = Duration.ofSeconds(10);
    private static final Duration AFTER = Duration.ofSeconds(15);
    private static final Duration PAUSE = Duration.ofMillis(50);

    @Override
    public String id() {
        return "R2";
    }

    @Override
    public String title() {
        return "Kafka broker stopped while customers write";
    }

    @Override
    public void run(FaultsConfig config, ScenarioResult result, Supplier<PostfachSystem> shared) throws Exception {
        result.size = config.r2Writers() + " customers writing (≤ 20/s each), broker down "
                + Report.seconds(config.r2Outage()) + " after " + Report.seconds(BEFORE) + ", "
                + Report.seconds(AFTER) + " more writing";
        try (PostfachSystem system = PostfachSystem.options(config.runDir(id()))
                .services(Service.CONFIG, Service.MAILBOX_API)
                .start()) {
            Portal portal = new Portal(system);
            long outageStart;
            long outageEnd;
            List<Writers.Write> writes;
            Map<Integer, Long> byStatus;
            try (Writers writers = new Writers(portal, "r2", config.r2Writers(), PAUSE, config.canary()).start()) {
                TopicWatcher.sleep(BEFORE.toMillis());
                outageStart = System.nanoTime();
                system.kafka().stop();
                TopicWatcher.sleep(config.r2Outage().toMillis());
                system.kafka().restart();
                outageEnd = System.nanoTime();
                TopicWatcher.sleep(AFTER.toMillis());
                writers.close();
                writes = writers.writes();
                byStatus = writers.byStatus();
            }
            Set<String> accepted = writes.stream()
                    .filter(w -> w.status() == 201)
                    .map(Writers.Write::messageId)
                    .collect(Collectors.toSet());
            long duringOutage = writes.stream()
                    .filter(w -> w.startedNanos() >= outageStart && w.startedNanos() < outageEnd)
                    .count();
            long acceptedDuringOutage = writes.stream()
                    .filter(w -> w.startedNanos() >= outageStart && w.startedNanos() < outageEnd)
                    .filter(w -> w.status() == 201)
                    .count();
            long slowest =
                    writes.stream().mapToLong(Writers.Write::tookNanos).max().orElse(0);

            // Wait until the outbox has published everything accepted (or give up after 3 minutes).
            long waitStart = System.nanoTime();
            Map<String, Integer> published = Map.of();
            while (System.nanoTime() - waitStart < Duration.ofMinutes(3).toNanos()) {
                published = publishedIds(system);
                if (published.keySet().containsAll(accepted)) {
                    break;
                }
                TopicWatcher.sleep(1000);
            }
            Duration drain = Duration.ofNanos(System.nanoTime() - outageEnd);
            TopicWatcher.sleep(3000);
            Map<String, Integer> finalPublished = publishedIds(system);
            long publishedOurs =
                    accepted.stream().filter(finalPublished::containsKey).count();
            long duplicates = accepted.stream()
                    .mapToLong(id -> Math.max(0, finalPublished.getOrDefault(id, 0) - 1))
                    .sum();
            long lost = accepted.size() - publishedOurs;
            long notCreated = writes.size() - accepted.size();
            result.count("sent", writes.size())
                    .count("accepted", accepted.size())
                    .count("published", publishedOurs)
                    .count("duplicates", duplicates)
                    .count("lost", lost)
                    .count("writes-during-outage", duringOutage)
                    .count("accepted-during-outage", acceptedDuringOutage)
                    .extra("answers-by-status", byStatus)
                    .duration("slowest write", Duration.ofNanos(slowest))
                    .duration("broker back → all published", drain);
            result.check(
                            notCreated == 0,
                            notCreated + " writes not answered 201: " + byStatus + " "
                                    + writes.stream()
                                            .filter(w -> w.status() != 201)
                                            .limit(3)
                                            .map(w -> w.status() + " " + w.body())
                                            .toList())
                    .check(duringOutage > 0, "no write fell into the outage")
                    .check(lost == 0, lost + " accepted messages never published")
                    .check(duplicates == 0, duplicates + " messages published twice");
            result.note("published = distinct accepted message ids on postfach.customer-messages (read_committed)");
            Evidence.collect(system);
        }
    }

    /** Records on customer-messages per message id (the CloudEvents subject is the message id). */
    private static Map<String, Integer> publishedIds(PostfachSystem system) {
        Map<String, Integer> ids = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record :
                Kafka.readAll(system.bootstrapServers(), Topics.CUSTOMER_MESSAGES)) {
            ids.merge(
                    EventJson.read(record.value(), CustomerMessageSubmitted.class)
                            .messageId()
                            .toString(),
                    1,
                    Integer::sum);
        }
        return ids;
    }
}
