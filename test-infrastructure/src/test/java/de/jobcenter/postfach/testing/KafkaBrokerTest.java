package de.jobcenter.postfach.testing;

import static org.assertj.core.api.Assertions.assertThat;

import de.jobcenter.postfach.contracts.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.FeatureMetadata;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerTest {

    private final KafkaBroker broker = KafkaBroker.shared();

    @Test
    void sharedBrokerHasEveryTopicWithItsPartitionCountAndCleanupPolicy() throws Exception {
        try (Admin admin = admin()) {
            Map<String, TopicDescription> topics = admin.describeTopics(Topics.allWithDeadLetterTopics())
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS);

            assertThat(topics).containsOnlyKeys(Topics.allWithDeadLetterTopics());
            assertThat(topics.get(Topics.CUSTOMER_MESSAGES).partitions()).hasSize(3);
            assertThat(topics.get(Topics.STAFF_MESSAGES_REJECTED).partitions()).hasSize(3);
            assertThat(topics.get(Topics.OFFICE_CONFIG).partitions()).hasSize(1);
            assertThat(topics.get(Topics.NOTIFICATION_PREFERENCES).partitions()).hasSize(1);
            assertThat(topics.get(Topics.dlq(Topics.CUSTOMER_MESSAGES)).partitions())
                    .hasSize(1);

            ConfigResource officeConfig = new ConfigResource(ConfigResource.Type.TOPIC, Topics.OFFICE_CONFIG);
            ConfigResource customerMessages = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CUSTOMER_MESSAGES);
            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(officeConfig, customerMessages))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            assertThat(configs.get(officeConfig)
                            .get(TopicConfig.CLEANUP_POLICY_CONFIG)
                            .value())
                    .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
            assertThat(configs.get(customerMessages)
                            .get(TopicConfig.CLEANUP_POLICY_CONFIG)
                            .value())
                    .isEqualTo(TopicConfig.CLEANUP_POLICY_DELETE);
        }
    }

    @Test
    void brokerFinalizesTransactionVersionTwo() throws Exception {
        try (Admin admin = admin()) {
            FeatureMetadata features =
                    admin.describeFeatures().featureMetadata().get(30, TimeUnit.SECONDS);

            assertThat(features.finalizedFeatures().get("transaction.version").maxVersionLevel())
                    .isGreaterThanOrEqualTo((short) 2);
        }
    }

    @Test
    void readCommittedConsumerSeesCommittedTransactionButNotAbortedOne() {
        String key = "tx-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = transactionalProducer()) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.ROUTED_EAKTE, key, "aborted"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.ROUTED_EAKTE, key, "committed"));
            producer.commitTransaction();
        }

        List<String> values = readValues(Topics.ROUTED_EAKTE, key, 1);

        assertThat(values).containsExactly("committed");
    }

    @Test
    void restartAfterStopKeepsTopicsAndRecordsAndAcceptsNewRecords() throws Exception {
        String key = "restart-" + UUID.randomUUID();
        String bootstrapBefore = broker.bootstrapServers();
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.DELIVERY_STATUS, key, "before"))
                    .get(30, TimeUnit.SECONDS);
        }

        broker.stop();
        assertThat(broker.isRunning()).isFalse();
        broker.restart();

        assertThat(broker.isRunning()).isTrue();
        assertThat(broker.bootstrapServers()).isEqualTo(bootstrapBefore);
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.DELIVERY_STATUS, key, "after"))
                    .get(60, TimeUnit.SECONDS);
        }
        assertThat(readValues(Topics.DELIVERY_STATUS, key, 2)).containsExactly("before", "after");
        try (Admin admin = admin()) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .containsAll(Topics.allWithDeadLetterTopics());
        }
    }

    @Test
    void standaloneBrokerKeepsItsRecordsInItsDataDirectoryAcrossStarts(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("kafka");
        int port = Ports.free();
        String key = "standalone-" + UUID.randomUUID();
        try (KafkaBroker standalone = KafkaBroker.start(port, dataDir)) {
            assertThat(standalone.bootstrapServers()).isEqualTo("localhost:" + port);
            try (KafkaProducer<String, String> producer = producer(standalone)) {
                producer.send(new ProducerRecord<>(Topics.MAILBOX_EVENTS, key, "kept"))
                        .get(30, TimeUnit.SECONDS);
            }
        }

        try (KafkaBroker standalone = KafkaBroker.start(port, dataDir)) {
            assertThat(readValues(standalone, Topics.MAILBOX_EVENTS, key, 1)).containsExactly("kept");
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private KafkaProducer<String, String> producer() {
        return producer(broker);
    }

    private static KafkaProducer<String, String> producer(KafkaBroker target) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private KafkaProducer<String, String> transactionalProducer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-" + UUID.randomUUID());
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private List<String> readValues(String topic, String key, int expected) {
        return readValues(broker, topic, key, expected);
    }

    private static List<String> readValues(KafkaBroker target, String topic, String key, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(Set.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        values.add(record.value());
                    }
                }
            }
            // One more poll: anything beyond the expected records (an aborted one) would show up here.
            consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                if (key.equals(record.key())) {
                    values.add(record.value());
                }
            });
        }
        return values;
    }
}
