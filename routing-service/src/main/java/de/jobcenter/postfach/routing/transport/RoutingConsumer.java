package de.jobcenter.postfach.routing.transport;

import de.jobcenter.postfach.contracts.CustomerMessageSubmitted;
import de.jobcenter.postfach.contracts.DeliveryStatus;
import de.jobcenter.postfach.contracts.DeliveryStatusChanged;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.MessageRouted;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.contracts.UndecodableEventException;
import de.jobcenter.postfach.kit.kafka.CloudEventRecords;
import de.jobcenter.postfach.routing.decision.Router;
import de.jobcenter.postfach.routing.decision.RoutingDecision;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Quarkus;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.transactions.KafkaTransactions;
import io.smallrye.reactive.messaging.kafka.transactions.TransactionalEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Consume → decide → produce in one Kafka transaction per batch: the routed record, its ROUTED status and any
 * dead-letter record are committed together with the consumer offsets, or not at all.
 */
@ApplicationScoped
public class RoutingConsumer {
    private static final Logger LOG = Logger.getLogger(RoutingConsumer.class);
    static final String SERVICE = "routing-service";

    @Inject
    @Channel("routed")
    KafkaTransactions<byte[]> transactions;

    @Inject
    Router router;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry meters;

    @Incoming("customer-messages")
    public Uni<Void> route(KafkaRecordBatch<String, byte[]> batch) {
        return transactions
                .withTransactionAndAck(batch, tx -> {
                    for (KafkaRecord<String, byte[]> record : batch) {
                        routeOne(record, tx);
                    }
                    return Uni.createFrom().voidItem();
                })
                .onFailure()
                .invoke(RoutingConsumer::stopIfFenced);
    }

    private void routeOne(KafkaRecord<String, byte[]> record, TransactionalEmitter<byte[]> tx) {
        CustomerMessageSubmitted message;
        try {
            message = EventJson.read(record.getPayload(), CustomerMessageSubmitted.class);
        } catch (UndecodableEventException e) {
            tx.send(deadLetter(record, e.getMessage()));
            meters.counter("postfach.routing.dead-lettered", "reason", "undecodable")
                    .increment();
            return;
        }
        Instant now = clock.instant();
        RoutingDecision decision = router.decide(message);
        MessageRouted routed =
                MessageRouted.of(message, decision.route(), decision.configVersion(), decision.fallbackReason(), now);
        tx.send(CloudEventRecords.message(Topics.routed(decision.route().channel()), routed, SERVICE, now));
        DeliveryStatusChanged status = new DeliveryStatusChanged(
                message.messageId(), DeliveryStatus.ROUTED, decision.route().channel(), null, null, null, now);
        tx.send(CloudEventRecords.message(Topics.DELIVERY_STATUS, status, SERVICE, now));
        meters.counter(
                        "postfach.routing.routed",
                        "channel",
                        decision.route().channel().name())
                .increment();
    }

    private static Message<byte[]> deadLetter(KafkaRecord<String, byte[]> record, String reason) {
        RecordHeaders headers = new RecordHeaders();
        record.getHeaders().forEach(headers::add);
        headers.add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", record.getTopic().getBytes(StandardCharsets.UTF_8));
        headers.add(
                "dead-letter-partition", String.valueOf(record.getPartition()).getBytes(StandardCharsets.UTF_8));
        record.getMetadata(IncomingKafkaRecordMetadata.class)
                .ifPresent(m -> headers.add(
                        "dead-letter-offset", String.valueOf(m.getOffset()).getBytes(StandardCharsets.UTF_8)));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(Topics.dlq(Topics.CUSTOMER_MESSAGES))
                .withKey(record.getKey())
                .withHeaders(headers)
                .build();
        return Message.of(record.getPayload() == null ? new byte[0] : record.getPayload())
                .addMetadata(metadata);
    }

    /** A fenced producer means another instance took over this transactional id: this one must stop. */
    private static void stopIfFenced(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException) {
                LOG.error("This instance was fenced by another with the same transactional id; stopping.");
                Quarkus.asyncExit(1);
                return;
            }
        }
        LOG.warnf(
                "Routing transaction aborted; the batch will be consumed again: %s",
                failure.getClass().getName());
    }
}
