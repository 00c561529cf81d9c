package de.jobcenter.postfach.mailbox.outbox;

import com.fasterxml.jackson.core.type.TypeReference;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.kit.kafka.CloudEventRecords;
import de.jobcenter.postfach.kit.problem.SafeThrowables;
import de.jobcenter.postfach.mailbox.config.MailboxConfig;
import de.jobcenter.postfach.mailbox.persistence.PlainSql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka and marks them published after the broker's acknowledgement (at least once).
 *
 * <p>One relay is active per cluster: each round takes a PostgreSQL advisory lock for its transaction. A round
 * reads only rows of transactions that have ended (their {@code tx_id} lies below the oldest running
 * transaction), in the order those transactions began, so a row never overtakes one written before it — in
 * particular within a conversation. Kafka being away only delays publication; writes go on. Plain SQL: the relay
 * polls all the time and needs no entities.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long RELAY_LOCK = 0x706f737466616368L; // "postfach"
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

    @Inject
    PlainSql sql;

    @Inject
    MailboxConfig config;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    private KafkaProducer<String, byte[]> producer;
    private volatile boolean running;
    private Thread worker;

    void start(@Observes StartupEvent event) {
        Map<String, Object> props = new HashMap<>();
        kafkaConfig.forEach((k, v) -> {
            if (k.startsWith("bootstrap.servers")
                    || k.startsWith("security.")
                    || k.startsWith("ssl.")
                    || k.startsWith("sasl.")) {
                props.put(k, v);
            }
        });
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "mailbox-api-outbox-relay");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int)
                config.outbox().sendTimeout().toMillis());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer = new KafkaProducer<>(props);
        running = true;
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }

    /**
     * The relay's own thread: a full batch is followed at once by the next; otherwise it waits one poll interval
     * (the scheduler extension cannot tick below a second, which would add that much latency to every message).
     * After a failed round it backs off, up to five seconds, until a round succeeds again.
     */
    private void loop() {
        long idle = config.outbox().pollInterval().toMillis();
        long pause = idle;
        while (running) {
            Round round;
            try {
                round = QuarkusTransaction.requiringNew().call(this::publishOneBatch);
            } catch (Exception e) {
                round = new Round(0, e);
            }
            if (!running) {
                return;
            }
            if (round.failure() != null) {
                LOG.warnf(
                        "Outbox relay round failed after %d records; it will try again: %s",
                        round.published(), SafeThrowables.describe(round.failure()));
                pause = Math.min(Math.max(pause * 2, 100), 5_000);
            } else {
                pause = idle;
            }
            if (round.failure() != null || round.published() < config.outbox().batchSize()) {
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** What one round did: how many records were acknowledged and marked, and why it stopped early, if it did. */
    record Round(int published, Throwable failure) {}

    /**
     * Publishes the next batch and marks every record the broker acknowledged. The round waits for the producer's
     * own outcome of every record it handed over (the producer settles each one within its delivery timeout), so a
     * record is never given up on while it may still be written: giving up early and sending it again in the next
     * round is how a record would reach Kafka twice. A record that failed is sent again in the next round; so is
     * every later record of the same conversation (same topic and key), even if acknowledged, so that nothing
     * overtakes a record of its own conversation. Records of other conversations are marked.
     */
    Round publishOneBatch() throws Exception {
        boolean locked = sql.query("select pg_try_advisory_xact_lock(?)", row -> row.getBoolean(1), RELAY_LOCK)
                .get(0);
        if (!locked) {
            return new Round(0, null);
        }
        List<Object[]> rows = sql.query(
                """
                select id, topic, event_key, cast(headers as text), payload
                  from outbox_event
                 where published_at is null
                   and tx_id < pg_snapshot_xmin(pg_current_snapshot())
                 order by tx_id, id
                 limit ?
                """,
                row -> new Object[] {
                    row.getLong(1), row.getString(2), row.getString(3), row.getString(4), row.getBytes(5)
                },
                config.outbox().batchSize());
        if (rows.isEmpty()) {
            return new Round(0, null);
        }
        List<Object[]> sent = new ArrayList<>(rows.size());
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        Throwable failure = null;
        for (Object[] row : rows) {
            Map<String, String> headers = EventJson.mapper().readValue((String) row[3], HEADERS);
            try {
                acks.add(producer.send(
                        CloudEventRecords.producerRecord((String) row[1], (String) row[2], (byte[]) row[4], headers)));
            } catch (RuntimeException e) {
                failure = e; // the broker is unreachable (metadata timeout): send nothing after it
                break;
            }
            sent.add(row);
        }
        // The producer settles every record within its delivery timeout; the margin only guards against a hang.
        long deadline = System.nanoTime() + config.outbox().sendTimeout().toNanos() + TimeUnit.SECONDS.toNanos(30);
        List<Long> acknowledged = new ArrayList<>(sent.size());
        Set<String> heldBack = new HashSet<>();
        for (int i = 0; i < sent.size(); i++) {
            String conversation = sent.get(i)[1] + "/" + sent.get(i)[2]; // a topic name has no slash
            try {
                acks.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (!heldBack.contains(conversation)) {
                    acknowledged.add(((Number) sent.get(i)[0]).longValue());
                }
            } catch (ExecutionException | TimeoutException e) {
                failure = failure == null ? e : failure;
                heldBack.add(conversation);
            }
        }
        if (!acknowledged.isEmpty()) {
            Object ids = acknowledged.toArray(new Long[0]); // one array parameter, not varargs
            sql.update("update outbox_event set published_at = now() where id = any(?)", ids);
        }
        return new Round(acknowledged.size(), failure);
    }
}
