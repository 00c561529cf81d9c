package de.jobcenter.postfach.routing;

import static de.jobcenter.postfach.routing.RunningService.bootstrap;
import static de.jobcenter.postfach.routing.testdata.MessageBuilder.messageTo;
import static de.jobcenter.postfach.routing.testdata.TestOffices.BERLIN_MITTE;
import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.mapping;
import static java.util.stream.Collectors.toList;
import static org.assertj.core.api.Assertions.assertThat;

import de.jobcenter.postfach.contracts.CustomerMessageSubmitted;
import de.jobcenter.postfach.contracts.DeliveryStatus;
import de.jobcenter.postfach.contracts.DeliveryStatusChanged;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.MessageRouted;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.kit.kafka.CloudEventRecords;
import de.jobcenter.postfach.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Thousands of records written at once, so that routing-service polls them in full batches (up to
 * {@code max.poll.records}) and works each batch in one transaction on a worker thread: every message is routed once,
 * with one ROUTED status, in its conversation's order, and poison records in the middle of a batch are dead-lettered
 * without holding up the rest.
 */
@QuarkusTest
@QuarkusTestResource(RoutingTestResources.class)
class RoutingLargeBatchTest {
    private static final int CONVERSATIONS = 40;
    private static final int MESSAGES_PER_CONVERSATION = 50;
    private static final int POISON_RECORDS = 3;
    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final String DLQ = Topics.dlq(Topics.CUSTOMER_MESSAGES);

    @BeforeEach
    void serviceIsReady() {
        RunningService.awaitReady();
    }

    @Test
    void routesEveryMessageOfLargeBatchesOnceInConversationOrder() {
        List<UUID> conversations = IntStream.range(0, CONVERSATIONS)
                .mapToObj(i -> UUID.randomUUID())
                .toList();
        List<CustomerMessageSubmitted> messages = new ArrayList<>();
        for (int i = 0; i < MESSAGES_PER_CONVERSATION; i++) {
            for (UUID conversation : conversations) {
                messages.add(messageTo(BERLIN_MITTE).conversation(conversation).build());
            }
        }
        Set<String> keys = conversations.stream().map(UUID::toString).collect(Collectors.toSet());
        List<String> poisonKeys = IntStream.range(0, POISON_RECORDS)
                .mapToObj(i -> "poison-" + UUID.randomUUID())
                .toList();

        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.ROUTED_EAKTE, Topics.DELIVERY_STATUS, DLQ);
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties())) {
            int poisonEvery = messages.size() / POISON_RECORDS;
            for (int i = 0; i < messages.size(); i++) {
                CustomerMessageSubmitted m = messages.get(i);
                producer.send(new ProducerRecord<>(
                        Topics.CUSTOMER_MESSAGES,
                        null,
                        m.partitionKey(),
                        EventJson.write(m),
                        CloudEventRecords.headers(m, "mailbox-api", Instant.now())));
                if (i % poisonEvery == poisonEvery / 2) {
                    producer.send(new ProducerRecord<>(
                            Topics.CUSTOMER_MESSAGES,
                            null,
                            poisonKeys.get(i / poisonEvery),
                            "{\"messageId\": 42".getBytes(StandardCharsets.UTF_8),
                            new RecordHeaders()));
                }
            }
            producer.flush();

            probe.await(r -> r.topic().equals(Topics.ROUTED_EAKTE) && keys.contains(r.key()), messages.size(), WAIT);
            probe.await(r -> r.topic().equals(DLQ) && poisonKeys.contains(r.key()), POISON_RECORDS, WAIT);
            // whatever a second routing of a message would have written is committed by now: read on a little
            List<ConsumerRecord<String, byte[]>> seen = probe.drain(Duration.ofSeconds(2));

            List<MessageRouted> routed = seen.stream()
                    .filter(r -> r.topic().equals(Topics.ROUTED_EAKTE) && keys.contains(r.key()))
                    .map(r -> EventJson.read(r.value(), MessageRouted.class))
                    .toList();
            Map<UUID, Long> routedPerMessage =
                    routed.stream().collect(groupingBy(MessageRouted::messageId, counting()));
            assertThat(routedPerMessage)
                    .as("every message routed exactly once")
                    .hasSize(messages.size())
                    .allSatisfy((id, count) -> assertThat(count).isOne());

            Set<UUID> ids =
                    messages.stream().map(CustomerMessageSubmitted::messageId).collect(Collectors.toSet());
            Map<UUID, Long> routedStatuses = seen.stream()
                    .filter(r -> r.topic().equals(Topics.DELIVERY_STATUS))
                    .map(r -> EventJson.read(r.value(), DeliveryStatusChanged.class))
                    .filter(s -> ids.contains(s.messageId()) && s.status() == DeliveryStatus.ROUTED)
                    .collect(groupingBy(DeliveryStatusChanged::messageId, counting()));
            assertThat(routedStatuses)
                    .as("one ROUTED status per message")
                    .hasSize(messages.size())
                    .allSatisfy((id, count) -> assertThat(count).isOne());

            Map<UUID, List<UUID>> sentOrder = messages.stream()
                    .collect(groupingBy(
                            CustomerMessageSubmitted::conversationId,
                            mapping(CustomerMessageSubmitted::messageId, toList())));
            Map<UUID, List<UUID>> routedOrder = routed.stream()
                    .collect(groupingBy(MessageRouted::conversationId, mapping(MessageRouted::messageId, toList())));
            assertThat(routedOrder).as("order per conversation").isEqualTo(sentOrder);

            List<String> deadLettered = seen.stream()
                    .filter(r -> r.topic().equals(DLQ) && poisonKeys.contains(r.key()))
                    .map(ConsumerRecord::key)
                    .toList();
            assertThat(deadLettered)
                    .as("each poison record dead-lettered once")
                    .containsExactlyInAnyOrderElementsOf(poisonKeys);
        }
    }

    private static Properties producerProperties() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }
}
