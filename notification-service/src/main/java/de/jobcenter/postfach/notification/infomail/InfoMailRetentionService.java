package de.jobcenter.postfach.notification.infomail;

import de.jobcenter.postfach.notification.config.NotificationConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Forgets decisions older than the retention period, so the log keeps customer ids no longer than deduplication
 * and the quiet period need them. Running it on several replicas at once is harmless: the delete is idempotent.
 */
@ApplicationScoped
public class InfoMailRetentionService {
    private static final Logger LOG = Logger.getLogger(InfoMailRetentionService.class);

    @Inject
    InfoMailRepository infoMails;

    @Inject
    NotificationConfig config;

    @Inject
    Clock clock;

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    public void purge() {
        long deleted = infoMails.deleteDecidedBefore(clock.instant().minus(config.retention()));
        if (deleted > 0) {
            LOG.infof("Forgot %d info e-mail decisions older than %s", deleted, config.retention());
        }
    }
}
