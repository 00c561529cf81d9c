package de.jobcenter.postfach.quality.faults;

import de.jobcenter.postfach.contracts.CloudEventHeaders;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.PostfachEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Reading and writing the run's topics as a downstream consumer or an upstream producer would. */
final class Kafka {
    private Kafka() {}

    /** Everything the topics hold now, read_committed, up to the last stable offset of each partition. */
    static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, Collection<String> topics) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + topics + " to their end within 2 minutes");
                }
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            return records;
        }
    }

    static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, String... topics) {
        return readAll(bootstrap, List.of(topics));
    }

    static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "quality-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(props);
    }

    static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    /** An event as its publisher writes it: JSON value, partition key, CloudEvents headers. */
    static ProducerRecord<String, byte[]> eventRecord(String topic, PostfachEvent event, String source) {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(topic, event.partitionKey(), EventJson.write(event));
        CloudEventHeaders.forEvent(event, source, Instant.now())
                .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    /** The same record again: same topic, partition, key, value and headers. */
    static ProducerRecord<String, byte[]> copyOf(ConsumerRecord<String, byte[]> record) {
        ProducerRecord<String, byte[]> copy =
                new ProducerRecord<>(record.topic(), record.partition(), record.key(), record.value());
        for (Header header : record.headers()) {
            copy.headers().add(header.key(), header.value());
        }
        return copy;
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * Waits until each consumer group has committed, on every partition it committed on before, up to the last
     * stable offset: the group has dealt with everything written so far. Returns false after the timeout.
     */
    static boolean awaitGroupsCaughtUp(String bootstrap, Collection<String> groups, Duration timeout) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
                KafkaConsumer<String, byte[]> reader = consumer(bootstrap)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (caughtUp(admin, reader, groups)) {
                    return true;
                }
                Thread.sleep(500);
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Whether no committed record lies between each group's committed offset and the partition's end. The end
     * offset alone does not tell: transaction markers take offsets too, and a consumer commits the offset after its
     * last record, not after the marker behind it.
     */
    private static boolean caughtUp(Admin admin, KafkaConsumer<String, byte[]> reader, Collection<String> groups) {
        try {
            for (String group : groups) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS);
                if (committed.isEmpty()) {
                    return false;
                }
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                        .all()
                        .get(10, TimeUnit.SECONDS);
                for (var entry : committed.entrySet()) {
                    long end = ends.get(entry.getKey()).offset();
                    long at = entry.getValue() == null ? 0 : entry.getValue().offset();
                    if (at < end && recordsBetween(reader, entry.getKey(), at, end)) {
                        return false;
                    }
                }
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean recordsBetween(
            KafkaConsumer<String, byte[]> reader, TopicPartition tp, long from, long end) {
        reader.assign(List.of(tp));
        reader.seek(tp, from);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (reader.position(tp) < end && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(200))) {
                if (record.offset() < end) {
                    return true;
                }
            }
        }
        return reader.position(tp) < end;
    }

    /** Records matching the filter among those read. */
    static long count(List<ConsumerRecord<String, byte[]>> records, Predicate<ConsumerRecord<String, byte[]>> filter) {
        return records.stream().filter(filter).count();
    }
}
