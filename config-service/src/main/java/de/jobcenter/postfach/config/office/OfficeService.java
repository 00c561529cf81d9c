package de.jobcenter.postfach.config.office;

import de.jobcenter.postfach.config.access.Actor;
import de.jobcenter.postfach.config.access.StaffMember;
import de.jobcenter.postfach.config.audit.AuditAction;
import de.jobcenter.postfach.config.audit.AuditTrail;
import de.jobcenter.postfach.config.catalogue.Catalogue;
import de.jobcenter.postfach.config.catalogue.CatalogueEntry;
import de.jobcenter.postfach.config.catalogue.CatalogueRepository;
import de.jobcenter.postfach.config.change.ChangeRequest;
import de.jobcenter.postfach.config.change.ChangeRequestRepository;
import de.jobcenter.postfach.config.change.ChangeViews;
import de.jobcenter.postfach.config.config.ConfigServiceConfig;
import de.jobcenter.postfach.config.publication.PublicationService;
import de.jobcenter.postfach.config.rollout.RolloutCalendar;
import de.jobcenter.postfach.config.rules.Difference;
import de.jobcenter.postfach.config.rules.OfficeConfiguration;
import de.jobcenter.postfach.config.rules.RuleContext;
import de.jobcenter.postfach.config.version.ActiveConfigurations;
import de.jobcenter.postfach.config.version.OfficeVersion;
import de.jobcenter.postfach.config.version.OfficeVersionRepository;
import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.OfficeType;
import de.jobcenter.postfach.kit.problem.FieldError;
import de.jobcenter.postfach.kit.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Offices: the list a member of staff sees, their master data (central administrators), and the active
 * configuration. A change of published master data (name, type, go-live date, suspension, contract) becomes a new
 * version that is published at once, not at the weekly rollout.
 */
@ApplicationScoped
public class OfficeService {
    @Inject
    OfficeRepository offices;

    @Inject
    OfficeLookup lookup;

    @Inject
    OfficeVersionRepository versions;

    @Inject
    ActiveConfigurations active;

    @Inject
    ChangeRequestRepository changes;

    @Inject
    CatalogueRepository catalogue;

    @Inject
    PublicationService publication;

    @Inject
    RolloutCalendar calendar;

    @Inject
    AuditTrail audit;

    @Inject
    ConfigServiceConfig config;

    @Inject
    Clock clock;

    /** The offices the caller sees: all for central administrators, else those of their office claim. */
    public List<OfficeViews.Summary> list(StaffMember member) {
        List<Office> visible = member.isCentralAdmin() ? offices.allInOrder() : offices.byIds(member.offices());
        Map<String, ChangeRequest> open = changes
                .openIn(visible.stream().map(o -> o.officeId).toList())
                .stream()
                .collect(Collectors.toMap(c -> c.officeId, Function.identity()));
        LocalDate today = calendar.today();
        return visible.stream()
                .map(o -> new OfficeViews.Summary(
                        o.officeId,
                        o.name,
                        o.type,
                        o.goLiveOn,
                        o.suspended,
                        isLive(o, today),
                        o.activeVersion,
                        o.publishedVersion,
                        o.publishPending,
                        openChange(open.get(o.officeId))))
                .toList();
    }

    public OfficeViews.Detail get(StaffMember member, String officeId) {
        return detail(member, lookup.visible(member, officeId));
    }

    public OfficeViews.ActiveConfiguration activeConfiguration(StaffMember member, String officeId) {
        Office office = lookup.visible(member, officeId);
        Catalogue cat = catalogue.catalogue();
        OfficeVersion version = active.activeVersion(office);
        return new OfficeViews.ActiveConfiguration(
                officeId, version.version, version.activatedAt, version.configuration(ActiveConfigurations.order(cat)));
    }

    /** A central administrator creates an office; it starts with the initial configuration and is published. */
    public OfficeViews.Detail create(StaffMember member, OfficeViews.NewOffice input) {
        member.requireCentralAdmin();
        if (input == null) {
            throw ProblemException.validation(List.of(new FieldError("", "Die Angaben zur Dienststelle fehlen.")));
        }
        List<FieldError> errors = new ArrayList<>();
        if (input.officeId() == null
                || !OfficeMasterData.OFFICE_ID.matcher(input.officeId()).matches()) {
            errors.add(new FieldError(
                    "officeId",
                    "Bitte eine Kennung aus Großbuchstaben, Ziffern, Bindestrich und Unterstrich angeben"
                            + " (2 bis 64 Zeichen), z. B. JC-BERLIN-MITTE."));
        }
        OfficeMasterData master = masterData(
                input.name(),
                input.type(),
                input.goLiveOn(),
                input.suspended() == null ? Boolean.FALSE : input.suspended(),
                input.serviceCenterContract(),
                input.responsiblePerson(),
                errors);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        QuarkusTransaction.requiringNew().run(() -> {
            Catalogue cat = catalogue.catalogue();
            createOffice(member.actor(), input.officeId(), master, OfficeConfiguration.initial(cat), cat);
        });
        publication.publishPending(input.officeId());
        return QuarkusTransaction.requiringNew().call(() -> get(member, input.officeId()));
    }

    /** Creates an office with the given (validated) configuration as its version 1, in the caller's transaction. */
    public void createOffice(
            Actor actor, String officeId, OfficeMasterData master, OfficeConfiguration configuration, Catalogue cat) {
        if (offices.findByIdOptional(officeId).isPresent()) {
            throw new ProblemException(OfficeProblems.OFFICE_EXISTS, "Die Kennung " + officeId + " ist vergeben.");
        }
        Instant now = now();
        Office office = new Office();
        office.officeId = officeId;
        office.createdAt = now;
        office.apply(master, now);
        office.activated(1, now);
        offices.persist(office);
        OfficeVersion first = OfficeVersion.of(officeId, 1, OfficeVersion.Kind.INITIAL, master, configuration, now);
        first.authorId = actor.id();
        first.authorName = actor.name();
        versions.persist(first);
        offices.flush();
        audit.record(
                actor,
                AuditAction.OFFICE_CREATED,
                officeId,
                null,
                1L,
                Map.of("type", master.type(), "goLiveOn", master.goLiveOn().toString()));
    }

