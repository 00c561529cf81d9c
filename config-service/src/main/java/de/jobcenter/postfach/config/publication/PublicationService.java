package de.jobcenter.postfach.config.publication;

import de.jobcenter.postfach.config.access.Actor;
import de.jobcenter.postfach.config.audit.AuditAction;
import de.jobcenter.postfach.config.audit.AuditTrail;
import de.jobcenter.postfach.config.catalogue.Catalogue;
import de.jobcenter.postfach.config.catalogue.CatalogueRepository;
import de.jobcenter.postfach.config.config.ConfigServiceConfig;
import de.jobcenter.postfach.config.office.Office;
import de.jobcenter.postfach.config.office.OfficeRepository;
import de.jobcenter.postfach.config.version.OfficeVersion;
import de.jobcenter.postfach.config.version.OfficeVersionRepository;
import de.jobcenter.postfach.contracts.OfficeConfigurationActivated;
import de.jobcenter.postfach.kit.problem.SafeThrowables;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Gets every office's active configuration onto the topic, and keeps trying until it is there. The office row is the
 * outbox: {@code publish_pending} says its active version still has to be published, {@code published_version} which
 * version the broker last acknowledged. A round locks the pending office rows it takes ({@code SKIP LOCKED}), so
 * replicas never publish the same office at the same time and the latest record of an office on the compacted topic is
 * always its highest version. One office failing does not stop the others; a failed office stays pending for the
 * retry job and alerts after the configured number of failures.
 */
@ApplicationScoped
public class PublicationService {
    private static final Logger LOG = Logger.getLogger(PublicationService.class);
    /** JDBC batch size for writing back the offices of a round. */
    private static final int BATCH_SIZE = 100;

    @Inject
    EntityManager em;

    @Inject
    OfficeRepository offices;

    @Inject
    OfficeVersionRepository versions;

    @Inject
    CatalogueRepository catalogue;

    @Inject
    OfficeConfigurationPublisher publisher;

    @Inject
    ConfigMetrics metrics;

    @Inject
    ConfigServiceConfig config;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /** What a publication round did. */
    public record Result(int published, int failed) {
        public static final Result NOTHING = new Result(0, 0);

        public Result plus(Result other) {
            return new Result(published + other.published, failed + other.failed);
        }
    }

    private record Attempt(Office office, long version, Future<RecordMetadata> ack) {}

    void initialiseMetrics(@Observes StartupEvent event) {
        QuarkusTransaction.requiringNew().run(() -> {
            offices.allInOrder()
                    .forEach(o -> metrics.publishedVersion(o.officeId).set(o.publishedVersion));
            updatePendingGauge();
        });
    }

    /** Publishes every pending office. Call outside a transaction: it commits what the broker acknowledged. */
    public Result publishPending() {
        return QuarkusTransaction.requiringNew().call(() -> publishRound(null));
    }

    /** Publishes one office now if it is pending (a suspension must not wait for the weekly rollout). */
    public Result publishPending(String officeId) {
        return publishPending(List.of(officeId));
    }

    /**
     * Publishes these offices now, those of them that are pending (a rollout publishes each batch of offices as soon
     * as their activation committed). Call outside a transaction.
     */
    public Result publishPending(Collection<String> officeIds) {
        if (officeIds.isEmpty()) {
            return Result.NOTHING;
        }
        return QuarkusTransaction.requiringNew().call(() -> publishRound(officeIds));
    }

    /** Publishes every office's active configuration again, so a new consumer can rebuild its replica. */
    public Result republishAll(Actor actor) {
        int marked = QuarkusTransaction.requiringNew().call(() -> {
            int n = em.createNativeQuery("update office set publish_pending = true")
                    .executeUpdate();
            audit.record(actor, AuditAction.REPUBLISH_REQUESTED, null, null, null, Map.of("offices", n));
            return n;
        });
        LOG.infof("Republication of all %d offices requested", marked);
        return publishPending();
    }

