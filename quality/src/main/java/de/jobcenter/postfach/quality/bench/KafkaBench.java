package de.jobcenter.postfach.quality.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

/** Kafka clients and measurements of the benchmark: raw produce→consume latency, output rates, lags. */
final class KafkaBench {

    private final String bootstrap;

    KafkaBench(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** A plain producer as services publish: {@code acks=all}, idempotent, default batching. */
    KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    /** A {@code read_committed} reader without group, positioned at the end (or start) of every partition. */
    KafkaConsumer<String, byte[]> reader(Collection<String> topics, boolean fromBeginning) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-reader-" + UUID.randomUUID());
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
        }
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        partitions.forEach(consumer::position);
        return consumer;
    }

    /** A thread that hands every record read to {@code sink} until {@link Tail#close()}. */
    final class Tail implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Tail(Collection<String> topics, Consumer<ConsumerRecord<String, byte[]>> sink) {
            KafkaConsumer<String, byte[]> consumer = reader(topics, false);
            thread = new Thread(
                    () -> {
                        try (consumer) {
                            while (running.get()) {
                                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                                    sink.accept(r);
                                }
                            }
                        }
                    },
                    "bench-tail-" + String.join(",", topics));
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() {
            running.set(false);
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Raw produce→consume latency: {@code count} records of {@code size} bytes at {@code rate}/s (open model) to
     * {@code topic}, read back with {@code read_committed}; latency from each record's intended send time to its
     * arrival at the reader.
     */
    Histogram rawLatency(String topic, double rate, int count, int size, Duration maxDuration) {
        Histogram latency = Load.histogram();
        AtomicLongArray intended = new AtomicLongArray(count);
        AtomicLongArray seen = new AtomicLongArray(count);
        byte[] value = new byte[size];
        Arrays.fill(value, (byte) 'x');
        try (KafkaProducer<String, byte[]> producer = producer();
                Tail tail = new Tail(List.of(topic), r -> {
                    int i = Integer.parseInt(r.key());
                    if (seen.compareAndSet(i, 0, 1)) {
                        Load.record(latency, System.nanoTime() - intended.get(i));
                    }
                })) {
            Load.Outcome sent = Load.open(rate, count, maxDuration, Duration.ofSeconds(30), (i, at) -> {
                intended.set(i, at);
                CompletableFuture<Boolean> acked = new CompletableFuture<>();
                producer.send(
                        new ProducerRecord<>(topic, String.valueOf(i), value),
                        (meta, error) -> acked.complete(error == null));
                return acked;
            });
            awaitCount(latency, sent.ok(), Duration.ofSeconds(30));
        }
        return latency;
    }

    static void awaitCount(Histogram histogram, long count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (histogram.getTotalCount() < count && System.nanoTime() < deadline) {
            sleep(20);
        }
    }

    /** One Kafka round trip (produce with {@code acks=all}, read back {@code read_committed}): median of n. */
    double roundTripMillis(String topic, int n) {
        Histogram h = Load.histogram();
        try (KafkaProducer<String, byte[]> producer = producer();
                KafkaConsumer<String, byte[]> reader = reader(List.of(topic), false)) {
            producer.send(new ProducerRecord<>(topic, "warmup", new byte[100])).get(10, TimeUnit.SECONDS);
            drain(reader, Duration.ofMillis(300));
            for (int i = 0; i < n; i++) {
                String key = "rt-" + i;
                long t0 = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, key, new byte[1000]));
                boolean found = false;
                while (!found && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10)) {
                    for (ConsumerRecord<String, byte[]> r : reader.poll(Duration.ofMillis(5))) {
                        found |= key.equals(r.key());
                    }
                }
                Load.record(h, System.nanoTime() - t0);
            }
        } catch (Exception e) {
            throw new IllegalStateException("round trip failed", e);
        }
        return h.getValueAtPercentile(50) / 1000.0;
    }

    private static void drain(KafkaConsumer<String, byte[]> reader, Duration d) {
        long end = System.nanoTime() + d.toNanos();
        while (System.nanoTime() < end) {
            reader.poll(Duration.ofMillis(50));
        }
    }

    /** Sum of the end offsets of a topic's partitions (records ever written, markers included). */
    long endOffsets(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = reader(List.of(topic), false)) {
            return consumer.endOffsets(consumer.assignment()).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        }
    }

    /**
     * Reads {@code expected} committed records of {@code topic} from the beginning and returns their rates: records
     * after the first, divided by the span of their create timestamps (set by the writing producer). Excludes the
     * writer's start-up; counts the work between its first and its last output.
     */
    /** Output rates in records/s: over all outputs, and over the second half (after the writer's JIT warm-up). */
    record Rates(double all, double steady) {}

    Rates outputRates(String topic, long expected, Duration timeout) {
        long[] stamps = new long[(int) expected];
        int count = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = reader(List.of(topic), true)) {
            while (count < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "only " + count + " of " + expected + " records on " + topic + " within " + timeout);
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (count < stamps.length) {
                        stamps[count] = r.timestamp();
                    }
                    count++;
                }
            }
        }
        Arrays.sort(stamps);
        return new Rates(rate(stamps, 0), rate(stamps, stamps.length / 2));
    }

    private static double rate(long[] sortedStamps, int from) {
        int last = sortedStamps.length - 1;
        return (last - from) * 1000.0 / Math.max(1, sortedStamps[last] - sortedStamps[from]);
    }

    /**
     * Copies {@code count} committed records of {@code from} to the same partition numbers of {@code to}, with key,
     * value and headers unchanged.
     */
    void copy(String from, String to, long count, Duration timeout) {
        long copied = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = reader(List.of(from), true);
                KafkaProducer<String, byte[]> producer = producer()) {
            while (copied < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("copied only " + copied + " of " + count + " records");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    producer.send(new ProducerRecord<>(to, r.partition(), r.key(), r.value(), r.headers()));
                    copied++;
                }
            }
            producer.flush();
        }
    }

    /** Waits until consumer group {@code group} has committed the end offset of every partition of {@code topic}. */
    void awaitNoLag(String group, String topic, Duration timeout) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS);
                List<TopicPartition> partitions = committed.keySet().stream()
                        .filter(tp -> tp.topic().equals(topic))
                        .toList();
                Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
                partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
                long lag = 0;
                for (TopicPartition tp : partitions) {
                    lag += ends.get(tp).offset() - committed.get(tp).offset();
                }
                // a transaction marker after the last record is never "consumed": allow one per partition
                if (!partitions.isEmpty() && lag <= partitions.size()) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("group " + group + " still " + lag + " behind on " + topic);
                }
                sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("lag of " + group + " on " + topic + ": " + e.getMessage(), e);
        }
    }

    /**
     * Commits the end of every partition of {@code topic} for consumer group {@code group}, which must not be active,
     * so that a service started afterwards begins there; returns the offsets skipped (0 when the topic is empty or
     * missing).
     */
    long skipToEnd(String group, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            if (!admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic)) {
                return 0;
            }
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(10, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, OffsetAndMetadata> ends = new java.util.HashMap<>();
            admin.listOffsets(latest)
                    .all()
                    .get(10, TimeUnit.SECONDS)
                    .forEach((tp, info) -> ends.put(tp, new OffsetAndMetadata(info.offset())));
            long skipped =
                    ends.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
            if (skipped > 0) {
                admin.alterConsumerGroupOffsets(group, ends).all().get(10, TimeUnit.SECONDS);
            }
            return skipped;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not move " + group + " to the end of " + topic, e);
        }
    }

    /**
     * Waits until {@code topic} holds at least {@code expected} committed records (read from the beginning), at most
     * {@code timeout}; returns how many it found.
     */
    long awaitRecords(String topic, long expected, Duration timeout) {
        long count = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = reader(List.of(topic), true)) {
            while (count < expected && System.nanoTime() < deadline) {
                count += consumer.poll(Duration.ofMillis(200)).count();
            }
        }
        return count;
    }

    /** Committed records on {@code topic} now (transaction markers not counted); read from the beginning. */
    long records(String topic) {
        long count = 0;
        try (KafkaConsumer<String, byte[]> consumer = reader(List.of(topic), true)) {
            Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())
                    && System.nanoTime() < deadline) {
                count += consumer.poll(Duration.ofMillis(200)).count();
            }
        }
        return count;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
