package de.jobcenter.postfach.quality.faults;

import de.jobcenter.postfach.contracts.CloudEventHeaders;
import de.jobcenter.postfach.contracts.EventType;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.quality.harness.Http;
import de.jobcenter.postfach.quality.harness.PostfachSystem;
import de.jobcenter.postfach.quality.harness.Service;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * R7: poison records (undecodable values with the topic's CloudEvents type) on every message topic while customers
 * write. Each must land in the topic's {@code .dlq} with reason headers; the good messages flow at ≥ 0.9 × the rate
 * of a clean run of the same size measured just before; a poison record on the compacted office configuration keeps
 * the last good version (messages to that office still routed and delivered) and shows in the replicas' metric.
 */
final class R7PoisonRecords implements Scenario {
    private static final int WRITERS = 4;
    private static final String CONFIG_METRIC = "postfach_office_config_undecodable_total";
    private static final Pattern METRIC_VALUE =
            Pattern.compile("^" + CONFIG_METRIC + "(\\{[^}]*})?\\s+([0-9.eE+-]+)", Pattern.MULTILINE);

    /** Message topics, their event type and how many records a run of m messages puts on them (about). */
    private record PoisonTarget(String topic, EventType type, double recordsPerMessage) {}

    private static final List<PoisonTarget> TARGETS = List.of(
            new PoisonTarget(Topics.CUSTOMER_MESSAGES, EventType.CUSTOMER_MESSAGE_SUBMITTED, 1),
            new PoisonTarget(Topics.ROUTED_EAKTE, EventType.MESSAGE_ROUTED, 1.0 / 3),
            new PoisonTarget(Topics.ROUTED_OUTLOOK, EventType.MESSAGE_ROUTED, 1.0 / 3),
            new PoisonTarget(Topics.ROUTED_SERVICECENTER, EventType.MESSAGE_ROUTED, 1.0 / 3),
            new PoisonTarget(Topics.DELIVERY_STATUS, EventType.DELIVERY_STATUS_CHANGED, 2),
            new PoisonTarget(Topics.ARCHIVE_REQUESTS, EventType.ARCHIVE_REQUESTED, 0),
            new PoisonTarget(Topics.STAFF_MESSAGES, EventType.STAFF_MESSAGE_SENT, 0),
            new PoisonTarget(Topics.STAFF_MESSAGES_REJECTED, EventType.STAFF_MESSAGE_REJECTED, 0),
            new PoisonTarget(Topics.MAILBOX_EVENTS, EventType.MAILBOX_MESSAGE_ARRIVED, 0),
            new PoisonTarget(Topics.NOTIFICATION_PREFERENCES, EventType.NOTIFICATION_PREFERENCE_CHANGED, 0));

    @Override
    public String id() {
        return "R7";
    }

    @Override
    public String title() {
        return "poison records on every message topic and on the office configuration";
    }

    @Override
    public void run(FaultsConfig config, ScenarioResult result, Supplier<PostfachSystem> shared) throws Exception {
        int m = config.r7Messages() - config.r7Messages() % 3;
        double fraction = config.r7PoisonPercent() / 100.0;
        result.size = m + " messages per run (clean, then poisoned), " + config.r7PoisonPercent()
                + " % poison per topic (at least 1), " + WRITERS + " writers";
        PostfachSystem system = shared.get();
        Portal portal = new Portal(system);
        Targets targets = new Targets(system);

        // Dead letters of earlier scenarios in the shared system are not this run's.
        Set<String> earlierDeadLetters = new java.util.HashSet<>();
        for (ConsumerRecord<String, byte[]> record : Kafka.readAll(
                system.bootstrapServers(),
                TARGETS.stream().map(t -> Topics.dlq(t.topic())).toList())) {
            earlierDeadLetters.add(record.topic() + "/" + record.partition() + "@" + record.offset());
        }
        Run clean = flow(system, portal, targets, "r7-clean", m, config.canary(), Map.of());
        Map<String, Integer> poisonCounts = new LinkedHashMap<>();
        for (PoisonTarget target : TARGETS) {
            poisonCounts.put(target.topic(), (int) Math.max(1, Math.ceil(fraction * m * target.recordsPerMessage())));
        }
        Run poisoned = flow(system, portal, targets, "r7-poison", m, config.canary(), poisonCounts);
        boolean settled =
                Kafka.awaitGroupsCaughtUp(system.bootstrapServers(), R5Redelivery.GROUPS, Duration.ofMinutes(2))
                        && Kafka.awaitGroupsCaughtUp(
                                system.bootstrapServers(),
                                List.of(
                                        "eakte-adapter.archive",
                                        "eakte-adapter.rejections",
                                        "outlook-adapter.rejections",
                                        "servicecenter-adapter.rejections"),
                                Duration.ofMinutes(1));

        // Where the poison went.
        List<ConsumerRecord<String, byte[]>> deadLetters = Kafka.readAll(
                system.bootstrapServers(),
                TARGETS.stream().map(t -> Topics.dlq(t.topic())).toList());
        Map<String, String> dlqByTopic = new LinkedHashMap<>();
        long poisonInDlq = 0;
        long withoutReason = 0;
        long goodInDlq = 0;
        for (PoisonTarget target : TARGETS) {
            Set<String> keys = poisoned.poisonKeys.getOrDefault(target.topic(), Set.of());
            Set<String> found = new java.util.HashSet<>();
            long copies = 0;
            for (ConsumerRecord<String, byte[]> record : deadLetters) {
                if (!record.topic().equals(Topics.dlq(target.topic()))
                        || earlierDeadLetters.contains(
                                record.topic() + "/" + record.partition() + "@" + record.offset())) {
                    continue;
                }
                if (record.key() != null && keys.contains(record.key())) {
                    // Several consumer groups on one topic (the three adapters on staff-messages.rejected) each
                    // dead-letter the record: count each poison record once, and the copies apart.
                    found.add(record.key());
                    copies++;
                    if (Kafka.header(record, "dead-letter-reason") == null) {
                        withoutReason++;
                    }
                } else if (record.key() == null || !record.key().startsWith("poison-")) {
                    goodInDlq++;
                }
            }
            poisonInDlq += found.size();
            dlqByTopic.put(
                    target.topic(),
                    found.size() + "/" + keys.size() + (copies > found.size() ? " (" + copies + " dead letters)" : ""));
        }
        long poisonSent =
                poisoned.poisonKeys.values().stream().mapToLong(Set::size).sum();

        // A poison record on the office configuration: the last good version stays.
        Map<Service, Double> metricBefore = configMetric(system);
        try (KafkaProducer<String, byte[]> producer = Kafka.producer(system.bootstrapServers())) {
            ProducerRecord<String, byte[]> poison = new ProducerRecord<>(
                    Topics.OFFICE_CONFIG,
                    Portal.EAKTE.officeId(),
                    ("{\"officeId\":\"" + Portal.EAKTE.officeId() + "\",\"version\":\"x" + config.canary())
                            .getBytes(StandardCharsets.UTF_8));
            headers(poison, EventType.OFFICE_CONFIGURATION_ACTIVATED);
            producer.send(poison).get();
        }
        TopicWatcher.sleep(5000);
        Deliveries afterConfigPoison = new Deliveries();
        List<String> berlin = new ArrayList<>();
        afterConfigPoison.idsByChannel.put(Portal.EAKTE.channel(), berlin);
        for (int i = 0; i < 10; i++) {
            String customer = "r7-config-" + i;
            Http.Answer answer = portal.write(
                    customer, Portal.EAKTE, "R7 " + config.canary() + " nach Gift", "Guten Tag " + config.canary());
            afterConfigPoison.sent++;
            if (answer.status() == 201) {
                berlin.add(Portal.id(answer));
                afterConfigPoison.customerOf.put(Portal.id(answer), customer);
            } else {
                afterConfigPoison.refused++;
            }
        }
        for (var channel : de.jobcenter.postfach.contracts.Channel.values()) {
            afterConfigPoison.idsByChannel.computeIfAbsent(channel, c -> new ArrayList<>());
        }
        boolean configKept = afterConfigPoison.awaitDelivered(targets, Duration.ofMinutes(2));
        Map<Service, Double> metricAfter = configMetric(system);
        long replicasAlerting = metricAfter.entrySet().stream()
                .filter(e -> e.getValue() > metricBefore.getOrDefault(e.getKey(), 0.0))
                .count();
        long notReady = system.services().stream()
                .filter(s -> new Http(Duration.ofSeconds(5))
                                .get(system.url(s) + "/q/health/ready", null)
                                .status()
                        != 200)
                .count();

        // config-service publishes every office again: the newest record per office is a good one again.
        int republished = new Http(Duration.ofSeconds(60))
                .post(system.url(Service.CONFIG) + "/api/v1/rollouts/republish", system.centralAdminToken(), null, null)
                .status();
        result.check(republished >= 200 && republished < 300, "republishing the offices answered " + republished);

        double ratio = clean.seconds() / poisoned.seconds();
        result.count("sent", clean.deliveries.sent + poisoned.deliveries.sent)
                .count("accepted", clean.deliveries.accepted() + poisoned.deliveries.accepted())
                .count("delivered", clean.tally.delivered() + poisoned.tally.delivered())
                .count("duplicates", clean.tally.duplicates() + poisoned.tally.duplicates())
                .count("lost", clean.tally.missing() + poisoned.tally.missing())
                .count("dlq", poisonInDlq)
                .count("poison-sent", poisonSent)
                .count("poison-in-dlq", poisonInDlq)
                .count("poison-dlq-without-reason", withoutReason)
                .count("good-records-in-dlq", goodInDlq)
                .count(
                        "after-config-poison-delivered",
                        afterConfigPoison.tally(targets).delivered())
                .count("replicas-counting-the-config-poison", replicasAlerting)
                .count("services-not-ready", notReady)
                .extra("poison-found-per-topic", dlqByTopic)
                .extra("clean-rate-per-s", String.format(Locale.ROOT, "%.1f", m / clean.seconds()))
                .extra("poisoned-rate-per-s", String.format(Locale.ROOT, "%.1f", m / poisoned.seconds()))
                .extra("rate-ratio", String.format(Locale.ROOT, "%.2f", ratio))
                .extra("config-metric-after", metricAfter)
                .duration("clean run", Duration.ofMillis((long) (clean.seconds() * 1000)))
                .duration("poisoned run", Duration.ofMillis((long) (poisoned.seconds() * 1000)));
        result.check(clean.complete, "clean run: not every message delivered")
                .check(poisoned.complete, "poisoned run: not every good message delivered")
                .check(settled, "consumer groups did not catch up after the poisoned run")
                .check(
                        poisonInDlq == poisonSent,
                        "poison in DLQ " + poisonInDlq + " of " + poisonSent + ": " + dlqByTopic)
                .check(withoutReason == 0, withoutReason + " poison dead letters without dead-letter-reason")
                .check(goodInDlq == 0, goodInDlq + " good records dead-lettered")
                .check(clean.tally.duplicates() + poisoned.tally.duplicates() == 0, "duplicates at the targets")
                .check(ratio >= 0.9, String.format(Locale.ROOT, "poisoned rate %.2f × the clean rate (bar 0.9)", ratio))
                .check(
                        afterConfigPoison.refused == 0,
                        afterConfigPoison.refused + " writes to the office refused after" + " the config poison")
                .check(configKept, "messages to " + Portal.EAKTE.officeId() + " not delivered after the config poison")
                .check(
                        metricAfter.getOrDefault(Service.ROUTING, 0.0)
                                > metricBefore.getOrDefault(Service.ROUTING, 0.0),
                        "routing-service's " + CONFIG_METRIC + " did not count the poison config record")
                .check(notReady == 0, notReady + " services not ready after the poison");
        result.note("rate = messages delivered at all three targets per second, from the first write to the last"
                + " delivery; both runs in the same system, one after the other; shared-machine noise applies");
    }

    /** One batch of messages through the whole path, with poison records spread over the time it takes. */
    private static Run flow(
            PostfachSystem system,
            Portal portal,
            Targets targets,
            String prefix,
            int m,
            String canary,
            Map<String, Integer> poison)
            throws Exception {
        Run run = new Run();
        int perChannel = m / 3;
        AtomicInteger next = new AtomicInteger();
        Map<String, String> customerOf = new ConcurrentHashMap<>();
        Map<String, List<String>> idsByChannel = new ConcurrentHashMap<>();
        AtomicInteger refused = new AtomicInteger();
        long began = System.nanoTime();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            String customer = prefix + "-customer-" + w;
            Thread thread = new Thread(() -> {
                int i;
                while ((i = next.getAndIncrement()) < m) {
                    Portal.Office office = Portal.ALL[i % 3];
                    Http.Answer answer = portal.write(
                            customer,
                            office,
                            prefix.toUpperCase(Locale.ROOT) + " " + canary + " Nachricht " + i,
                            "Guten Tag, " + canary + " Nachricht " + i + ".");
                    if (answer.status() == 201) {
                        String id = Portal.id(answer);
                        customerOf.put(id, customer);
                        idsByChannel
                                .computeIfAbsent(
                                        office.channel().name(),
                                        c -> java.util.Collections.synchronizedList(new ArrayList<>()))
                                .add(id);
                    } else {
                        refused.incrementAndGet();
                    }
                }
            });
            thread.start();
            writers.add(thread);
        }
        Thread poisoner =
                new Thread(() -> injectPoison(system, poison, canary, run, Duration.ofSeconds(Math.max(5, m / 100))));
        poisoner.start();
        for (Thread writer : writers) {
            writer.join();
        }
        poisoner.join();
        Deliveries deliveries = new Deliveries();
        deliveries.sent = m;
        deliveries.refused = refused.get();
        deliveries.customerOf.putAll(customerOf);
        for (Portal.Office office : Portal.ALL) {
            deliveries.idsByChannel.put(
                    office.channel(),
                    new ArrayList<>(idsByChannel.getOrDefault(office.channel().name(), List.of())));
        }
        run.deliveries = deliveries;
        run.complete = deliveries.awaitDelivered(targets, Duration.ofMinutes(5)) && refused.get() == 0;
        run.nanos = System.nanoTime() - began;
        run.tally = deliveries.tally(targets);
        return run;
    }

    private static void injectPoison(
            PostfachSystem system, Map<String, Integer> poison, String canary, Run run, Duration over) {
        if (poison.isEmpty()) {
            return;
        }
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (var entry : poison.entrySet()) {
            EventType type = TARGETS.stream()
                    .filter(t -> t.topic().equals(entry.getKey()))
                    .findFirst()
                    .orElseThrow()
                    .type();
            for (int i = 0; i < entry.getValue(); i++) {
                String key = "poison-" + UUID.randomUUID();
                // Undecodable: cut-off JSON that carries the canary, so a reason quoting the value would show.
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                        entry.getKey(),
                        key,
                        ("{\"messageId\":\"" + UUID.randomUUID() + "\",\"subject\":\"" + canary + " Gift")
                                .getBytes(StandardCharsets.UTF_8));
                headers(record, type);
                records.add(record);
                run.poisonKeys
                        .computeIfAbsent(entry.getKey(), t -> ConcurrentHashMap.newKeySet())
                        .add(key);
            }
        }
        java.util.Collections.shuffle(records);
        long pause = over.toMillis() / records.size();
        try (KafkaProducer<String, byte[]> producer = Kafka.producer(system.bootstrapServers())) {
            for (ProducerRecord<String, byte[]> record : records) {
                producer.send(record);
                TopicWatcher.sleep(pause);
            }
            producer.flush();
        }
    }

    private static void headers(ProducerRecord<String, byte[]> record, EventType type) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.SPECVERSION, "1.0");
        headers.put(CloudEventHeaders.ID, UUID.randomUUID().toString());
        headers.put(CloudEventHeaders.TYPE, type.type());
        headers.put(CloudEventHeaders.SOURCE, "quality-poison");
        headers.put(CloudEventHeaders.TIME, Instant.now().toString());
        headers.put(CloudEventHeaders.SUBJECT, UUID.randomUUID().toString());
        headers.put(CloudEventHeaders.CONTENT_TYPE, "application/json");
        headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<Service, Double> configMetric(PostfachSystem system) {
        Map<Service, Double> values = new LinkedHashMap<>();
        for (Service service : system.services()) {
            try {
                Matcher matcher = METRIC_VALUE.matcher(system.metrics(service));
                double sum = 0;
                boolean any = false;
                while (matcher.find()) {
                    sum += Double.parseDouble(matcher.group(2));
                    any = true;
                }
                if (any) {
                    values.put(service, sum);
                }
            } catch (RuntimeException e) {
                // a service without the replica has no such metric
            }
        }
        return values;
    }

    private static final class Run {
        final Map<String, Set<String>> poisonKeys = new ConcurrentHashMap<>();
        Deliveries deliveries;
        Targets.Tally tally;
        boolean complete;
        long nanos;

        double seconds() {
            return nanos / 1e9;
        }
    }
}
