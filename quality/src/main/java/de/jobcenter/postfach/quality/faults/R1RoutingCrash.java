package de.jobcenter.postfach.quality.faults;

import de.jobcenter.postfach.contracts.CustomerMessageSubmitted;
import de.jobcenter.postfach.contracts.DeliveryStatus;
import de.jobcenter.postfach.contracts.DeliveryStatusChanged;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.MessageRouted;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.quality.harness.PostfachSystem;
import de.jobcenter.postfach.quality.harness.Service;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * R1: routing-service killed with SIGKILL several times while it routes a stream of customer messages (written to
 * {@code postfach.customer-messages} as mailbox-api's outbox writes them). Every message must be routed exactly
 * once (read_committed) and each conversation's messages in the order written.
 */
final class R1RoutingCrash implements Scenario {
    private static final int PER_CONVERSATION = 50;
    /** The stream lasts about this long whatever its size, so that every kill and restart falls inside it. */
    private static final int STREAM_SECONDS = 100;

    @Override
    public String id() {
        return "R1";
    }

    @Override
    public String title() {
        return "kill -9 routing-service during a message stream";
    }

    @Override
    public void run(FaultsConfig config, ScenarioResult result, Supplier<PostfachSystem> shared) throws Exception {
        int total = config.r1Messages();
        int conversations = Math.max(1, total / PER_CONVERSATION);
        int rate = Math.max(20, Math.min(500, total / STREAM_SECONDS));
        result.size = total + " messages in " + conversations + " conversations, " + config.r1Kills()
                + " SIGKILLs, sent at " + rate + "/s (the last tenth after the last kill)";
        List<CustomerMessageSubmitted> messages = messages(total, conversations, config.canary());
        try (PostfachSystem system = PostfachSystem.options(config.runDir(id()))
                        .services(Service.CONFIG, Service.ROUTING)
                        .start();
                TopicWatcher watcher = new TopicWatcher(
                        system.bootstrapServers(),
                        List.of(Topics.ROUTED_EAKTE, Topics.ROUTED_OUTLOOK, Topics.ROUTED_SERVICECENTER));
                KafkaProducer<String, byte[]> producer = Kafka.producer(system.bootstrapServers())) {
            AtomicInteger sent = new AtomicInteger();
            long began = System.nanoTime();
            // The last tenth is sent only after the last kill: every kill falls inside the stream, however long
            // the restarts take on a loaded machine.
            java.util.concurrent.CountDownLatch killsDone = new java.util.concurrent.CountDownLatch(1);
            int reserveFrom = total - total / 10;
            Thread sender = new Thread(
                    () -> {
                        long t0 = System.nanoTime();
                        for (CustomerMessageSubmitted m : messages) {
                            if (sent.get() == reserveFrom) {
                                try {
                                    killsDone.await();
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                    return;
                                }
                                t0 = System.nanoTime() - sent.get() * 1_000_000_000L / rate;
                            }
                            producer.send(Kafka.eventRecord(Topics.CUSTOMER_MESSAGES, m, "mailbox-api"));
                            int n = sent.incrementAndGet();
                            long due = t0 + n * 1_000_000_000L / rate;
                            long wait = (due - System.nanoTime()) / 1_000_000;
                            if (wait > 0) {
                                TopicWatcher.sleep(wait);
                            }
                        }
                        producer.flush();
                    },
                    "r1-sender");
            sender.start();
            List<String> kills = new ArrayList<>();
            Duration restarts = Duration.ZERO;
            for (int k = 1; k <= config.r1Kills(); k++) {
                long threshold = Math.min((long) total * k / (config.r1Kills() + 1), reserveFrom - 1);
                watcher.await(r -> true, threshold, Duration.ofMinutes(5));
                long routedNow = watcher.count(r -> true);
                system.kill(Service.ROUTING);
                long t = System.nanoTime();
                kills.add("kill " + k + " at " + routedNow + " routed / " + sent.get() + " sent");
                system.start(Service.ROUTING);
                restarts = restarts.plus(Duration.ofNanos(System.nanoTime() - t));
                result.check(routedNow < total, "kill " + k + " came after routing had finished");
            }
            killsDone.countDown();
            sender.join(Duration.ofMinutes(5).toMillis());
            boolean all = watcher.await(r -> true, total, Duration.ofMinutes(5));
            Duration routingTime = Duration.ofNanos(System.nanoTime() - began);
            // Anything doubled shows up now or never: every transaction is over.
            TopicWatcher.sleep(3000);
            List<ConsumerRecord<String, byte[]>> routed = Kafka.readAll(
                    system.bootstrapServers(), Topics.ROUTED_EAKTE, Topics.ROUTED_OUTLOOK, Topics.ROUTED_SERVICECENTER);
            List<ConsumerRecord<String, byte[]>> statuses =
                    Kafka.readAll(system.bootstrapServers(), Topics.DELIVERY_STATUS);
            long deadLetters = Kafka.readAll(system.bootstrapServers(), Topics.dlq(Topics.CUSTOMER_MESSAGES))
                    .size();
            tally(result, messages, routed, statuses, deadLetters);
            result.check(all, "not every message routed within 5 minutes after the last send");
            result.duration("first send → all routed", routingTime)
                    .duration("3 restarts (exec → ready)", restarts)
                    .extra("kills", kills)
                    .extra(
                            "routing-startup-last",
                            system.startupTime(Service.ROUTING).toMillis() + " ms");
            Evidence.collect(system);
        }
    }

    private static void tally(
            ScenarioResult result,
            List<CustomerMessageSubmitted> messages,
            List<ConsumerRecord<String, byte[]>> routedRecords,
            List<ConsumerRecord<String, byte[]>> statusRecords,
            long deadLetters) {
        Set<UUID> sentIds = new HashSet<>();
        messages.forEach(m -> sentIds.add(m.messageId()));
        Set<UUID> routedIds = new HashSet<>();
        long duplicates = 0;
        Map<UUID, List<Integer>> sequences = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : routedRecords) {
            MessageRouted routed = EventJson.read(record.value(), MessageRouted.class);
            if (!sentIds.contains(routed.messageId())) {
                continue;
            }
            if (!routedIds.add(routed.messageId())) {
                duplicates++;
            }
            sequences
                    .computeIfAbsent(routed.conversationId(), c -> new ArrayList<>())
                    .add(sequenceOf(routed.subject()));
        }
        Set<UUID> routedStatuses = new HashSet<>();
        long statusDuplicates = 0;
        for (ConsumerRecord<String, byte[]> record : statusRecords) {
            DeliveryStatusChanged status = EventJson.read(record.value(), DeliveryStatusChanged.class);
            if (status.status() == DeliveryStatus.ROUTED && !routedStatuses.add(status.messageId())) {
                statusDuplicates++;
            }
        }
        long outOfOrder =
                sequences.values().stream().filter(seqs -> !isOneToN(seqs)).count();
        long lost = sentIds.size() - routedIds.size();
        result.count("sent", messages.size())
                .count("published", messages.size())
                .count("delivered", routedIds.size())
                .count("duplicates", duplicates)
                .count("lost", lost)
                .count("dlq", deadLetters)
                .count("routed-statuses", routedStatuses.size())
                .count("routed-status-duplicates", statusDuplicates)
                .count("conversations-out-of-order", outOfOrder);
        result.check(lost == 0, lost + " messages not routed")
                .check(duplicates == 0, duplicates + " messages routed twice")
                .check(deadLetters == 0, deadLetters + " dead letters")
                .check(outOfOrder == 0, outOfOrder + " conversations out of order")
                .check(
                        routedStatuses.size() == messages.size() && statusDuplicates == 0,
                        "ROUTED statuses: " + routedStatuses.size() + " distinct, " + statusDuplicates + " doubled");
        result.note("delivered = routed exactly once on postfach.routed.* (read_committed), per message id");
    }

    private static boolean isOneToN(List<Integer> seqs) {
        for (int i = 0; i < seqs.size(); i++) {
            if (seqs.get(i) != i + 1) {
                return false;
            }
        }
        return true;
    }

    private static int sequenceOf(String subject) {
        return Integer.parseInt(subject.substring(subject.lastIndexOf('#') + 1));
    }

    private static List<CustomerMessageSubmitted> messages(int total, int conversations, String canary) {
        List<UUID> conversationIds = new ArrayList<>();
        for (int c = 0; c < conversations; c++) {
            conversationIds.add(UUID.randomUUID());
        }
        List<CustomerMessageSubmitted> messages = new ArrayList<>(total);
        int perConversation = (total + conversations - 1) / conversations;
        for (int seq = 1; seq <= perConversation; seq++) {
            for (int c = 0; c < conversations && messages.size() < total; c++) {
                Portal.Office office = Portal.ALL[c % Portal.ALL.length];
                String customer = "r1-customer-" + c;
                messages.add(new CustomerMessageSubmitted(
                        UUID.randomUUID(),
                        conversationIds.get(c),
                        null,
                        customer,
                        PostfachSystem.customerNumber(customer),
                        office.officeId(),
                        office.concern(),
                        "R1 " + canary + " Nachricht #" + seq,
                        "Guten Tag, " + canary + " Nachricht " + seq + " der Unterhaltung " + c + ".",
                        false,
                        null,
                        Instant.now()));
            }
        }
        return messages;
    }
}
