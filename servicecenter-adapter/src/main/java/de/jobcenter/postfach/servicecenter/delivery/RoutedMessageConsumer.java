package de.jobcenter.postfach.servicecenter.delivery;

import de.jobcenter.postfach.kit.adapter.DeliveryLoop;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Delivers each record of {@code postfach.routed.servicecenter} to the VCC through the shared delivery loop. */
@ApplicationScoped
public class RoutedMessageConsumer {
    @Inject
    VccDelivery delivery;

    @Inject
    VccTarget target;

    @Inject
    @Channel("delivery-status")
    MutinyEmitter<byte[]> statuses;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry meters;

    private DeliveryLoop loop;

    @PostConstruct
    void init() {
        loop = new DeliveryLoop(delivery, statuses, "servicecenter-adapter", clock, meters, target.retry("delivery"));
    }

    @Incoming("routed-servicecenter")
    @Blocking
    public void deliver(ConsumerRecord<String, byte[]> record) {
        loop.deliver(record);
    }
}
