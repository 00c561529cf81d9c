package de.jobcenter.postfach.config.rollout;

import de.jobcenter.postfach.config.access.Actor;
import de.jobcenter.postfach.config.audit.AuditTrail;
import de.jobcenter.postfach.config.publication.PublicationService;
import de.jobcenter.postfach.kit.problem.SafeThrowables;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * The two timed jobs: the weekly rollout (cron {@code postfach.config.rollout.cron}, default Mondays 06:00
 * Europe/Berlin) and the retry job (every {@code postfach.config.publication.retry-every}, default 15 minutes) that
 * rolls out offices whose rollout failed and publishes offices whose active configuration has not reached the topic.
 * Every replica schedules both; the rollout lock and the row locks make sure only one does the work.
 */
@ApplicationScoped
public class RolloutScheduler {
    private static final Logger LOG = Logger.getLogger(RolloutScheduler.class);
    private static final Duration LOGIN_MEMORY = Duration.ofDays(2);

    @Inject
    RolloutService rollouts;

    @Inject
    PublicationService publication;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Scheduled(
            identity = "weekly-rollout",
            cron = "${postfach.config.rollout.cron}",
            timeZone = "${postfach.config.rollout.time-zone}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void weeklyRollout() {
        try {
            rollouts.run(RolloutRun.Trigger.SCHEDULED, Actor.SYSTEM);
        } catch (RuntimeException e) {
            LOG.errorf("ALERT: the weekly rollout failed: %s", SafeThrowables.describe(e));
        }
    }

    @Scheduled(
            identity = "publication-retry",
            every = "${postfach.config.publication.retry-every}",
            delayed = "${postfach.config.publication.retry-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retry() {
        retryNow();
    }

    /** One round of the retry job: failed rollouts, then pending publications. */
    public void retryNow() {
        try {
            if (rollouts.retryDue()) {
                rollouts.run(RolloutRun.Trigger.RETRY, Actor.SYSTEM);
            }
            publication.publishPending();
            audit.forgetLoginsBefore(clock.instant().minus(LOGIN_MEMORY));
        } catch (RuntimeException e) {
            LOG.warnf("Retry round failed; it runs again at the next interval: %s", SafeThrowables.describe(e));
        }
    }
}
