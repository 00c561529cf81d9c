package de.jobcenter.postfach.notification.infomail;

import de.jobcenter.postfach.contracts.MailboxMessageArrived;
import de.jobcenter.postfach.kit.consumer.ConsumerRetry;
import de.jobcenter.postfach.kit.consumer.ProcessingFailedException;
import de.jobcenter.postfach.notification.config.NotificationConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Handles one mailbox event to the end: decide, send, record. The decision is recorded as PENDING before the send
 * and as SENT after it, so the log never claims a mail the SMTP server did not take; a crash between the send and
 * the SENT record leaves PENDING and an uncommitted offset, and the event is processed again: at worst one duplicate
 * mail (with the same Message-ID), never a lost one. A failed send is retried in place with exponential backoff,
 * deciding afresh each time (an opt-out that arrives meanwhile still counts); when the retry budget is spent, or the
 * server refuses the mail for good, the decision becomes FAILED and the event goes to the dead-letter topic.
 * Logs name message and customer ids only, never an address.
 */
@ApplicationScoped
public class InfoMailService {
    private static final Logger LOG = Logger.getLogger(InfoMailService.class);

    /** How handling an event ended, when it did not go to the dead-letter topic. */
    public enum Outcome {
        /** Sent, covered, skipped or already handled: the record may be committed. */
        DONE,
        /** The service is stopping while a send waits for its next attempt: leave the record uncommitted. */
        STOPPED
    }

    private final ConsumerRetry database = ConsumerRetry.standard();
    private final CountDownLatch stopping = new CountDownLatch(1);

    @Inject
    DecisionService decisions;

    @Inject
    InfoMailMapper mapper;

    @Inject
    SmtpClient smtp;

    @Inject
    NotificationConfig config;

    @Inject
    MeterRegistry meters;

    void stop(@Observes ShutdownEvent event) {
        stopping.countDown();
    }

    /**
     * Returns once the event needs nothing more, or the service is stopping.
     *
     * @throws ProcessingFailedException when the mail could not be sent within the retry budget; its message, the
     *     dead-letter reason, names the message id, counts and exception classes only
     */
    public Outcome handle(MailboxMessageArrived event) {
        NotificationConfig.Retry retry = config.retry();
        RetryBudget budget = new RetryBudget(
                retry.initialBackoff(), retry.maxBackoff(), retry.maxAttempts(), retry.maxDuration(), System::nanoTime);
        while (true) {
            Decision decision = database.run("Deciding on an info e-mail", () -> decisions.decide(event));
            if (decision instanceof Decision.Settled settled) {
                count(event, settled);
                return Outcome.DONE;
            }
            Decision.Send send = (Decision.Send) decision;
            try {
                smtp.send(mapper.toMail(event, send.email()));
            } catch (SendFailure failure) {
                budget.failed();
                meters.counter(
                                "postfach.notification.send.failures",
                                "kind",
                                failure.permanent() ? "permanent" : "transient")
                        .increment();
                if (stopping.getCount() == 0) {
                    LOG.infof("Stopping: the info e-mail for message %s stays pending", event.messageId());
                    return Outcome.STOPPED;
                }
                if (failure.permanent() || !budget.allowsAnotherAttempt()) {
                    throw deadLetter(event, failure, budget);
                }
                Duration wait = budget.nextBackoff();
                LOG.warnf(
                        "Info e-mail for message %s not sent (attempt %d: %s); next attempt in %d ms",
                        event.messageId(), budget.attempts(), failure.detail(), wait.toMillis());
                if (waitOrStop(wait)) {
                    LOG.infof("Stopping: the info e-mail for message %s stays pending", event.messageId());
                    return Outcome.STOPPED;
                }
                continue;
            }
            database.run("Recording a sent info e-mail", () -> decisions.markSent(event.messageId()));
            meters.counter("postfach.notification.sent").increment();
            LOG.infof("Sent the info e-mail for message %s to customer %s", event.messageId(), event.customerId());
            return Outcome.DONE;
        }
    }

    private ProcessingFailedException deadLetter(MailboxMessageArrived event, SendFailure failure, RetryBudget budget) {
        database.run("Recording a failed info e-mail", () -> decisions.markFailed(event.messageId()));
        meters.counter("postfach.notification.dead-lettered").increment();
        String why = failure.permanent()
                ? "the SMTP server refused it"
                : "retry budget spent after " + budget.attempts() + " attempts in "
                        + budget.elapsed().toSeconds() + " s";
        String reason = "Info e-mail for message " + event.messageId() + " not sent: " + why + " (last failure: "
                + failure.detail() + ")";
        LOG.error(reason + "; the event goes to the dead-letter topic");
        return new ProcessingFailedException(reason);
    }

    private void count(MailboxMessageArrived event, Decision.Settled settled) {
        if (settled.duplicate()) {
            meters.counter("postfach.notification.duplicates").increment();
            LOG.debugf("Message %s was handled before (%s)", event.messageId(), settled.state());
            return;
        }
        switch (settled.state()) {
            case COVERED -> {
                meters.counter("postfach.notification.covered").increment();
                LOG.infof(
                        "Message %s for customer %s is covered by an info e-mail within the quiet period",
                        event.messageId(), event.customerId());
            }
            case SKIPPED -> {
                meters.counter("postfach.notification.skipped", "reason", "not-opted-in")
                        .increment();
                LOG.debugf(
                        "Customer %s has not opted in; no info e-mail for message %s",
                        event.customerId(), event.messageId());
            }
            default -> throw new IllegalStateException("unexpected settled state " + settled.state());
        }
    }

    /** Waits; returns true when the service began to stop meanwhile. */
    private boolean waitOrStop(Duration wait) {
        try {
            return stopping.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
