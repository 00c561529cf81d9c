package de.jobcenter.postfach.quality.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Reads topics from the beginning in the background, read_committed, and keeps every record: progress counts
 * while a fault runs (how much has been routed so far) and the final tally.
 */
final class TopicWatcher implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> records = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    TopicWatcher(String bootstrap, Collection<String> topics) {
        consumer = Kafka.consumer(bootstrap);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::poll, "topic-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void poll() {
        try {
            while (running) {
                List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
                consumer.poll(Duration.ofMillis(200)).forEach(batch::add);
                records.addAll(batch);
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            System.err.println("topic watcher stopped: " + e);
        } finally {
            consumer.close();
        }
    }

    List<ConsumerRecord<String, byte[]>> records() {
        return List.copyOf(records);
    }

    long count(Predicate<ConsumerRecord<String, byte[]>> filter) {
        return records.stream().filter(filter).count();
    }

    /** Waits until {@code count} records match; returns whether they did within the timeout. */
    boolean await(Predicate<ConsumerRecord<String, byte[]>> filter, long count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (count(filter) >= count) {
                return true;
            }
            sleep(200);
        }
        return count(filter) >= count;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
