package de.jobcenter.postfach.mailbox.status;

import de.jobcenter.postfach.contracts.DeliveryStatusChanged;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.kit.consumer.ConsumerRetry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Decodes {@code postfach.delivery-status} records and applies them to sent messages. */
@ApplicationScoped
public class DeliveryStatusConsumer {
    private final ConsumerRetry retry = ConsumerRetry.standard();

    @Inject
    DeliveryStatusService service;

    @Incoming("delivery-status")
    @Blocking
    public void consume(byte[] value) {
        DeliveryStatusChanged event = EventJson.read(value, DeliveryStatusChanged.class);
        retry.run("Applying a delivery status", () -> service.apply(event));
    }
}
