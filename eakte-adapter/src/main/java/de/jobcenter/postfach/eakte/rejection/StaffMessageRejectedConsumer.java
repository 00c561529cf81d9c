package de.jobcenter.postfach.eakte.rejection;

import de.jobcenter.postfach.eakte.delivery.EakteTarget;
import de.jobcenter.postfach.kit.adapter.RejectionNoticeLoop;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Reads {@code postfach.staff-messages.rejected} and tells E-AKTE about rejected staff messages that came from it. */
@ApplicationScoped
public class StaffMessageRejectedConsumer {
    @Inject
    EakteRejectionNotice notice;

    @Inject
    EakteTarget target;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry meters;

    private RejectionNoticeLoop loop;

    @PostConstruct
    void init() {
        loop = new RejectionNoticeLoop(notice, target.retry("rejection-notice"), clock, meters);
    }

    @Incoming("staff-messages-rejected")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        loop.handle(record);
    }
}
