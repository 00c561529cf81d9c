package de.jobcenter.postfach.mailbox.metrics;

import de.jobcenter.postfach.contracts.RejectionReason;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The business counters of the mailbox. Each is counted when the transaction that did the work commits, so a
 * rolled-back write or a retried consumer step is not counted. Tags name kinds and reasons only, never content.
 */
@ApplicationScoped
public class MailboxMetrics {
    @Inject
    MeterRegistry meters;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** A customer wrote: {@code kind} is {@code message} (a new conversation) or {@code reply}. */
    public void messageWritten(String kind) {
        afterCommit(
                () -> meters.counter("postfach.messages.written", "kind", kind).increment());
    }

    public void staffMessageFiled() {
        afterCommit(() -> meters.counter("postfach.staff-messages.filed").increment());
    }

    public void staffMessageHeld() {
        afterCommit(() -> meters.counter("postfach.staff-messages.held").increment());
    }

    public void staffMessageRejected(RejectionReason reason) {
        afterCommit(() -> meters.counter("postfach.staff-messages.rejected", "reason", reason.name())
                .increment());
    }

    public void purged(String what, long count) {
        if (count > 0) {
            meters.counter("postfach.retention.purged", "what", what).increment(count);
        }
    }

    private void afterCommit(Runnable count) {
        if (transactions.getTransactionKey() == null) {
            count.run();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    count.run();
                }
            }
        });
    }
}
