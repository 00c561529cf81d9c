package de.jobcenter.postfach.servicecenter.rejection;

import de.jobcenter.postfach.kit.adapter.RejectionNoticeLoop;
import de.jobcenter.postfach.servicecenter.delivery.VccTarget;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Reads {@code postfach.staff-messages.rejected} and tells the VCC about rejected replies that came from it. */
@ApplicationScoped
public class StaffMessageRejectedConsumer {
    @Inject
    VccRejectionNotice notice;

    @Inject
    VccTarget target;

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
