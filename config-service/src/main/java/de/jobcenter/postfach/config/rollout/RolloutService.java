package de.jobcenter.postfach.config.rollout;

import de.jobcenter.postfach.config.access.Actor;
import de.jobcenter.postfach.config.audit.AuditAction;
import de.jobcenter.postfach.config.audit.AuditTrail;
import de.jobcenter.postfach.config.catalogue.Catalogue;
import de.jobcenter.postfach.config.catalogue.CatalogueEntry;
import de.jobcenter.postfach.config.catalogue.CatalogueRepository;
import de.jobcenter.postfach.config.change.ChangeRequest;
import de.jobcenter.postfach.config.change.ChangeRequestRepository;
import de.jobcenter.postfach.config.config.ConfigServiceConfig;
import de.jobcenter.postfach.config.office.Office;
import de.jobcenter.postfach.config.office.OfficeRepository;
import de.jobcenter.postfach.config.publication.ConfigMetrics;
import de.jobcenter.postfach.config.publication.PublicationService;
import de.jobcenter.postfach.config.rules.OfficeConfiguration;
import de.jobcenter.postfach.config.rules.RuleContext;
import de.jobcenter.postfach.config.version.OfficeVersion;
import de.jobcenter.postfach.config.version.OfficeVersionRepository;
import de.jobcenter.postfach.kit.problem.FieldError;
import de.jobcenter.postfach.kit.problem.ProblemException;
import de.jobcenter.postfach.kit.problem.SafeThrowables;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * The rollout: activates every approved change, set-based. Offices are taken in batches
 * ({@code postfach.config.rollout.batch-size}); each batch is one transaction that locks its office rows, loads their
 * changes in one query, checks every rule again on the rollout's date (the service-center lead time above all), and
 * writes the new versions, the changes' and offices' new state and the audit entries with a few statements. A change
 * that no longer passes is held with its reasons, not activated. As soon as a batch has committed, its offices are
 * published, while the next batch is activated. A batch that fails is rolled out again office by office, so an
 * office whose rollout fails does not stop the others; it is marked for the retry job and alerts after the configured
 * number of failures.
 */
@ApplicationScoped
public class RolloutService {
    private static final Logger LOG = Logger.getLogger(RolloutService.class);

    @Inject
    RolloutLock lock;

    @Inject
    RolloutRunRepository runs;

    @Inject
    OfficeRepository offices;

    @Inject
    ChangeRequestRepository changes;

    @Inject
    CatalogueRepository catalogue;

    @Inject
    OfficeVersionRepository officeVersions;

    @Inject
    PublicationService publication;

    @Inject
    AuditTrail audit;

    @Inject
    ConfigMetrics metrics;

    @Inject
    ConfigServiceConfig config;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** The offices of a committed batch whose change was activated, and those whose change was held. */
    private record BatchOutcome(List<String> activated, List<String> held) {}

    /** What the batches of a run did so far. */
    private static final class Tally {
        int activated;
        int held;
        int failed;
    }

