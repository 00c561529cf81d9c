package de.jobcenter.postfach.config.change;

import de.jobcenter.postfach.config.access.StaffMember;
import de.jobcenter.postfach.config.audit.AuditAction;
import de.jobcenter.postfach.config.audit.AuditTrail;
import de.jobcenter.postfach.config.catalogue.Catalogue;
import de.jobcenter.postfach.config.catalogue.CatalogueRepository;
import de.jobcenter.postfach.config.config.ConfigServiceConfig;
import de.jobcenter.postfach.config.office.Office;
import de.jobcenter.postfach.config.office.OfficeLookup;
import de.jobcenter.postfach.config.office.OfficeRepository;
import de.jobcenter.postfach.config.rollout.RolloutCalendar;
import de.jobcenter.postfach.config.rules.ConfigurationDiff;
import de.jobcenter.postfach.config.rules.Difference;
import de.jobcenter.postfach.config.rules.OfficeConfiguration;
import de.jobcenter.postfach.config.rules.RuleContext;
import de.jobcenter.postfach.config.version.ActiveConfigurations;
import de.jobcenter.postfach.kit.problem.CommonProblems;
import de.jobcenter.postfach.kit.problem.FieldError;
import de.jobcenter.postfach.kit.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The change workflow of an office's configuration: draft, submit, approve, reject, withdraw. Every step locks the
 * office row (one open change per office, no race with a rollout), checks the caller's scope and role, lets the change
 * apply its own rules, and writes the audit entry in the same transaction.
 */
@ApplicationScoped
public class ChangeService {
    @Inject
    ChangeRequestRepository changes;

    @Inject
    ChangeReviewRepository reviews;

    @Inject
    OfficeLookup lookup;

    @Inject
    OfficeRepository offices;

    @Inject
    CatalogueRepository catalogue;

    @Inject
    ActiveConfigurations active;

    @Inject
    RolloutCalendar calendar;

    @Inject
    AuditTrail audit;

    @Inject
    ConfigServiceConfig config;

    @Inject
    Clock clock;

    /** The result of saving a draft: whether it was created, and the change. */
    public record Saved(boolean created, ChangeViews.Detail change) {}

    /**
     * Saves the caller's proposal as the office's draft: creates it when the office has no open change, else revises
     * the caller's own draft (or rejected change). The proposal must pass every rule; nothing is saved otherwise.
     */
    @Transactional
    public Saved saveDraft(StaffMember member, String officeId, OfficeConfiguration proposal) {
        Office office = lookup.lockedVisible(member, officeId);
        member.requireEdit(officeId, office.type);
        if (proposal == null) {
            throw ProblemException.validation(List.of(new FieldError("", "Die Konfiguration fehlt.")));
        }
        Catalogue cat = catalogue.catalogue();
        List<FieldError> errors = proposal.validate(ruleContext(office, cat));
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        Instant now = now();
        Optional<ChangeRequest> open = changes.open(officeId);
        ChangeRequest change;
        boolean created;
        if (open.isEmpty()) {
            change = ChangeRequest.draft(officeId, member.actor(), proposal, now);
            changes.persist(change);
            created = true;
        } else {
            change = open.get();
            if (!change.author().sameAs(member.actor())) {
                throw new ProblemException(
                        ChangeProblems.OPEN_CHANGE_EXISTS,
                        change.authorName + " bearbeitet bereits eine Änderung dieser Dienststelle (Stand "
                                + change.state + ").");
            }
            if (change.state != ChangeState.DRAFT && change.state != ChangeState.REJECTED) {
                throw new ProblemException(
                        ChangeProblems.OPEN_CHANGE_EXISTS,
                        "Die offene Änderung ist im Stand " + change.state
                                + " und kann nicht mehr bearbeitet werden; zum Ändern bitte zurückziehen.");
            }
            change.revise(member.actor(), proposal, now);
            created = false;
        }
        audit.record(
                member.actor(),
                created ? AuditAction.CHANGE_DRAFTED : AuditAction.CHANGE_REVISED,
                officeId,
                change.changeId,
                null,
                Map.of(
                        "fields",
                        differences(office, change, cat).stream()
                                .map(Difference::field)
                                .toList()));
        return new Saved(created, detail(office, change, cat));
    }

    public Optional<ChangeViews.Detail> openChange(StaffMember member, String officeId) {
        Office office = lookup.visible(member, officeId);
        Catalogue cat = catalogue.catalogue();
        return changes.open(officeId).map(c -> detail(office, c, cat));
    }

    public ChangeViews.Detail get(StaffMember member, String officeId, UUID changeId) {
        Office office = lookup.visible(member, officeId);
        return detail(office, find(officeId, changeId), catalogue.catalogue());
    }

    public List<ChangeViews.Summary> ofOffice(StaffMember member, String officeId) {
        Office office = lookup.visible(member, officeId);
        return changes.ofOffice(officeId).stream().map(c -> summary(office, c)).toList();
    }

    public ChangeViews.Diff diff(StaffMember member, String officeId, UUID changeId) {
        Office office = lookup.visible(member, officeId);
        Catalogue cat = catalogue.catalogue();
        ChangeRequest change = find(officeId, changeId);
        return new ChangeViews.Diff(changeId, officeId, office.activeVersion, differences(office, change, cat));
    }

