package de.jobcenter.postfach.config.publication;

import de.jobcenter.postfach.config.config.ConfigServiceConfig;
import de.jobcenter.postfach.contracts.CloudEventHeaders;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.OfficeConfigurationActivated;
import de.jobcenter.postfach.kit.kafka.CloudEventRecords;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends OfficeConfigurationActivated records to the compacted topic, keyed by office id, with CloudEvents headers.
 * A plain idempotent producer with bounded waits: the caller learns within the send timeout whether the broker has
 * the record, and records which version is published (see {@link PublicationService}).
 */
@ApplicationScoped
public class OfficeConfigurationPublisher {
    public static final String SERVICE = "config-service";

    @Inject
    ConfigServiceConfig config;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    private KafkaProducer<String, byte[]> producer;

    /** Sends one record; the future completes when the broker acknowledged it (or failed). */
    public Future<RecordMetadata> send(OfficeConfigurationActivated event) {
        return producer()
                .send(CloudEventRecords.producerRecord(
                        config.publication().topic(),
                        event.partitionKey(),
                        EventJson.write(event),
                        CloudEventHeaders.forEvent(event, SERVICE, event.activatedAt())));
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            int timeout = (int) config.publication().sendTimeout().toMillis();
            Map<String, Object> props = new HashMap<>();
            kafkaConfig.forEach((k, v) -> {
                if (k.startsWith("bootstrap.servers")
                        || k.startsWith("security.")
                        || k.startsWith("ssl.")
                        || k.startsWith("sasl.")) {
                    props.put(k, v);
                }
            });
            props.put(ProducerConfig.CLIENT_ID_CONFIG, "config-service-office-config");
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1, timeout / 2));
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
            props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            producer = new KafkaProducer<>(props);
        }
        return producer;
    }

    synchronized void stop(@Observes ShutdownEvent event) {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
