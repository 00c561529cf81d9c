package de.jobcenter.postfach.outlook.delivery;

import de.jobcenter.postfach.kit.adapter.DeliveryLoop;
import de.jobcenter.postfach.outlook.config.OutlookConfig;
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

/**
 * Delivers each record of {@code postfach.routed.outlook} by mail through the shared delivery loop; a record's age
 * budget ({@code postfach.outlook.delivery.max-age}) counts from when it was written to the topic.
 */
@ApplicationScoped
public class RoutedMessageConsumer {
    @Inject
    OutlookDelivery delivery;

    @Inject
    @Channel("delivery-status")
    MutinyEmitter<byte[]> statuses;

    @Inject
    OutlookConfig config;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry meters;

    private DeliveryLoop loop;

    @PostConstruct
    void init() {
        loop = new DeliveryLoop(delivery, statuses, "outlook-adapter", clock, meters, config.delivery());
    }

    @Incoming("routed-outlook")
    @Blocking
    public void deliver(ConsumerRecord<String, byte[]> record) {
        loop.deliver(record);
    }
}
