package de.jobcenter.postfach.routing.transport;

import de.jobcenter.postfach.contracts.CustomerMessageSubmitted;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.UndecodableEventException;
import de.jobcenter.postfach.kit.problem.SafeThrowables;
import de.jobcenter.postfach.routing.decision.DeadLetterReason;
import de.jobcenter.postfach.routing.decision.RoutingDecision;
import de.jobcenter.postfach.routing.decision.RoutingService;
import de.jobcenter.postfach.routing.metrics.RoutingMetrics;
import io.quarkus.runtime.Quarkus;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.transactions.KafkaTransactions;
import io.smallrye.reactive.messaging.kafka.transactions.TransactionalEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Consume → decide → produce in one Kafka transaction per batch: the routed records, their ROUTED statuses, archive
 * requests and any dead-letter records and FAILED statuses are committed together with the consumer offsets, or
 * not at all. Nothing is dropped: every input record leaves as a routed record or a dead letter.
 */
@ApplicationScoped
public class RoutingConsumer {
    private static final Logger LOG = Logger.getLogger(RoutingConsumer.class);
    private static final Duration REPLICA_POLL = Duration.ofMillis(100);

    /**
     * Unbounded: one batch sends up to three records per input record within its transaction, more than the
     * default emitter buffer holds; a full buffer would abort the transaction again and again.
     */
    @Inject
    @Channel("routed")
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
    KafkaTransactions<byte[]> transactions;

    @Inject
    RoutingService routing;

    @Inject
    RoutingMetrics metrics;

    @Inject
    Clock clock;

    /**
     * Runs on a worker thread, one batch after the other in the order polled ({@code @Blocking} is ordered; the next
     * batch waits for the returned transaction): decoding, deciding and encoding a batch and the calls into the
     * transactional producer must not hold the Vert.x event loop. {@link KafkaTransactions} continues a transaction
     * started from a worker thread on the worker threads of the same context, so the batch work runs there too. The
     * transaction must not be awaited here: its steps queue behind this very invocation.
     */
    @Incoming("customer-messages")
    @Blocking
    public Uni<Void> route(KafkaRecordBatch<String, byte[]> batch) {
        awaitReplicaLoaded();
        return routeInOneTransaction(batch);
    }

    private Uni<Void> routeInOneTransaction(KafkaRecordBatch<String, byte[]> batch) {
        RoutingMetrics.Batch outcomes = metrics.batch();
        LocalDate routingDate = routing.routingDate();
        return transactions
                .withTransactionAndAck(batch, tx -> {
                    for (KafkaRecord<String, byte[]> record : batch) {
                        routeOne(record, tx, outcomes, routingDate);
                    }
                    return Uni.createFrom().voidItem();
                })
                .invoke(outcomes::committed)
                .onFailure()
                .invoke(RoutingConsumer::stopIfFenced);
    }

    private void routeOne(
            KafkaRecord<String, byte[]> record,
            TransactionalEmitter<byte[]> tx,
            RoutingMetrics.Batch outcomes,
            LocalDate routingDate) {
        Instant now = clock.instant();
        CustomerMessageSubmitted message;
        try {
            message = EventJson.read(record.getPayload(), CustomerMessageSubmitted.class);
        } catch (UndecodableEventException e) {
            // The exception's message names the problem and its place, never the payload.
            deadLetter(
                    record,
                    OutgoingRecords.messageIdFromHeaders(record),
                    DeadLetterReason.UNDECODABLE,
                    e.getMessage(),
                    tx,
                    outcomes,
                    now);
            return;
        }
        RoutingDecision decision;
        try {
            decision = routing.decide(message, routingDate);
        } catch (RuntimeException e) {
            LOG.errorf("Routing message %s failed: %s", message.messageId(), SafeThrowables.describe(e));
            deadLetter(
                    record,
                    Optional.of(message.messageId()),
                    DeadLetterReason.UNROUTABLE,
                    "the routing decision failed with " + e.getClass().getName(),
                    tx,
                    outcomes,
                    now);
            return;
        }
        if (decision instanceof RoutingDecision.Routed routed) {
            tx.send(OutgoingRecords.routed(message, routed, now));
            tx.send(OutgoingRecords.routedStatus(message, routed, now));
            if (routed.archiveCopy()) {
                tx.send(OutgoingRecords.archiveRequest(message, routed, now));
            }
            if (!routed.officeLive()) {
                LOG.warnf(
                        "Message %s routed for office %s, which is not live (go-live date ahead or suspended)",
                        message.messageId(), message.officeId());
            }
            outcomes.routed(routed.channel(), routed.fallbackReason(), routed.archiveCopy(), routed.officeLive());
        } else if (decision instanceof RoutingDecision.DeadLettered dead) {
            deadLetter(record, Optional.of(message.messageId()), dead.reason(), dead.detail(), tx, outcomes, now);
        }
    }

    private void deadLetter(
            KafkaRecord<String, byte[]> record,
            Optional<UUID> messageId,
            DeadLetterReason reason,
            String detail,
            TransactionalEmitter<byte[]> tx,
            RoutingMetrics.Batch outcomes,
            Instant now) {
        LOG.warnf(
                "Record %s-%d (message %s) goes to the dead-letter topic: %s: %s",
                record.getTopic(),
                record.getPartition(),
                messageId.map(UUID::toString).orElse("unknown"),
                reason,
                detail);
        tx.send(OutgoingRecords.deadLetter(record, reason, detail));
        messageId.ifPresent(id -> tx.send(OutgoingRecords.failedStatus(id, reason, detail, now)));
        outcomes.deadLettered(reason);
    }

    /**
     * Returns once the configuration replica is loaded. Until then no record is decided: a message for an office the
     * replica has not read yet would be dead-lettered for nothing. The wait happens once, at start, on this worker
     * thread.
     */
    private void awaitReplicaLoaded() {
        if (routing.isReady()) {
            return;
        }
        LOG.info("Waiting for the office-configuration replica before routing");
        Multi.createFrom()
                .ticks()
                .every(REPLICA_POLL)
                .filter(tick -> routing.isReady())
                .toUni()
                .await()
                .indefinitely();
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
                "Routing transaction aborted; the batch will be consumed again: %s", SafeThrowables.describe(failure));
    }
}
