package de.jobcenter.postfach.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.jobcenter.postfach.contracts.ArchiveRequested;
import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.CustomerMessageSubmitted;
import de.jobcenter.postfach.contracts.DeliveryStatus;
import de.jobcenter.postfach.contracts.DeliveryStatusChanged;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.MessageRouted;
import de.jobcenter.postfach.contracts.OfficeConfigurationActivated;
import de.jobcenter.postfach.contracts.RouteRef;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.kit.kafka.CloudEventRecords;
import de.jobcenter.postfach.routing.testdata.MessageBuilder;
import de.jobcenter.postfach.routing.testdata.OfficeBuilder;
import de.jobcenter.postfach.routing.testdata.RoutingTopics;
import de.jobcenter.postfach.testing.KafkaBroker;
import de.jobcenter.postfach.testing.ManagedProcess;
import de.jobcenter.postfach.testing.Ports;
import de.jobcenter.postfach.testing.TopicProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * R1 of the quality bars, scaled to a test: the packaged service in two processes of one consumer group, both
 * killed with SIGKILL while messages flow and restarted with the same instance id (so each fences its
 * predecessor). A read_committed reader of every output topic must see each message routed exactly once, with
 * exactly one ROUTED status and at most one archive request, in order per conversation.
 */
class RoutingCrashIT {
    private static final String OFFICE = "JC-CRASH-TEST";
    private static final String MAILBOX = "post.crash-test@jobcenter-ge.de";
    private static final String SERVICE_CENTER = "SC-CRASH-TEST";
    private static final int CONVERSATIONS = 100;
    private static final int MESSAGES_PER_CONVERSATION = 30;
    private static final int TOTAL = CONVERSATIONS * MESSAGES_PER_CONVERSATION;
    private static final int MESSAGES_PER_TICK = 5;
    private static final Duration TICK = Duration.ofMillis(50);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final String DEAD_LETTER_TOPIC = Topics.dlq(Topics.CUSTOMER_MESSAGES);
    private static final List<String> CONCERNS = List.of("PROCESSING_STATUS", "COPY_REQUEST", "APPOINTMENT_REQUEST");

    private final KafkaBroker kafka = KafkaBroker.shared();
    private final Path jar = Path.of(System.getProperty("routing.jar", "target/quarkus-app/quarkus-run.jar"));
    private final Path logs = Path.of("target", "it-logs");
    private final Map<String, ManagedProcess> instances = new ConcurrentHashMap<>();
    private final Map<String, Integer> starts = new HashMap<>();
    private ScheduledExecutorService sender;

    @AfterEach
    void stopEverything() {
        if (sender != null) {
            sender.shutdownNow();
        }
        instances.values().forEach(ManagedProcess::stop);
    }

