package de.jobcenter.postfach.kit.adapter;

import de.jobcenter.postfach.contracts.StaffMessageSent;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.kit.kafka.CloudEventRecords;
import io.smallrye.reactive.messaging.MutinyEmitter;
import java.time.Clock;

/** Puts a staff message on {@code postfach.staff-messages} and returns only once the broker has it. */
public class StaffMessagePublisher {
    private final MutinyEmitter<byte[]> emitter;
    private final String service;
    private final Clock clock;

    public StaffMessagePublisher(MutinyEmitter<byte[]> emitter, String service, Clock clock) {
        this.emitter = emitter;
        this.service = service;
        this.clock = clock;
    }

    public void publish(StaffMessageSent message) {
        emitter.sendMessageAndAwait(
                CloudEventRecords.message(Topics.STAFF_MESSAGES, message, service, clock.instant()));
    }
}
