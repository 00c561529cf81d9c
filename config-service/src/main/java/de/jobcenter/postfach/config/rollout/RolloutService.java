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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The rollout: activates every approved change, each office in a transaction of its own. On the rollout's date every
 * rule is checked again (the service-center lead time above all); a change that no longer passes is held with its
 * reasons, not activated. An office whose rollout fails does not stop the others; it is marked for the retry job and
 * alerts after the configured number of failures. Activated offices are published right after.
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

    enum Outcome {
        ACTIVATED,
        HELD,
        NOTHING
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

        int activated = 0;
        int held = 0;
        int failed = 0;
        for (String officeId : officeIds) {
            try {
                Outcome outcome =
                        QuarkusTransaction.requiringNew().call(() -> rolloutOffice(officeId, date, runId, cat));
                if (outcome == Outcome.ACTIVATED) {
                    activated++;
                } else if (outcome == Outcome.HELD) {
                    held++;
                }
            } catch (Exception e) {
                failed++;
                officeFailed(officeId, runId, e);
            }
        }
        PublicationService.Result published = publication.publishPending();

        int a = activated;
        int h = held;
        int f = failed;
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

    private Outcome rolloutOffice(String officeId, LocalDate date, long runId, Catalogue cat) {
        Office office = offices.lock(officeId).orElseThrow(() -> new IllegalStateException("office vanished"));
        Optional<ChangeRequest> awaiting = changes.awaitingRollout(officeId);
        if (awaiting.isEmpty()) {
            office.rolloutRetryDue = false;
            return Outcome.NOTHING;
        }
        ChangeRequest change = awaiting.get();
        List<String> order = cat.entries().stream().map(CatalogueEntry::code).toList();
        OfficeConfiguration configuration = change.configuration(order);
        Instant now = now();
        List<FieldError> errors =
                configuration.validate(new RuleContext(cat, config.allowedMailDomains(), office.contract(), date));
        if (!errors.isEmpty()) {
            change.hold(errors, now);
            office.rolloutRetryDue = false;
            audit.record(
                    Actor.SYSTEM,
                    AuditAction.CHANGE_HELD,
                    officeId,
                    change.changeId,
                    null,
                    Map.of(
                            "run",
                            runId,
                            "fields",
                            errors.stream().map(FieldError::field).toList()));
            metrics.held(officeId);
            LOG.infof("Rollout %d holds the change of office %s: %d rules failed", runId, officeId, errors.size());
            return Outcome.HELD;
        }
        long version = office.activeVersion + 1;
        OfficeVersion activated =
                OfficeVersion.of(officeId, version, OfficeVersion.Kind.CHANGE, office.masterData(), configuration, now);
        activated.changeId = change.changeId;
        activated.rolloutRunId = runId;
        activated.authorId = change.authorId;
        activated.authorName = change.authorName;
        activated.reviewerId = change.reviewerId;
        activated.reviewerName = change.reviewerName;
        activated.reviewedAt = change.reviewedAt;
        em.persist(activated);
        change.activate(version, now);
        office.activated(version, now);
        audit.record(
                Actor.SYSTEM, AuditAction.CHANGE_ACTIVATED, officeId, change.changeId, version, Map.of("run", runId));
        metrics.activated(officeId);
        return Outcome.ACTIVATED;
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
