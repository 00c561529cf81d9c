package de.jobcenter.postfach.kit.adapter;

import de.jobcenter.postfach.contracts.DeliveryStatus;
import de.jobcenter.postfach.contracts.DeliveryStatusChanged;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.MessageRouted;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.contracts.UndecodableEventException;
import de.jobcenter.postfach.kit.consumer.ProcessingFailedException;
import de.jobcenter.postfach.kit.kafka.CloudEventRecords;
import de.jobcenter.postfach.kit.problem.SafeThrowables;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.jboss.logging.Logger;

/**
 * The delivery shape the three adapters share. A transient failure is retried in place with exponential backoff
 * ({@link TargetRetry}), so per-conversation order holds, behind the channel's {@link CircuitBreaker}; a permanent
 * refusal, a refusal by the adapter's own {@link ChannelDelivery#check check}, or a spent retry budget publishes
 * FAILED and throws {@link ProcessingFailedException}, which sends the record to the dead-letter topic
 * ({@code failure-strategy=dead-letter-queue}) with a content-free {@code dead-letter-reason}. The caller's offset is
 * committed only after the outcome's status is on Kafka, so a crash redelivers, and the target's idempotency key
 * keeps the effect single.
 *
 * <p>Metrics per channel: {@code postfach.delivery.delivered}, {@code postfach.delivery.failed},
 * {@code postfach.delivery.retries}, {@code postfach.delivery.dead-lettered{cause}} and the circuit gauge.
 */
public class DeliveryLoop {
    private static final Logger LOG = Logger.getLogger(DeliveryLoop.class);
    private static final String PURPOSE = "delivery";

    private final ChannelDelivery delivery;
    private final MutinyEmitter<byte[]> statuses;
    private final String service;
    private final Clock clock;
    private final MeterRegistry meters;
    private final TargetRetry retry;
    private final Duration maxBackoff;

    /**
     * The original shape: the default retry budget ({@link RetryBudget#DEFAULT}) and a circuit breaker of its own
     * with the default settings ({@link DeliverySettings#defaults}).
     */
    public DeliveryLoop(
            ChannelDelivery delivery,
            MutinyEmitter<byte[]> statuses,
            String service,
            Clock clock,
            MeterRegistry meters,
            Duration initialBackoff,
            Duration maxBackoff) {
        this(delivery, statuses, service, clock, meters, DeliverySettings.defaults(initialBackoff, maxBackoff));
    }

    /** With the adapter's settings and a circuit breaker of its own. */
    public DeliveryLoop(
            ChannelDelivery delivery,
            MutinyEmitter<byte[]> statuses,
            String service,
            Clock clock,
            MeterRegistry meters,
            DeliverySettings settings) {
        this(
                delivery,
                statuses,
                service,
                clock,
                meters,
                new TargetRetry(
                        CircuitBreaker.of(delivery.channel(), settings, clock, meters),
                        settings,
                        PURPOSE,
                        clock,
                        meters));
    }

    /**
     * With a {@link TargetRetry} the adapter builds itself, e.g. around a circuit breaker it shares with its other
     * calls to the same target.
     */
    public DeliveryLoop(
            ChannelDelivery delivery,
            MutinyEmitter<byte[]> statuses,
            String service,
            Clock clock,
            MeterRegistry meters,
            TargetRetry retry) {
        if (retry.circuit().channel() != delivery.channel()) {
            throw new IllegalArgumentException("the circuit breaker belongs to another channel");
        }
        this.delivery = delivery;
        this.statuses = statuses;
        this.service = service;
        this.clock = clock;
        this.meters = meters;
        this.retry = retry;
        this.maxBackoff = Duration.ofSeconds(30);
    }

    public CircuitBreaker circuit() {
        return retry.circuit();
    }

    /** Decodes a routed record and delivers it; its age budget starts now. */
    public void deliver(byte[] value) {
        deliver(decode(value), clock.instant());
    }

    /** Decodes a routed record and delivers it; its age budget starts at the record's timestamp. */
    public void deliver(ConsumerRecord<String, byte[]> record) {
        deliver(decode(record.value()), enqueuedAt(record, clock));
    }

    /** Delivers one routed message; returns once DELIVERED is on Kafka, throws once FAILED is. */
    public void deliver(MessageRouted message, Instant enqueuedAt) {
        String channel = delivery.channel().name();
        Optional<String> refusal;
        try {
            refusal = delivery.check(message);
        } catch (ProcessingFailedException e) {
            refusal = Optional.of("could not prepare the delivery: " + e.getMessage());
        } catch (RuntimeException e) {
            refusal = Optional.of("could not prepare the delivery: " + SafeThrowables.describe(e));
        }
        if (refusal.isPresent()) {
            fail(message, "The adapter refused the message: " + refusal.get(), "refused");
        }
        TargetRetry.Result result = retry.run(
                "Delivery of " + message.messageId() + " via " + channel, enqueuedAt, () -> delivery.attempt(message));
        switch (result.kind()) {
            case ACCEPTED -> {
                publish(message, DeliveryStatus.DELIVERED, null);
                meters.counter("postfach.delivery.delivered", "channel", channel)
                        .increment();
            }
            case REFUSED -> fail(message, "The target refused the message: " + result.detail(), "refused");
            case BUDGET_SPENT -> fail(message, "Not delivered: " + result.detail(), "budget");
        }
    }

    private void fail(MessageRouted message, String reason, String cause) {
        String channel = delivery.channel().name();
        publish(message, DeliveryStatus.FAILED, reason);
        meters.counter("postfach.delivery.failed", "channel", channel).increment();
        meters.counter("postfach.delivery.dead-lettered", "channel", channel, "cause", cause)
                .increment();
        LOG.errorf(
                "Delivery of %s via %s FAILED, record goes to the dead-letter topic: %s",
                message.messageId(), channel, reason);
        throw new ProcessingFailedException(reason);
    }

    private MessageRouted decode(byte[] value) {
        try {
            return EventJson.read(value, MessageRouted.class);
        } catch (UndecodableEventException e) {
            meters.counter(
                            "postfach.delivery.dead-lettered",
                            "channel",
                            delivery.channel().name(),
                            "cause",
                            "undecodable")
                    .increment();
            // EventJson's messages name the problem and its place, never the payload
            throw new ProcessingFailedException(e.getMessage());
        }
    }

    /** When a record was written to its topic, or now when the broker gave no time. */
    public static Instant enqueuedAt(ConsumerRecord<?, ?> record, Clock clock) {
        if (record.timestampType() == TimestampType.NO_TIMESTAMP_TYPE || record.timestamp() < 0) {
            return clock.instant();
        }
        return Instant.ofEpochMilli(record.timestamp());
    }

    /** Publishes a status and waits for the broker; retried in place while Kafka is away, so nothing is lost. */
    private void publish(MessageRouted message, DeliveryStatus status, String detail) {
        long backoff = 200;
        while (true) {
            var now = clock.instant();
            var event =
                    new DeliveryStatusChanged(message.messageId(), status, delivery.channel(), detail, null, null, now);
            try {
                statuses.sendMessageAndAwait(CloudEventRecords.message(Topics.DELIVERY_STATUS, event, service, now));
                return;
            } catch (RuntimeException e) {
                LOG.warnf(
                        "Publishing %s for %s failed, trying again in %d ms: %s",
                        status, message.messageId(), backoff, SafeThrowables.describe(e));
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new ProcessingFailedException("interrupted while publishing a delivery status");
                }
                backoff = Math.min(backoff * 2, maxBackoff.toMillis());
            }
        }
    }
}
