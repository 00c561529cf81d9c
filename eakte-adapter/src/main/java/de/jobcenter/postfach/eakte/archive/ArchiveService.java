package de.jobcenter.postfach.eakte.archive;

import de.jobcenter.postfach.contracts.ArchiveRequested;
import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.DeliveryStatus;
import de.jobcenter.postfach.contracts.DeliveryStatusChanged;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.eakte.delivery.EakteClient;
import de.jobcenter.postfach.eakte.delivery.EakteTarget;
import de.jobcenter.postfach.kit.adapter.DeliveryOutcome;
import de.jobcenter.postfach.kit.adapter.TargetRetry;
import de.jobcenter.postfach.kit.consumer.ConsumerRetry;
import de.jobcenter.postfach.kit.consumer.ProcessingFailedException;
import de.jobcenter.postfach.kit.kafka.CloudEventRecords;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Files a payment-relevant message revision-safe in E-AKTE and reports {@code ARCHIVED} with E-AKTE's receipt. The
 * idempotency key {@code <messageId>:<direction>} keeps one document per message and direction however often the
 * request comes (E-AKTE answers a repeat with 409 and the first receipt), so a repeated request reports the same
 * document id and checksum again, under the same CloudEvents id.
 */
@ApplicationScoped
public class ArchiveService {
    private static final Logger LOG = Logger.getLogger(ArchiveService.class);

    @Inject
    @RestClient
    EakteClient eakte;

    @Inject
    EakteTarget target;

    @Inject
    @org.eclipse.microprofile.reactive.messaging.Channel("delivery-status")
    MutinyEmitter<byte[]> statuses;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry meters;

    private TargetRetry retry;
    private final ConsumerRetry publishRetry = new ConsumerRetry(Duration.ofMillis(200), Duration.ofSeconds(10), 20);

    @PostConstruct
    void init() {
        retry = target.retry("archive");
    }

    /** Returns once ARCHIVED is on Kafka; throws (to the dead-letter topic) when E-AKTE refuses or the budget ends. */
    public void archive(ArchiveRequested request, Instant enqueuedAt) {
        ArchiveDocument document = ArchiveDocument.of(request);
        AtomicReference<ArchiveReceipt> receipt = new AtomicReference<>();
        TargetRetry.Result result =
                retry.run("Archiving " + document.idempotencyKey(), enqueuedAt, () -> attempt(document, receipt));
        switch (result.kind()) {
            case ACCEPTED -> {
                publishArchived(request, receipt.get());
                meters.counter(
                                "postfach.archive.filed",
                                "direction",
                                request.direction().name())
                        .increment();
                LOG.infof(
                        "Archived %s as E-AKTE document %s",
                        document.idempotencyKey(), receipt.get().documentId());
            }
            case REFUSED -> deadLetter(document, "E-AKTE refused the archive filing: " + result.detail(), "refused");
            case BUDGET_SPENT -> deadLetter(document, "Not archived: " + result.detail(), "budget");
        }
    }

    private DeliveryOutcome attempt(ArchiveDocument document, AtomicReference<ArchiveReceipt> receipt) {
        try (Response response = eakte.archive(document.idempotencyKey(), document)) {
            DeliveryOutcome outcome = DeliveryOutcome.forHttpStatus(response.getStatus());
            if (outcome.kind() != DeliveryOutcome.Kind.DELIVERED) {
                return outcome;
            }
            ArchiveReceipt answer = response.hasEntity() ? response.readEntity(ArchiveReceipt.class) : null;
            if (answer == null || !answer.isComplete()) {
                // E-AKTE has it, but without a receipt there is nothing to report; asking again returns the receipt
                return DeliveryOutcome.transientFailure("HTTP " + response.getStatus() + " without a complete receipt");
            }
            receipt.set(answer);
            return outcome;
        } catch (ProcessingException e) {
            return DeliveryOutcome.transientFailure(e.getClass().getSimpleName());
        }
    }

    private void publishArchived(ArchiveRequested request, ArchiveReceipt receipt) {
        publishRetry.run("Publishing ARCHIVED for " + request.messageId(), () -> {
            Instant now = clock.instant();
            DeliveryStatusChanged event = new DeliveryStatusChanged(
                    request.messageId(),
                    DeliveryStatus.ARCHIVED,
                    Channel.EAKTE,
                    request.direction() + " copy, carried by " + request.carriedBy(),
                    receipt.documentId(),
                    receipt.sha256().toLowerCase(Locale.ROOT),
                    now);
            statuses.sendMessageAndAwait(
                    CloudEventRecords.message(Topics.DELIVERY_STATUS, event, "eakte-adapter", now));
        });
    }

    private void deadLetter(ArchiveDocument document, String reason, String cause) {
        meters.counter("postfach.archive.dead-lettered", "cause", cause).increment();
        LOG.errorf("Archive filing %s goes to the dead-letter topic: %s", document.idempotencyKey(), reason);
        throw new ProcessingFailedException(reason);
    }
}