    @Test
    void everyMessageIsRoutedExactlyOnceAndInOrderWhileInstancesAreKilled() throws Exception {
        assertThat(jar).as("the packaged service (run after `package`)").isRegularFile();
        Files.createDirectories(logs);
        RoutingTopics.publishConfiguration(kafka.bootstrapServers(), office());
        List<CustomerMessageSubmitted> messages = messages();
        AtomicInteger sent = new AtomicInteger();
        try (TopicProbe outputs = TopicProbe.fromBeginning(
                        kafka.bootstrapServers(),
                        Topics.ROUTED_EAKTE,
                        Topics.ROUTED_OUTLOOK,
                        Topics.ROUTED_SERVICECENTER,
                        Topics.DELIVERY_STATUS,
                        Topics.ARCHIVE_REQUESTS,
                        DEAD_LETTER_TOPIC);
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties())) {
            List<Runnable> ready = List.of(launch("routing-it-a"), launch("routing-it-b"));
            ready.forEach(Runnable::run);

            long began = System.nanoTime();
            sender = Executors.newSingleThreadScheduledExecutor();
            sender.scheduleAtFixedRate(
                    () -> {
                        for (int i = 0; i < MESSAGES_PER_TICK && sent.get() < TOTAL; i++) {
                            CustomerMessageSubmitted m = messages.get(sent.getAndIncrement());
                            producer.send(new ProducerRecord<>(
                                    Topics.CUSTOMER_MESSAGES,
                                    null,
                                    m.partitionKey(),
                                    EventJson.write(m),
                                    CloudEventRecords.headers(m, "mailbox-api", Instant.now())));
                        }
                    },
                    0,
                    TICK.toMillis(),
                    TimeUnit.MILLISECONDS);

            // Each kill lands while routing is under way: triggered by how much has been routed so far.
            List<String> kills = new ArrayList<>();
            for (var kill : List.of(
                    Map.entry("routing-it-a", TOTAL / 6),
                    Map.entry("routing-it-b", TOTAL / 2),
                    Map.entry("routing-it-a", TOTAL * 4 / 5))) {
                int routedSoFar = outputs.await(RoutingCrashIT::isRouted, kill.getValue(), Duration.ofMinutes(3))
                        .size();
                assertThat(routedSoFar).as("routing still under way").isLessThan(TOTAL);
                killAndRestart(kill.getKey());
                kills.add(kill.getKey() + " at " + routedSoFar + " routed, " + sent.get() + " sent");
            }

            await().atMost(Duration.ofMinutes(1)).until(() -> sent.get() >= TOTAL);
            producer.flush();
            Outputs read = readOutputs(outputs, messages);
            double seconds = (System.nanoTime() - began) / 1e9;
            Set<UUID> routedIds = new HashSet<>(read.routedIds());
            int duplicates = read.routed.size() - routedIds.size();
            long lost = messages.stream()
                    .filter(m -> !routedIds.contains(m.messageId()))
                    .count();
            System.out.printf(
                    "CRASH TEST: %d messages, %d conversations, %d SIGKILLs (%s), %d routed, %d duplicates, %d lost,"
                            + " %d ROUTED statuses, %d archive requests, %d dead letters, %.1f s from first send%n",
                    TOTAL,
                    CONVERSATIONS,
                    kills.size(),
                    String.join("; ", kills),
                    read.routed.size(),
                    duplicates,
                    lost,
                    read.routedStatuses.size(),
                    read.archiveRequests.size(),
                    read.deadLetters,
                    seconds);

            assertExactlyOnce(messages, read);
            assertInOrderPerConversation(read);
            assertBothInstancesSharedThePartitions();
        }
    }

    private static boolean isRouted(ConsumerRecord<String, byte[]> record) {
        return record.topic().startsWith("postfach.routed.");
    }

    private void assertExactlyOnce(List<CustomerMessageSubmitted> messages, Outputs outputs) {
        Set<UUID> sentIds =
                messages.stream().map(CustomerMessageSubmitted::messageId).collect(Collectors.toSet());
        assertThat(outputs.routedIds()).as("routed records").hasSize(TOTAL).doesNotHaveDuplicates();
        assertThat(new HashSet<>(outputs.routedIds())).isEqualTo(sentIds);
        assertThat(outputs.routedStatuses).as("ROUTED statuses").hasSize(TOTAL).doesNotHaveDuplicates();
        assertThat(new HashSet<>(outputs.routedStatuses)).isEqualTo(sentIds);
        Set<UUID> toArchive = messages.stream()
                .filter(m -> m.paymentRelevant() && !m.concern().equals("PROCESSING_STATUS"))
                .map(CustomerMessageSubmitted::messageId)
                .collect(Collectors.toSet());
        assertThat(toArchive).isNotEmpty();
        assertThat(outputs.archiveRequests).as("archive requests").doesNotHaveDuplicates();
        assertThat(new HashSet<>(outputs.archiveRequests)).isEqualTo(toArchive);
        assertThat(outputs.deadLetters).as("dead letters").isZero();
        for (MessageRouted routed : outputs.routed) {
            assertThat(routed.route().channel()).isEqualTo(channelOf(routed.concern()));
            assertThat(routed.configVersion()).isEqualTo(1);
        }
    }

    /** Each conversation's messages arrive in the order they were written (sequence 1, 2, 3 …). */
    private static void assertInOrderPerConversation(Outputs outputs) {
        Map<UUID, List<Integer>> sequences = new HashMap<>();
        for (MessageRouted routed : outputs.routed) {
            sequences
                    .computeIfAbsent(routed.conversationId(), c -> new ArrayList<>())
                    .add(sequenceOf(routed.subject()));
        }
        assertThat(sequences).hasSize(CONVERSATIONS);
        List<Integer> expected = new ArrayList<>();
        for (int seq = 1; seq <= MESSAGES_PER_CONVERSATION; seq++) {
            expected.add(seq);
        }
        sequences.forEach((conversation, seqs) ->
                assertThat(seqs).as("conversation " + conversation).isEqualTo(expected));
    }

    /** Two members of the group, each with partitions of its own: they share the load. */
    private void assertBothInstancesSharedThePartitions() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("routing-service"))
                        .describedGroups()
                        .get("routing-service")
                        .get(10, TimeUnit.SECONDS);
                Map<String, Integer> partitionsByInstance = group.members().stream()
                        .collect(Collectors.toMap(
                                m -> m.groupInstanceId().orElse(m.consumerId()),
                                (MemberDescription m) ->
                                        m.assignment().topicPartitions().size()));
                assertThat(partitionsByInstance).containsOnlyKeys("routing-it-a", "routing-it-b");
                assertThat(partitionsByInstance.values())
                        .allSatisfy(n -> assertThat(n).isPositive());
                assertThat(partitionsByInstance.values().stream()
                                .mapToInt(Integer::intValue)
                                .sum())
                        .isEqualTo(3);
            });
        }
    }

    /** Everything on the output topics, read from the beginning as a read_committed downstream consumer does. */
    private static Outputs readOutputs(TopicProbe probe, List<CustomerMessageSubmitted> messages) {
        long archives = messages.stream()
                .filter(m -> m.paymentRelevant() && !m.concern().equals("PROCESSING_STATUS"))
                .count();
        probe.await(RoutingCrashIT::isRouted, TOTAL, Duration.ofMinutes(3));
        probe.await(r -> r.topic().equals(Topics.DELIVERY_STATUS), TOTAL, Duration.ofMinutes(1));
        probe.await(r -> r.topic().equals(Topics.ARCHIVE_REQUESTS), (int) archives, Duration.ofMinutes(1));
        // Anything doubled would show up now or never: every transaction is over, the instances are idle.
        List<ConsumerRecord<String, byte[]>> all = probe.drain(Duration.ofSeconds(3));
        Outputs outputs = new Outputs();
        for (ConsumerRecord<String, byte[]> record : all) {
            if (isRouted(record)) {
                outputs.routed.add(EventJson.read(record.value(), MessageRouted.class));
            } else if (record.topic().equals(Topics.DELIVERY_STATUS)) {
                DeliveryStatusChanged status = EventJson.read(record.value(), DeliveryStatusChanged.class);
                if (status.status() == DeliveryStatus.ROUTED) {
                    outputs.routedStatuses.add(status.messageId());
                }
            } else if (record.topic().equals(Topics.ARCHIVE_REQUESTS)) {
                outputs.archiveRequests.add(
                        EventJson.read(record.value(), ArchiveRequested.class).messageId());
            } else if (record.topic().equals(DEAD_LETTER_TOPIC)) {
                outputs.deadLetters++;
            }
        }
        return outputs;
    }

    private static final class Outputs {
        final List<MessageRouted> routed = new ArrayList<>();
        final List<UUID> routedStatuses = new ArrayList<>();
        final List<UUID> archiveRequests = new ArrayList<>();
        int deadLetters;

        List<UUID> routedIds() {
            return routed.stream().map(MessageRouted::messageId).toList();
        }
    }

    /** Starts an instance and returns what waits for it to be ready (so that instances can start side by side). */
    private Runnable launch(String instanceId) {
        int port = Ports.free();
        int n = starts.merge(instanceId, 1, Integer::sum);
        ManagedProcess process = ManagedProcess.java(instanceId)
                .jar(jar)
                .jvmArg("-Xmx256m")
                .systemProperty("quarkus.http.port", String.valueOf(port))
                .systemProperty("kafka.bootstrap.servers", kafka.bootstrapServers())
                .systemProperty("postfach.routing.instance-id", instanceId)
                .logFile(logs.resolve(instanceId + "-" + n + ".log"))
                .start();
        instances.put(instanceId, process);
        return () -> process.awaitHttpOk("http://localhost:" + port + "/q/health/ready", START_TIMEOUT);
    }

    /** SIGKILL, then a new process with the same instance id: it fences the dead one's transaction at once. */
    private void killAndRestart(String instanceId) {
        ManagedProcess victim = instances.get(instanceId);
        victim.kill();
        assertThat(victim.isAlive()).isFalse();
        launch(instanceId).run();
    }

    private static List<CustomerMessageSubmitted> messages() {
        List<UUID> conversations = new ArrayList<>();
        for (int c = 0; c < CONVERSATIONS; c++) {
            conversations.add(UUID.randomUUID());
        }
        List<CustomerMessageSubmitted> messages = new ArrayList<>();
        for (int seq = 1; seq <= MESSAGES_PER_CONVERSATION; seq++) {
            for (int c = 0; c < CONVERSATIONS; c++) {
                MessageBuilder message = MessageBuilder.messageTo(OFFICE)
                        .conversation(conversations.get(c))
                        .concern(CONCERNS.get(c % CONCERNS.size()))
                        .subject("Nachricht " + seq)
                        .body("Nachricht " + seq + " im Gespräch " + c + ". " + "x".repeat(900))
                        .submittedAt(Instant.now());
                if (c % 4 == 0) {
                    message.paymentRelevant();
                }
                messages.add(message.build());
            }
        }
        return messages;
    }

    private static int sequenceOf(String subject) {
        return Integer.parseInt(subject.substring("Nachricht ".length()));
    }

    private static Channel channelOf(String concern) {
        return switch (concern) {
            case "COPY_REQUEST" -> Channel.OUTLOOK;
            case "APPOINTMENT_REQUEST" -> Channel.SERVICE_CENTER;
            default -> Channel.EAKTE;
        };
    }

    private static OfficeConfigurationActivated office() {
        return OfficeBuilder.office(OFFICE)
                .toEakte("PROCESSING_STATUS")
                .toOutlook("COPY_REQUEST", MAILBOX)
                .route("APPOINTMENT_REQUEST", RouteRef.serviceCenter(OFFICE, SERVICE_CENTER), false)
                .contract(SERVICE_CENTER, LocalDate.of(2024, 1, 1))
                .build();
    }

    private Properties producerProperties() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }
}
