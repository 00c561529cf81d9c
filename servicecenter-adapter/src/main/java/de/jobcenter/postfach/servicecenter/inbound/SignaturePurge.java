package de.jobcenter.postfach.servicecenter.inbound;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.jboss.logging.Logger;

/** Deletes used signatures whose timestamps are outside the window anyway; every replica may do it. */
@ApplicationScoped
public class SignaturePurge {
    private static final Logger LOG = Logger.getLogger(SignaturePurge.class);

    @Inject
    UsedSignatureRepository signatures;

    @Inject
    Clock clock;

    @Scheduled(
            every = "${postfach.vcc.signature-purge-every:1m}",
            delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        try {
            long purged = signatures.purgeExpired(clock.instant());
            if (purged > 0) {
                LOG.debugf("Purged %d used signatures past their window", purged);
            }
        } catch (RuntimeException e) {
            LOG.warnf(
                    "Purging used signatures failed; trying again at the next run: %s",
                    de.jobcenter.postfach.kit.problem.SafeThrowables.describe(e));
        }
    }
}
