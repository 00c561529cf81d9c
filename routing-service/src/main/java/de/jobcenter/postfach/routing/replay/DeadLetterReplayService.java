package de.jobcenter.postfach.routing.replay;

import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.kit.problem.CommonProblems;
import de.jobcenter.postfach.kit.problem.ProblemException;
import de.jobcenter.postfach.kit.problem.ProblemType;
import de.jobcenter.postfach.kit.problem.SafeThrowables;
import de.jobcenter.postfach.routing.config.RoutingConfig;
import de.jobcenter.postfach.routing.metrics.RoutingMetrics;
import de.jobcenter.postfach.routing.transport.OutgoingRecords;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Replays {@code postfach.customer-messages.dlq} into {@code postfach.customer-messages} once the cause is fixed
 * (e.g. config-service now publishes the office). The topic is worked like a queue: a consumer group's committed
 * offset marks what has been dealt with, and each step re-publishes records and moves that offset in one Kafka
 * transaction, so a record is replayed exactly once per time it was dead-lettered. Records the filter does not
 * select are written back to the topic's end in the same transaction and stay outstanding. A replayed record that
 * fails again is dead-lettered again, with fresh reason headers: nothing is ever dropped.
 */
@ApplicationScoped
public class DeadLetterReplayService {
    private static final Logger LOG = Logger.getLogger(DeadLetterReplayService.class);
    private static final String DEAD_LETTER_TOPIC = Topics.dlq(Topics.CUSTOMER_MESSAGES);
    private static final Duration POLL = Duration.ofMillis(500);

    /** Header on a replayed record: the dead letter it came from ({@code topic-partition@offset}). */
    public static final String REPLAYED_FROM = "postfach-replayed-from";

    public static final ProblemType REPLAY_CONFLICT = new ProblemType(
            "dead-letter-replay-conflict",
            "Eine andere Wiederholung der Dead-Letter-Nachrichten hat diese abgelöst.",
            409);

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    RoutingConfig config;

    @Inject
    RoutingMetrics metrics;

    /** The outstanding dead letters (not yet replayed), oldest first, at most {@code limit}. */
    public List<DeadLetter> outstanding(int limit) {
        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
            Map<TopicPartition, Long> end = positionAtCommitted(consumer);
            long deadline = System.nanoTime() + config.replay().timeout().toNanos();
            while (letters.size() < limit && !reached(consumer, end) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() < end.get(partition(record)) && letters.size() < limit) {
                        letters.add(DeadLetter.of(record));
                    }
                }
            }
        }
        return letters;
    }

    /** Re-publishes the outstanding dead letters the filter selects; see the class comment. */
    public synchronized ReplayResult replay(ReplayFilter filter) {
        int replayed = 0;
        int kept = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties());
                KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
            // First fence any replay still running elsewhere, then read where the last one got to.
            producer.initTransactions();
            Map<TopicPartition, Long> end = positionAtCommitted(consumer);
            long deadline = System.nanoTime() + config.replay().timeout().toNanos();
            while (!reached(consumer, end) && System.nanoTime() < deadline) {
                List<ConsumerRecord<String, byte[]>> step = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() < end.get(partition(record))) {
                        step.add(record);
                    }
                }
                if (step.isEmpty()) {
                    continue;
                }
                producer.beginTransaction();
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                int stepReplayed = 0;
                for (ConsumerRecord<String, byte[]> record : step) {
                    if (filter.matches(DeadLetter.of(record))) {
                        producer.send(replayRecord(record));
                        stepReplayed++;
                    } else {
                        producer.send(keptRecord(record));
                        kept++;
                    }
                    offsets.put(partition(record), new OffsetAndMetadata(record.offset() + 1));
                }
                producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                producer.commitTransaction();
                replayed += stepReplayed;
                metrics.replayed(stepReplayed);
            }
            boolean complete = reached(consumer, end);
            LOG.infof(
                    "Dead-letter replay: %d re-published to %s, %d kept, %s",
                    replayed, Topics.CUSTOMER_MESSAGES, kept, complete ? "complete" : "time limit reached");
            return new ReplayResult(replayed, kept, complete);
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            LOG.warnf("Dead-letter replay superseded by another after %d records", replayed);
            throw new ProblemException(
                    REPLAY_CONFLICT,
                    "Eine Wiederholung auf einer anderen Instanz hat diese abgelöst; bereits wiederholt: " + replayed
                            + ". Bitte den Stand abfragen und bei Bedarf erneut starten.");
        } catch (KafkaException e) {
            // An open transaction is aborted when the producer closes: nothing of this step was published.
            LOG.errorf("Dead-letter replay failed after %d records: %s", replayed, SafeThrowables.describe(e));
            throw new ProblemException(
                    CommonProblems.SERVICE_UNAVAILABLE,
                    "Kafka ist nicht erreichbar; bereits wiederholt: " + replayed + ". Bitte später erneut starten.");
        }
    }

    /** Assigns every partition, positioned at the replay group's committed offset; returns the end offsets. */
    private Map<TopicPartition, Long> positionAtCommitted(KafkaConsumer<String, byte[]> consumer) {
        List<TopicPartition> partitions = consumer.partitionsFor(DEAD_LETTER_TOPIC, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(DEAD_LETTER_TOPIC, p.partition()))
                .toList();
        consumer.assign(partitions);
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, offset.offset());
            }
        }
        return consumer.endOffsets(partitions);
    }

    /** Whether the consumer has passed the end offsets (read_committed: transaction markers are skipped). */
    private static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static ProducerRecord<String, byte[]> replayRecord(ConsumerRecord<String, byte[]> record) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith(OutgoingRecords.DEAD_LETTER_PREFIX)
                    && !header.key().equals(REPLAYED_FROM)) {
                headers.add(header);
            }
        }
        String origin = record.topic() + "-" + record.partition() + "@" + record.offset();
        headers.add(REPLAYED_FROM, origin.getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(Topics.CUSTOMER_MESSAGES, null, record.key(), record.value(), headers);
    }

    private static ProducerRecord<String, byte[]> keptRecord(ConsumerRecord<String, byte[]> record) {
        return new ProducerRecord<>(DEAD_LETTER_TOPIC, null, record.key(), record.value(), record.headers());
    }

    private static TopicPartition partition(ConsumerRecord<?, ?> record) {
        return new TopicPartition(record.topic(), record.partition());
    }

    private Properties consumerProperties() {
        Properties props = clientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.replay().groupId());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "routing-dlq-replay-" + config.instanceId());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    private Properties producerProperties() {
        Properties props = clientProperties();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.replay().transactionalId());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "routing-dlq-replay-" + config.instanceId());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    /** The connection settings of the service's Kafka configuration (servers, TLS, SASL), nothing else. */
    private Properties clientProperties() {
        Properties props = new Properties();
        kafkaConfig.forEach((key, value) -> {
            if (key.equals("bootstrap.servers")
                    || key.startsWith("security.")
                    || key.startsWith("ssl.")
                    || key.startsWith("sasl.")) {
                props.put(key, value);
            }
        });
        return props;
    }
}
