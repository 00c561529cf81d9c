package de.jobcenter.postfach.mailbox.staff;

import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.StaffMessageSent;
import de.jobcenter.postfach.kit.consumer.ConsumerRetry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Decodes staff messages from {@code postfach.staff-messages} and files them. */
@ApplicationScoped
public class StaffMessageConsumer {
    private final ConsumerRetry retry = ConsumerRetry.standard();

    @Inject
    StaffMessageService service;

    @Incoming("staff-messages")
    @Blocking
    public void consume(byte[] value) {
        StaffMessageSent event = EventJson.read(value, StaffMessageSent.class);
        retry.run("Filing a staff message", () -> service.file(event));
    }
}
