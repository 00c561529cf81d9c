package de.jobcenter.postfach.kit.adapter;

import de.jobcenter.postfach.contracts.DeliveryStatus;
import de.jobcenter.postfach.contracts.DeliveryStatusChanged;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.MessageRouted;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.kit.consumer.ProcessingFailedException;
import de.jobcenter.postfach.kit.kafka.CloudEventRecords;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import java.time.Clock;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * The delivery shape the three adapters share. A transient failure is retried in place with exponential
 * backoff, so per-conversation order holds; a permanent refusal publishes FAILED and throws, which sends the
 * record to the dead-letter topic. The caller's offset is committed only after the outcome's status is on
 * Kafka, so a crash redelivers, and the target's idempotency key keeps the effect single.
 */
public class DeliveryLoop {
    private static final Logger LOG = Logger.getLogger(DeliveryLoop.class);

    private final ChannelDelivery delivery;
    private final MutinyEmitter<byte[]> statuses;
    private final String service;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    public DeliveryLoop(
            ChannelDelivery delivery,
            MutinyEmitter<byte[]> statuses,
            String service,
            Clock clock,
            MeterRegistry meters,
            Duration initialBackoff,
            Duration maxBackoff) {
        this.delivery = delivery;
        this.statuses = statuses;
        this.service = service;
        this.clock = clock;
        this.meters = meters;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    /** Decodes a routed record and delivers it; returns once DELIVERED is on Kafka. */
    public void deliver(byte[] value) {
        MessageRouted message = EventJson.read(value, MessageRouted.class);
        String channel = delivery.channel().name();
        long backoff = initialBackoff.toMillis();
        while (true) {
            DeliveryOutcome outcome = delivery.attempt(message);
            switch (outcome.kind()) {
                case DELIVERED -> {
                    publish(message, DeliveryStatus.DELIVERED, null);
                    meters.counter("postfach.delivery.delivered", "channel", channel)
                            .increment();
                    return;
                }
                case PERMANENT -> {
                    String reason = "The target refused the message: " + outcome.detail();
                    publish(message, DeliveryStatus.FAILED, reason);
                    meters.counter("postfach.delivery.failed", "channel", channel)
                            .increment();
                    throw new ProcessingFailedException(reason);
                }
                case TRANSIENT -> {
                    LOG.warnf(
                            "Delivery of %s via %s stalls (%s); next attempt in %d ms",
                            message.messageId(), channel, outcome.detail(), backoff);
                    meters.counter("postfach.delivery.retries", "channel", channel)
                            .increment();
                    sleep(backoff);
                    backoff = Math.min(backoff * 2, maxBackoff.toMillis());
                }
            }
        }
    }

    private void publish(MessageRouted message, DeliveryStatus status, String detail) {
        var now = clock.instant();
        var event = new DeliveryStatusChanged(message.messageId(), status, delivery.channel(), detail, null, null, now);
        statuses.sendMessageAndAwait(CloudEventRecords.message(Topics.DELIVERY_STATUS, event, service, now));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessingFailedException("interrupted while waiting to retry a delivery");
        }
    }
}
