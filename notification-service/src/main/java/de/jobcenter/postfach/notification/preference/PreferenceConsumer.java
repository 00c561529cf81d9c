package de.jobcenter.postfach.notification.preference;

import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.NotificationPreferenceChanged;
import de.jobcenter.postfach.contracts.UndecodableEventException;
import de.jobcenter.postfach.kit.consumer.ConsumerRetry;
import de.jobcenter.postfach.kit.consumer.ProcessingFailedException;
import de.jobcenter.postfach.kit.problem.SafeThrowables;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Reads the compacted {@code postfach.notification-preferences} topic into the replica. */
@ApplicationScoped
public class PreferenceConsumer {
    private final ConsumerRetry retry = ConsumerRetry.standard();

    @Inject
    PreferenceService service;

    /**
     * An undecodable record goes to the dead-letter topic at once (a nack) and the replica reads on; a failure
     * that retrying cannot cure goes there too. Thrown out of here instead, either would end the stream for good.
     */
    @Incoming("notification-preferences")
    @Blocking
    public CompletionStage<Void> consume(KafkaRecord<String, byte[]> record) {
        try {
            if (record.getPayload() == null) {
                retry.run("Forgetting a customer", () -> service.forget(record.getKey()));
            } else {
                NotificationPreferenceChanged change =
                        EventJson.read(record.getPayload(), NotificationPreferenceChanged.class);
                retry.run("Applying a notification preference", () -> service.apply(change));
            }
            return record.ack();
        } catch (UndecodableEventException | ProcessingFailedException e) {
            return record.nack(e);
        } catch (RuntimeException e) {
            return record.nack(new ProcessingFailedException(
                    "Applying a notification preference failed: " + SafeThrowables.describe(e)));
        }
    }
}
