package de.jobcenter.postfach.kit.officeconfig;

import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.OfficeConfigurationActivated;
import de.jobcenter.postfach.contracts.UndecodableEventException;
import de.jobcenter.postfach.kit.problem.SafeThrowables;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads the whole compacted configuration topic, from the beginning, in every instance, and then follows it. It
 * assigns all partitions itself: no consumer group, no commits. It is caught up once it has reached the end
 * offsets seen at start. A record that cannot be decoded keeps the last good version of that office.
 */
final class TopicReplicaReader implements Runnable {
    private static final Logger LOG = Logger.getLogger(TopicReplicaReader.class);

    private final Properties kafka;
    private final String topic;
    private final OfficeConfigurations replica;
    private final Runnable onCaughtUp;
    private final Consumer<String> onUndecodable;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;

    TopicReplicaReader(
            Map<String, Object> kafkaConfig,
            String topic,
            OfficeConfigurations replica,
            Runnable onCaughtUp,
            Consumer<String> onUndecodable) {
        this.kafka = new Properties();
        kafkaConfig.forEach((k, v) -> {
            if (k.startsWith("bootstrap.servers")
                    || k.startsWith("security.")
                    || k.startsWith("ssl.")
                    || k.startsWith("sasl.")) {
                kafka.put(k, v);
            }
        });
        kafka.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        kafka.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        kafka.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        kafka.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.topic = topic;
        this.replica = replica;
        this.onCaughtUp = onCaughtUp;
        this.onUndecodable = onUndecodable;
    }

    @Override
    public void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(kafka)) {
                consumer = c;
                follow(c);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warnf("Reading %s failed; starting over in 2 s: %s", topic, SafeThrowables.describe(e));
                pause(2_000);
            }
        }
    }

    private void follow(KafkaConsumer<String, byte[]> c) {
        List<PartitionInfo> infos;
        while ((infos = c.partitionsFor(topic, Duration.ofSeconds(10))) == null || infos.isEmpty()) {
            if (!running) {
                return;
            }
            LOG.infof("Waiting for topic %s to exist", topic);
            pause(1_000);
        }
        List<TopicPartition> partitions = infos.stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        c.assign(partitions);
        c.seekToBeginning(partitions);
        Map<TopicPartition, Long> endAtStart = new HashMap<>(c.endOffsets(partitions));
        boolean caughtUp = false;
        while (running) {
            for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(500))) {
                apply(record);
            }
            if (!caughtUp) {
                caughtUp = endAtStart.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue());
                if (caughtUp) {
                    LOG.infof("Office configuration replica caught up: %d offices", replica.size());
                    onCaughtUp.run();
                }
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            if (record.key() != null) {
                replica.forget(record.key());
            }
            return;
        }
        try {
            replica.apply(EventJson.read(record.value(), OfficeConfigurationActivated.class));
        } catch (UndecodableEventException e) {
            LOG.errorf(
                    "Undecodable configuration record for office %s at %s-%d@%d; keeping the last good version: %s",
                    record.key(), record.topic(), record.partition(), record.offset(), e.getMessage());
            onUndecodable.accept(record.key());
        }
    }

    void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
