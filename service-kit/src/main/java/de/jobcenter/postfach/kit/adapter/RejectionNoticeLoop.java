package de.jobcenter.postfach.kit.adapter;

import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.StaffMessageRejected;
import de.jobcenter.postfach.contracts.UndecodableEventException;
import de.jobcenter.postfach.kit.consumer.ProcessingFailedException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Consumes {@code postfach.staff-messages.rejected} for one adapter: a rejection of a message another channel
 * carried is skipped; one of this channel's is passed to the target with the shared retry shape. A refusal or a
 * spent budget throws, so the record goes to the dead-letter topic with a content-free reason (and can be replayed).
 */
public class RejectionNoticeLoop {
    private static final Logger LOG = Logger.getLogger(RejectionNoticeLoop.class);

    private final RejectionNotice notice;
    private final TargetRetry retry;
    private final Clock clock;
    private final MeterRegistry meters;

    public RejectionNoticeLoop(RejectionNotice notice, TargetRetry retry, Clock clock, MeterRegistry meters) {
        if (retry.circuit().channel() != notice.channel()) {
            throw new IllegalArgumentException("the circuit breaker belongs to another channel");
        }
        this.notice = notice;
        this.retry = retry;
        this.clock = clock;
        this.meters = meters;
    }

    public void handle(ConsumerRecord<String, byte[]> record) {
        StaffMessageRejected rejection;
        try {
            rejection = EventJson.read(record.value(), StaffMessageRejected.class);
        } catch (UndecodableEventException e) {
            count("undecodable");
            throw new ProcessingFailedException(e.getMessage());
        }
        handle(rejection, DeliveryLoop.enqueuedAt(record, clock));
    }

    /** Tells the staff member if the rejected message came through this adapter's channel; otherwise nothing. */
    public void handle(StaffMessageRejected rejection, Instant enqueuedAt) {
        if (rejection.route().channel() != notice.channel()) {
            return;
        }
        TargetRetry.Result result = retry.run(
                "Rejection notice for " + rejection.messageId() + " via " + notice.channel(),
                enqueuedAt,
                () -> notice.attempt(rejection));
        switch (result.kind()) {
            case ACCEPTED -> {
                count("notified");
                LOG.infof(
                        "Told staff via %s that staff message %s was rejected (%s)",
                        notice.channel(), rejection.messageId(), rejection.reason());
            }
            case REFUSED -> {
                count("refused");
                throw new ProcessingFailedException("The target refused the rejection notice: " + result.detail());
            }
            case BUDGET_SPENT -> {
                count("budget");
                throw new ProcessingFailedException("Rejection notice not delivered: " + result.detail());
            }
        }
    }

    private void count(String outcome) {
        meters.counter(
                        "postfach.staff-messages.rejection-notices",
                        "channel",
                        notice.channel().name(),
                        "outcome",
                        outcome)
                .increment();
    }
}