    @SuppressWarnings("unchecked")
    private Result publishRound(Collection<String> onlyOffices) {
        String sql = "select office_id from office where publish_pending"
                + (onlyOffices == null ? "" : " and office_id in (?1)")
                + " order by office_id for update skip locked";
        var query = em.createNativeQuery(sql);
        if (onlyOffices != null) {
            query.setParameter(1, onlyOffices);
        }
        List<String> ids = query.getResultList();
        if (ids.isEmpty()) {
            updatePendingGauge();
            return Result.NOTHING;
        }
        // The flags and counters of every office taken are written back with a few batched statements at commit.
        em.unwrap(Session.class).setJdbcBatchSize(BATCH_SIZE);
        Catalogue cat = catalogue.catalogue();
        // One query for the versions of every office taken (their rows are locked, so the active versions hold).
        Map<String, OfficeVersion> active = new HashMap<>();
        versions.activeVersionsOf(ids).forEach(v -> active.put(v.officeId, v));
        List<Attempt> attempts = new ArrayList<>();
        boolean brokerUnavailable = false;
        for (Office office : offices.byIds(ids)) {
            if (brokerUnavailable) {
                attempts.add(new Attempt(office, office.activeVersion, null));
                continue;
            }
            try {
                OfficeVersion version = active.get(office.officeId);
                if (version == null) {
                    throw new IllegalStateException("active version missing");
                }
                OfficeConfigurationActivated event = ActivatedEventMapper.toEvent(version, cat);
                Future<RecordMetadata> ack = publisher.send(event);
                attempts.add(new Attempt(office, version.version, ack));
                if (failedAtOnce(ack)) {
                    // The producer waited the whole send timeout for the topic's metadata: the broker is away. The
                    // remaining offices count as failed without waiting again, and are retried with the others.
                    LOG.warnf("Kafka unavailable while publishing office %s", office.officeId);
                    brokerUnavailable = true;
                }
            } catch (KafkaException e) {
                // The producer could not even queue the record (no metadata within the timeout): the broker is away.
                LOG.warnf(
                        "Kafka unavailable while publishing office %s: %s",
                        office.officeId, SafeThrowables.describe(e));
                brokerUnavailable = true;
                attempts.add(new Attempt(office, office.activeVersion, null));
            } catch (RuntimeException e) {
                LOG.errorf("Cannot build the record of office %s: %s", office.officeId, SafeThrowables.describe(e));
                attempts.add(new Attempt(office, office.activeVersion, null));
            }
        }
        long deadline = System.nanoTime()
                + config.publication().sendTimeout().plusSeconds(1).toNanos();
        Result result = Result.NOTHING;
        for (Attempt attempt : attempts) {
            result = result.plus(settle(attempt, deadline));
        }
        updatePendingGauge();
        return result;
    }

    private static boolean failedAtOnce(Future<RecordMetadata> ack) {
        if (!ack.isDone()) {
            return false;
        }
        try {
            ack.get();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } catch (ExecutionException e) {
            return e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException;
        }
    }

    private Result settle(Attempt attempt, long deadline) {
        Office office = attempt.office();
        if (attempt.ack() != null) {
            try {
                attempt.ack().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                office.publishedVersion = Math.max(office.publishedVersion, attempt.version());
                office.publishPending = false;
                office.publishFailures = 0;
                metrics.published(office.officeId, office.publishedVersion);
                return new Result(1, 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warnf(
                        "Publication of office %s version %d not acknowledged: %s",
                        office.officeId, attempt.version(), SafeThrowables.describe(e));
            }
        }
        office.publishFailures++;
        office.lastPublishFailureAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        metrics.publicationFailed(office.officeId);
        if (office.publishFailures >= config.publication().alertAfterFailures()) {
            metrics.alert("publication", office.officeId);
            LOG.errorf(
                    "ALERT: publication of office %s version %d failed %d times in a row; retried every %s",
                    office.officeId,
                    attempt.version(),
                    office.publishFailures,
                    config.publication().retryEvery());
        }
        return new Result(0, 1);
    }

    private void updatePendingGauge() {
        Number pending = (Number) em.createNativeQuery("select count(*) from office where publish_pending")
                .getSingleResult();
        metrics.unpublishedOffices(pending.longValue());
    }
}
