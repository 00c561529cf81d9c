package de.jobcenter.postfach.notification.infomail;

import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.MailboxMessageArrived;
import de.jobcenter.postfach.contracts.UndecodableEventException;
import de.jobcenter.postfach.kit.consumer.ProcessingFailedException;
import de.jobcenter.postfach.kit.problem.SafeThrowables;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code postfach.mailbox-events} and hands each event to {@link InfoMailService}. The record is acknowledged
 * only once the mail is sent or the decision recorded; a failure goes to the dead-letter topic with a reason that
 * names no content and no address.
 */
@ApplicationScoped
public class InfoMailConsumer {
    @Inject
    InfoMailService service;

    @Incoming("mailbox-events")
    @Blocking
    public CompletionStage<Void> consume(KafkaRecord<String, byte[]> record) {
        try {
            MailboxMessageArrived event = EventJson.read(record.getPayload(), MailboxMessageArrived.class);
            if (service.handle(event) == InfoMailService.Outcome.STOPPED) {
                // Neither ack nor nack: the offset stays uncommitted, and the event is read again after the restart.
                return new CompletableFuture<>();
            }
            return record.ack();
        } catch (UndecodableEventException | ProcessingFailedException e) {
            return record.nack(e);
        } catch (RuntimeException e) {
            return record.nack(
                    new ProcessingFailedException("Handling a mailbox event failed: " + SafeThrowables.describe(e)));
        }
    }
}