    /**
     * Publishes each committed batch on a thread of its own, one batch after the other, while the rollout activates
     * the next. Once a batch's round gets nothing through (the broker is away), the later batches are not tried:
     * they stay pending for the retry job instead of waiting for a send timeout each.
     */
    private final class Publications implements AutoCloseable {
        private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "rollout-publication");
            t.setDaemon(true);
            return t;
        });
        private final List<Future<PublicationService.Result>> rounds = new ArrayList<>();
        private final AtomicBoolean brokerAway = new AtomicBoolean();
        private final long runId;

        Publications(long runId) {
            this.runId = runId;
        }

        void publish(List<String> officeIds) {
            if (!officeIds.isEmpty()) {
                rounds.add(thread.submit(() -> round(officeIds)));
            }
        }

        private PublicationService.Result round(List<String> officeIds) {
            if (brokerAway.get()) {
                return new PublicationService.Result(0, officeIds.size());
            }
            try {
                PublicationService.Result result = publication.publishPending(officeIds);
                if (result.failed() > 0 && result.published() == 0) {
                    brokerAway.set(true);
                }
                return result;
            } catch (RuntimeException e) {
                // The activations stand; the offices stay pending for the retry job.
                brokerAway.set(true);
                LOG.warnf(
                        "Rollout %d: publishing %d activated offices failed, they stay pending: %s",
                        runId, officeIds.size(), SafeThrowables.describe(e));
                return new PublicationService.Result(0, officeIds.size());
            }
        }

        /** Waits for every round; what they published and how many activated offices they did not. */
        PublicationService.Result await() {
            PublicationService.Result sum = PublicationService.Result.NOTHING;
            for (Future<PublicationService.Result> round : rounds) {
                try {
                    sum = sum.plus(round.get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while publishing the rollout", e);
                } catch (ExecutionException e) {
                    throw new IllegalStateException("publication round failed", e.getCause());
                }
            }
            return sum;
        }

        boolean brokerAway() {
            return brokerAway.get();
        }

        @Override
        public void close() {
            thread.shutdown();
        }
    }

    /** What a rollout did. */
    public record Report(
            long runId,
            RolloutRun.Trigger trigger,
            LocalDate rolloutDate,
            Instant startedAt,
            Instant finishedAt,
            int activated,
            int held,
            int failed,
            int published,
            int publicationFailed) {}

    /** Runs a rollout now, on this replica, unless one is already running (then empty). Call outside a transaction. */
    public Optional<Report> run(RolloutRun.Trigger trigger, Actor actor) {
        Optional<Report> report = lock.tryRun(() -> rollout(trigger, actor));
        if (report.isEmpty()) {
            LOG.infof("Rollout (%s) skipped: another replica is running one", trigger);
        }
        return report;
    }

    /** A central administrator's "roll out now"; refused with 409 while another rollout runs. */
    public Report runNow(Actor actor) {
        return run(RolloutRun.Trigger.MANUAL, actor)
                .orElseThrow(() -> new ProblemException(
                        RolloutProblems.ROLLOUT_RUNNING, "Ein anderer Rollout ist noch nicht abgeschlossen."));
    }

    /** Whether an office's last rollout failed and waits for the retry job. */
    public boolean retryDue() {
        return QuarkusTransaction.requiringNew().call(() -> offices.count("rolloutRetryDue") > 0);
    }

    private Report rollout(RolloutRun.Trigger trigger, Actor actor) {
        Instant started = now();
        LocalDate date = started.atZone(config.rollout().timeZone()).toLocalDate();
        long runId = QuarkusTransaction.requiringNew().call(() -> {
            RolloutRun run = new RolloutRun();
            run.trigger = trigger;
            run.triggeredBy = actor.id();
            run.rolloutDate = date;
            run.startedAt = started;
            runs.persist(run);
            audit.record(
                    actor, AuditAction.ROLLOUT_STARTED, null, null, null, Map.of("run", run.id, "trigger", trigger));
            return run.id;
        });
        metrics.rolloutRun(trigger.name());
        List<String> officeIds = QuarkusTransaction.requiringNew().call(() -> candidates(trigger));
        Catalogue cat = QuarkusTransaction.requiringNew().call(catalogue::catalogue);
        LOG.infof("Rollout %d (%s) for %s: %d offices to check", runId, trigger, date, officeIds.size());

        Tally tally = new Tally();
        PublicationService.Result published;
        try (Publications publications = new Publications(runId)) {
            int batchSize = Math.max(1, config.rollout().batchSize());
            for (int from = 0; from < officeIds.size(); from += batchSize) {
                rolloutBatch(
                        officeIds.subList(from, Math.min(officeIds.size(), from + batchSize)),
                        date,
                        runId,
                        cat,
                        tally,
                        publications);
            }
            PublicationService.Result batches = publications.await();
            if (publications.brokerAway()) {
                // Everything activated and not acknowledged stays pending for the retry job, rather than waiting for
                // another send timeout now.
                published = batches;
            } else {
                // Offices still pending (one that failed in its batch, an earlier failure) get another chance now;
                // what fails here is what is not yet published.
                PublicationService.Result last = publication.publishPending();
                published = new PublicationService.Result(batches.published() + last.published(), last.failed());
            }
        }

        int a = tally.activated;
        int h = tally.held;
        int f = tally.failed;
        Instant finished = now();
        QuarkusTransaction.requiringNew().run(() -> {
            RolloutRun run = runs.findById(runId);
            run.finishedAt = finished;
            run.activated = a;
            run.held = h;
            run.failed = f;
            audit.record(
                    actor,
                    AuditAction.ROLLOUT_FINISHED,
                    null,
                    null,
                    null,
                    Map.of(
                            "run", runId,
                            "activated", a,
                            "held", h,
                            "failed", f,
                            "published", published.published(),
                            "publicationFailed", published.failed()));
        });
        LOG.infof(
                "Rollout %d finished: %d activated, %d held, %d failed; %d published, %d not yet",
                runId, a, h, f, published.published(), published.failed());
        return new Report(runId, trigger, date, started, finished, a, h, f, published.published(), published.failed());
    }

    @SuppressWarnings("unchecked")
    private List<String> candidates(RolloutRun.Trigger trigger) {
        String retries = "select office_id from office where rollout_retry_due";
        String sql = trigger == RolloutRun.Trigger.RETRY
                ? retries + " order by office_id"
                : "select office_id from change_request where state in ('APPROVED', 'HELD') union " + retries
                        + " order by 1";
        return em.createNativeQuery(sql).getResultList();
    }

    /**
     * Rolls out one batch in a transaction of its own and publishes what it activated. A batch of several offices
     * that fails is rolled back and rolled out again office by office, so the failure is pinned on its office.
     */
    private void rolloutBatch(
            List<String> officeIds, LocalDate date, long runId, Catalogue cat, Tally tally, Publications publications) {
        BatchOutcome outcome;
        try {
            outcome = QuarkusTransaction.requiringNew().call(() -> activateBatch(officeIds, date, runId, cat));
        } catch (Exception e) {
            if (officeIds.size() == 1) {
                tally.failed++;
                officeFailed(officeIds.get(0), runId, e);
            } else {
                LOG.warnf(
                        "Rollout %d: a batch of %d offices (%s … %s) failed, rolling them out one by one: %s",
                        runId,
                        officeIds.size(),
                        officeIds.get(0),
                        officeIds.get(officeIds.size() - 1),
                        SafeThrowables.describe(e));
                officeIds.forEach(officeId -> rolloutBatch(List.of(officeId), date, runId, cat, tally, publications));
            }
            return;
        }
        outcome.activated().forEach(metrics::activated);
        outcome.held().forEach(metrics::held);
        tally.activated += outcome.activated().size();
        tally.held += outcome.held().size();
        // Committed: publish these offices now, while the next batch is activated.
        publications.publish(outcome.activated());
    }

    private BatchOutcome activateBatch(List<String> officeIds, LocalDate date, long runId, Catalogue cat) {
        // The changes' and offices' updates go to the database in a few batched statements at commit.
        em.unwrap(Session.class).setJdbcBatchSize(Math.max(1, config.rollout().batchSize()));
        Map<String, Office> locked = new HashMap<>();
        offices.lockAll(officeIds).forEach(o -> locked.put(o.officeId, o));
        // Read after the lock: a change withdrawn meanwhile is not activated.
        Map<String, ChangeRequest> awaiting = new HashMap<>();
        changes.awaitingRollout(officeIds).forEach(c -> awaiting.put(c.officeId, c));
        List<String> order = cat.entries().stream().map(CatalogueEntry::code).toList();
        Instant now = now();

        List<OfficeVersion> versions = new ArrayList<>();
        List<AuditTrail.NewEntry> entries = new ArrayList<>();
        List<String> activated = new ArrayList<>();
        List<String> held = new ArrayList<>();
        for (String officeId : officeIds) {
            Office office = locked.get(officeId);
            if (office == null) {
                throw new IllegalStateException("office vanished");
            }
            ChangeRequest change = awaiting.get(officeId);
            if (change == null) {
                office.rolloutRetryDue = false;
                continue;
            }
            OfficeConfiguration configuration = change.configuration(order);
            List<FieldError> errors =
                    configuration.validate(new RuleContext(cat, config.allowedMailDomains(), office.contract(), date));
            if (!errors.isEmpty()) {
                change.hold(errors, now);
                office.rolloutRetryDue = false;
                entries.add(new AuditTrail.NewEntry(
                        Actor.SYSTEM,
                        AuditAction.CHANGE_HELD,
                        officeId,
                        change.changeId,
                        null,
                        Map.of(
                                "run",
                                runId,
                                "fields",
                                errors.stream().map(FieldError::field).toList())));
                held.add(officeId);
                LOG.infof("Rollout %d holds the change of office %s: %d rules failed", runId, officeId, errors.size());
                continue;
            }
            long version = office.activeVersion + 1;
            OfficeVersion next = OfficeVersion.of(
                    officeId, version, OfficeVersion.Kind.CHANGE, office.masterData(), configuration, now);
            next.changeId = change.changeId;
            next.rolloutRunId = runId;
            next.authorId = change.authorId;
            next.authorName = change.authorName;
            next.reviewerId = change.reviewerId;
            next.reviewerName = change.reviewerName;
            next.reviewedAt = change.reviewedAt;
            versions.add(next);
            change.activate(version, now);
            office.activated(version, now);
            entries.add(new AuditTrail.NewEntry(
                    Actor.SYSTEM,
                    AuditAction.CHANGE_ACTIVATED,
                    officeId,
                    change.changeId,
                    version,
                    Map.of("run", runId)));
            activated.add(officeId);
        }
        officeVersions.insertAll(versions);
        audit.recordAll(entries);
        return new BatchOutcome(activated, held);
    }

    private void officeFailed(String officeId, long runId, Exception e) {
        LOG.warnf("Rollout %d failed for office %s: %s", runId, officeId, SafeThrowables.describe(e));
        metrics.rolloutFailed(officeId);
        try {
            int failures = QuarkusTransaction.requiringNew().call(() -> {
                Office office = offices.lock(officeId).orElseThrow();
                office.rolloutRetryDue = true;
                office.rolloutFailures++;
                audit.record(
                        Actor.SYSTEM,
                        AuditAction.ROLLOUT_OFFICE_FAILED,
                        officeId,
                        null,
                        null,
                        Map.of("run", runId, "failures", office.rolloutFailures));
                return office.rolloutFailures;
            });
            if (failures >= config.rollout().alertAfterFailures()) {
                metrics.alert("rollout", officeId);
                LOG.errorf(
                        "ALERT: rollout of office %s failed %d times in a row; retried every %s",
                        officeId, failures, config.publication().retryEvery());
            }
        } catch (Exception recording) {
            LOG.errorf(
                    "Cannot record the failed rollout of office %s: %s", officeId, SafeThrowables.describe(recording));
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
