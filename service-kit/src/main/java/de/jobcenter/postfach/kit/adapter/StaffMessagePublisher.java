package de.jobcenter.postfach.kit.adapter;

import de.jobcenter.postfach.contracts.ArchiveRequested;
import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.Direction;
import de.jobcenter.postfach.contracts.StaffMessageSent;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.kit.kafka.CloudEventRecords;
import io.smallrye.reactive.messaging.MutinyEmitter;
import java.time.Clock;
import java.time.Instant;

/**
 * Puts a staff message on {@code postfach.staff-messages} and returns only once the broker has it. A
 * payment-relevant message that did not come from E-AKTE also gets an {@code ArchiveRequested(OUTBOUND)}, so
 * E-AKTE keeps a revision-safe copy whatever channel carried it; it is published first, so a staff message on
 * Kafka always has its archive request (a retry may repeat both; eakte-adapter files one document per message
 * and direction).
 */
public class StaffMessagePublisher {
    private final MutinyEmitter<byte[]> emitter;
    private final String service;
    private final Clock clock;

    /** @param emitter any Kafka channel: every record names its topic */
    public StaffMessagePublisher(MutinyEmitter<byte[]> emitter, String service, Clock clock) {
        this.emitter = emitter;
        this.service = service;
        this.clock = clock;
    }

    public void publish(StaffMessageSent message) {
        Instant now = clock.instant();
        if (message.paymentRelevant() && message.route().channel() != Channel.EAKTE) {
            ArchiveRequested archive = new ArchiveRequested(
                    message.messageId(),
                    Direction.OUTBOUND,
                    message.officeId(),
                    message.customerId(),
                    message.customerNumber(),
                    message.concern(),
                    message.subject(),
                    message.body(),
                    message.route().channel(),
                    now);
            emitter.sendMessageAndAwait(CloudEventRecords.message(Topics.ARCHIVE_REQUESTS, archive, service, now));
        }
        emitter.sendMessageAndAwait(CloudEventRecords.message(Topics.STAFF_MESSAGES, message, service, now));
    }
}
