package de.jobcenter.postfach.mailbox.outbox;

import de.jobcenter.postfach.kit.problem.SafeThrowables;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The outbox lag as gauges: {@code postfach.outbox.unpublished} (rows waiting) and
 * {@code postfach.outbox.oldest.unpublished.age} (seconds the oldest has waited). Measured on its own schedule, so
 * the gauges move while the relay waits for an absent broker — exactly when they matter.
 */
@ApplicationScoped
public class OutboxLag {
    private static final Logger LOG = Logger.getLogger(OutboxLag.class);

    @Inject
    EntityManager em;

    @Inject
    MeterRegistry meters;

    private final AtomicLong unpublished = new AtomicLong();
    private final AtomicReference<Double> oldestAgeSeconds = new AtomicReference<>(0.0);

    void register(@Observes StartupEvent event) {
        Gauge.builder("postfach.outbox.unpublished", unpublished, AtomicLong::get)
                .description("Outbox rows not yet published to Kafka")
                .register(meters);
        Gauge.builder("postfach.outbox.oldest.unpublished.age", oldestAgeSeconds, AtomicReference::get)
                .baseUnit("seconds")
                .description("How long the oldest unpublished outbox row has waited")
                .register(meters);
    }

    @Scheduled(
            identity = "outbox-lag",
            every = "${postfach.outbox.lag-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void measure() {
        try {
            Object[] lag = QuarkusTransaction.requiringNew()
                    .call(() -> (Object[]) em.createNativeQuery("""
                            select count(*), coalesce(extract(epoch from (now() - min(created_at))), 0)
                              from outbox_event
                             where published_at is null
                            """).getSingleResult());
            unpublished.set(((Number) lag[0]).longValue());
            oldestAgeSeconds.set(((Number) lag[1]).doubleValue());
        } catch (Exception e) {
            LOG.debugf("Outbox lag not measured: %s", SafeThrowables.describe(e));
        }
    }
}
