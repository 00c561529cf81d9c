package de.jobcenter.postfach.quality.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * P1's baseline, run as a process of its own with the same heap and flags as the services: a plain Kafka
 * consumer→producer loop with routing-service's transaction mode — one consumer (group, {@code read_committed}, no
 * auto-commit, default {@code max.poll.records}), one transactional producer ({@code acks=all}, idempotent), one
 * transaction per polled batch holding the outputs and the consumer offsets. Per input it writes what
 * routing-service writes per routed message: the record to the output topic and a small status record (routing's
 * {@code DeliveryStatusChanged}) — but decodes nothing and decides nothing.
 *
 * <p>{@code PassThroughBaseline <bootstrap> <in> <out> <status> <expected> <id>}: exits after {@code expected}
 * inputs (or 60 s without input).
 */
public final class PassThroughBaseline {

    private PassThroughBaseline() {}

    public static void main(String[] args) {
        String bootstrap = args[0];
        String in = args[1];
        String out = args[2];
        String status = args[3];
        long expected = Long.parseLong(args[4]);
        String id = args[5];

        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, id);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());

        long processed = 0;
        long started = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c);
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
            producer.initTransactions();
            consumer.subscribe(List.of(in));
            long idleSince = System.nanoTime();
            while (processed < expected) {
                ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(100));
                if (batch.isEmpty()) {
                    if (System.nanoTime() - idleSince > Duration.ofSeconds(60).toNanos()) {
                        System.out.println("baseline: no input for 60 s after " + processed + " records");
                        System.exit(3);
                    }
                    continue;
                }
                if (started == 0) {
                    started = System.nanoTime();
                }
                idleSince = System.nanoTime();
                producer.beginTransaction();
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                for (ConsumerRecord<String, byte[]> record : batch) {
                    producer.send(new ProducerRecord<>(out, null, record.key(), record.value(), record.headers()));
                    producer.send(new ProducerRecord<>(
                            status,
                            record.key(),
                            ("{\"status\":\"ROUTED\",\"offset\":" + record.offset() + "}")
                                    .getBytes(StandardCharsets.UTF_8)));
                    offsets.put(
                            new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1));
                }
                producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                producer.commitTransaction();
                processed += batch.count();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "baseline: %d records in %.2f s (%.0f/s, own clock)%n", processed, seconds, processed / seconds);
    }
}