    /**
     * A central administrator replaces the master data. When published data changed, the office gets a new version
     * (its active configuration with the new master data), published at once.
     */
    public OfficeViews.Detail update(StaffMember member, String officeId, OfficeViews.MasterDataInput input) {
        member.requireCentralAdmin();
        if (input == null) {
            throw ProblemException.validation(List.of(new FieldError("", "Die Angaben zur Dienststelle fehlen.")));
        }
        boolean republish = QuarkusTransaction.requiringNew().call(() -> applyUpdate(member, officeId, input));
        if (republish) {
            publication.publishPending(officeId);
        }
        return QuarkusTransaction.requiringNew().call(() -> get(member, officeId));
    }

    private boolean applyUpdate(StaffMember member, String officeId, OfficeViews.MasterDataInput input) {
        Office office = lookup.lockedVisible(member, officeId);
        List<FieldError> errors = new ArrayList<>();
        OfficeMasterData master = masterData(
                input.name(),
                input.type(),
                input.goLiveOn(),
                input.suspended(),
                input.serviceCenterContract(),
                input.responsiblePerson(),
                errors);
        Catalogue cat = catalogue.catalogue();
        OfficeConfiguration configuration = active.active(office, cat);
        if (errors.isEmpty()) {
            contractStillFits(office, master, configuration, cat, errors);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        List<Difference> differences = office.masterData().differencesTo(master);
        Instant now = now();
        boolean contactChanged = !Objects.equals(office.responsible(), master.responsible());
        office.apply(master, now);
        Long version = null;
        if (!differences.isEmpty()) {
            version = office.activeVersion + 1;
            OfficeVersion next =
                    OfficeVersion.of(officeId, version, OfficeVersion.Kind.MASTER_DATA, master, configuration, now);
            next.authorId = member.actor().id();
            next.authorName = member.actor().name();
            versions.persist(next);
            office.activated(version, now);
        }
        if (!differences.isEmpty() || contactChanged) {
            List<String> fields =
                    new ArrayList<>(differences.stream().map(Difference::field).toList());
            if (contactChanged) {
                fields.add("responsiblePerson");
            }
            audit.record(
                    member.actor(), AuditAction.MASTER_DATA_CHANGED, officeId, null, version, Map.of("fields", fields));
        }
        return version != null;
    }

    /** The active configuration routes to the service center: the contract can only go once it no longer does. */
    private void contractStillFits(
            Office office,
            OfficeMasterData master,
            OfficeConfiguration configuration,
            Catalogue cat,
            List<FieldError> errors) {
        if (master.contract() != null) {
            return;
        }
        List<String> usedBy = cat.entries().stream()
                .filter(e -> configuration
                        .concern(e.code())
                        .filter(s -> !e.isOnlineFlow() && s.isOffered() && s.channel() == Channel.SERVICE_CENTER)
                        .isPresent())
                .map(CatalogueEntry::label)
                .toList();
        if (!usedBy.isEmpty()) {
            errors.add(new FieldError(
                    "serviceCenterContract",
                    "Die aktive Konfiguration leitet " + usedBy.size()
                            + " Anliegen an den Service Center; der Vertrag kann erst entfallen, wenn eine Änderung"
                            + " sie umgestellt hat."));
        }
    }

    private OfficeMasterData masterData(
            String name,
            OfficeType type,
            LocalDate goLiveOn,
            Boolean suspended,
            OfficeViews.ContractInput contractInput,
            ResponsiblePerson responsible,
            List<FieldError> errors) {
        ServiceCenterContract contract = contractInput == null
                ? null
                : OfficeMasterData.contract(contractInput.serviceCenterId(), contractInput.orderedOn(), errors);
        OfficeMasterData master = new OfficeMasterData(name, type, goLiveOn, suspended, contract, responsible);
        errors.addAll(master.validate());
        return master;
    }

    private OfficeViews.Detail detail(StaffMember member, Office o) {
        Optional<ChangeRequest> open = changes.open(o.officeId);
        return new OfficeViews.Detail(
                o.officeId,
                o.name,
                o.type,
                o.goLiveOn,
                o.suspended,
                isLive(o, calendar.today()),
                OfficeViews.Contract.of(o.contract()),
                o.responsible(),
                o.activeVersion,
                o.publishedVersion,
                o.publishPending,
                o.publishFailures,
                o.lastPublishFailureAt,
                o.rolloutRetryDue,
                o.rolloutFailures,
                o.createdAt,
                o.updatedAt,
                openChange(open.orElse(null)),
                new OfficeViews.Permissions(
                        member.canEdit(o.officeId, o.type),
                        member.canReview(o.officeId, o.type),
                        member.isCentralAdmin()));
    }

    private static OfficeViews.OpenChange openChange(ChangeRequest change) {
        return change == null
                ? null
                : new OfficeViews.OpenChange(change.changeId, change.state, ChangeViews.Person.of(change.author()));
    }

    private static boolean isLive(Office office, LocalDate today) {
        return !office.suspended && !today.isBefore(office.goLiveOn);
    }

    /** The rule context for an office, for callers outside the change workflow (the demo seed). */
    public RuleContext ruleContext(ServiceCenterContract contract, Catalogue cat, LocalDate effectiveOn) {
        return new RuleContext(cat, config.allowedMailDomains(), contract, effectiveOn);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
