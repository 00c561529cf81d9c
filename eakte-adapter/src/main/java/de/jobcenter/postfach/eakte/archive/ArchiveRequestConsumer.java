package de.jobcenter.postfach.eakte.archive;

import de.jobcenter.postfach.contracts.ArchiveRequested;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.UndecodableEventException;
import de.jobcenter.postfach.kit.adapter.DeliveryLoop;
import de.jobcenter.postfach.kit.consumer.ProcessingFailedException;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Files each record of {@code postfach.archive-requests} in E-AKTE's archive. */
@ApplicationScoped
public class ArchiveRequestConsumer {
    @Inject
    ArchiveService service;

    @Inject
    Clock clock;

    @Incoming("archive-requests")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        ArchiveRequested request;
        try {
            request = EventJson.read(record.value(), ArchiveRequested.class);
        } catch (UndecodableEventException e) {
            throw new ProcessingFailedException(e.getMessage());
        }
        service.archive(request, DeliveryLoop.enqueuedAt(record, clock));
    }
}