    /** Submitted changes the caller may review: of offices they review, not written by themselves. */
    public List<ChangeViews.Summary> reviewQueue(StaffMember member) {
        Map<String, Office> byId = offices.allInOrder().stream()
                .filter(o -> member.canReview(o.officeId, o.type))
                .collect(Collectors.toMap(o -> o.officeId, Function.identity()));
        return changes.submitted().stream()
                .filter(c -> byId.containsKey(c.officeId) && !c.author().sameAs(member.actor()))
                .map(c -> summary(byId.get(c.officeId), c))
                .toList();
    }

    /** The author submits; without required review (the office's active setting) this approves. */
    @Transactional
    public ChangeViews.Detail submit(StaffMember member, String officeId, UUID changeId) {
        Office office = lookup.lockedVisible(member, officeId);
        member.requireEdit(officeId, office.type);
        ChangeRequest change = find(officeId, changeId);
        Catalogue cat = catalogue.catalogue();
        boolean reviewNeeded = active.active(office, cat).requiresReview();
        change.submit(member.actor(), reviewNeeded, now());
        // The rules again, against the date the change would take effect now (the transaction rolls back on errors).
        List<FieldError> errors =
                change.configuration(ActiveConfigurations.order(cat)).validate(ruleContext(office, cat));
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        audit.record(
                member.actor(),
                AuditAction.CHANGE_SUBMITTED,
                officeId,
                changeId,
                null,
                Map.of("reviewRequired", reviewNeeded));
        if (!reviewNeeded) {
            audit.record(
                    member.actor(),
                    AuditAction.CHANGE_APPROVED,
                    officeId,
                    changeId,
                    null,
                    Map.of("automatic", true, "reason", "review not required"));
        }
        return detail(office, change, cat);
    }

    /** A second person with the reviewer role approves. */
    @Transactional
    public ChangeViews.Detail approve(StaffMember member, String officeId, UUID changeId) {
        Office office = lookup.lockedVisible(member, officeId);
        member.requireReview(officeId, office.type);
        ChangeRequest change = find(officeId, changeId);
        Instant now = now();
        change.approve(member.actor(), now);
        reviews.persist(ChangeReview.of(change, ChangeReview.Decision.APPROVED, member.actor(), now));
        audit.record(member.actor(), AuditAction.CHANGE_APPROVED, officeId, changeId, null, Map.of());
        return detail(office, change, catalogue.catalogue());
    }

    /** A second person with the reviewer role rejects, with a reason; the change goes back to its author. */
    @Transactional
    public ChangeViews.Detail reject(StaffMember member, String officeId, UUID changeId, String reason) {
        Office office = lookup.lockedVisible(member, officeId);
        member.requireReview(officeId, office.type);
        ChangeRequest change = find(officeId, changeId);
        Instant now = now();
        change.reject(member.actor(), reason, now);
        reviews.persist(ChangeReview.of(change, ChangeReview.Decision.REJECTED, member.actor(), now));
        audit.record(member.actor(), AuditAction.CHANGE_REJECTED, officeId, changeId, null, Map.of());
        return detail(office, change, catalogue.catalogue());
    }

    /** The author takes the change back (until it is active). */
    @Transactional
    public ChangeViews.Detail withdraw(StaffMember member, String officeId, UUID changeId) {
        Office office = lookup.lockedVisible(member, officeId);
        member.requireEdit(officeId, office.type);
        ChangeRequest change = find(officeId, changeId);
        ChangeState before = change.state;
        change.withdraw(member.actor(), now());
        audit.record(member.actor(), AuditAction.CHANGE_WITHDRAWN, officeId, changeId, null, Map.of("from", before));
        return detail(office, change, catalogue.catalogue());
    }

    private ChangeRequest find(String officeId, UUID changeId) {
        return changes.inOffice(officeId, changeId)
                .orElseThrow(() -> new ProblemException(
                        CommonProblems.NOT_FOUND, "Diese Änderung gibt es bei dieser Dienststelle nicht."));
    }

    private RuleContext ruleContext(Office office, Catalogue cat) {
        return new RuleContext(cat, config.allowedMailDomains(), office.contract(), calendar.effectiveDate());
    }

    private List<Difference> differences(Office office, ChangeRequest change, Catalogue cat) {
        List<String> order = ActiveConfigurations.order(cat);
        return ConfigurationDiff.between(active.active(office, cat), change.configuration(order), cat);
    }

    private ChangeViews.Detail detail(Office office, ChangeRequest change, Catalogue cat) {
        List<String> order = ActiveConfigurations.order(cat);
        return new ChangeViews.Detail(
                change.changeId,
                change.officeId,
                change.state,
                ChangeViews.Person.of(change.author()),
                change.createdAt,
                change.updatedAt,
                change.submittedAt,
                change.reviewRequired,
                ChangeViews.Person.of(change.reviewer()),
                change.reviewedAt,
                change.rejectionReason,
                change.heldAt,
                change.holdReasonList(),
                effectiveOn(change),
                change.activatedVersion,
                office.activeVersion,
                change.configuration(order),
                change.isOpen() ? differences(office, change, cat) : List.of(),
                reviews.ofChange(change.changeId).stream()
                        .map(ChangeViews.Review::of)
                        .toList());
    }

    private ChangeViews.Summary summary(Office office, ChangeRequest change) {
        return new ChangeViews.Summary(
                change.changeId,
                change.officeId,
                office.name,
                change.state,
                ChangeViews.Person.of(change.author()),
                change.updatedAt,
                change.submittedAt,
                effectiveOn(change));
    }

    private LocalDate effectiveOn(ChangeRequest change) {
        if (change.state == ChangeState.ACTIVE) {
            return change.closedAt.atZone(config.rollout().timeZone()).toLocalDate();
        }
        return change.isOpen() ? calendar.effectiveDate() : null;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
