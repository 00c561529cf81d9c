package de.jobcenter.postfach.config.version;

import de.jobcenter.postfach.config.access.StaffMember;
import de.jobcenter.postfach.config.catalogue.Catalogue;
import de.jobcenter.postfach.config.catalogue.CatalogueEntry;
import de.jobcenter.postfach.config.catalogue.CatalogueRepository;
import de.jobcenter.postfach.config.change.ChangeRequestRepository;
import de.jobcenter.postfach.config.change.ChangeViews;
import de.jobcenter.postfach.config.office.Office;
import de.jobcenter.postfach.config.office.OfficeLookup;
import de.jobcenter.postfach.config.rollout.RolloutCalendar;
import de.jobcenter.postfach.config.rules.ConfigurationDiff;
import de.jobcenter.postfach.config.rules.Difference;
import de.jobcenter.postfach.config.rules.GermanDates;
import de.jobcenter.postfach.config.rules.OfficeConfiguration;
import de.jobcenter.postfach.config.rules.RoutePreview;
import de.jobcenter.postfach.kit.problem.CommonProblems;
import de.jobcenter.postfach.kit.problem.FieldError;
import de.jobcenter.postfach.kit.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The history of an office's versions and the preview of where messages go. */
@ApplicationScoped
public class VersionService {
    @Inject
    OfficeLookup lookup;

    @Inject
    OfficeVersionRepository versions;

    @Inject
    ChangeRequestRepository changes;

    @Inject
    CatalogueRepository catalogue;

    @Inject
    RolloutCalendar calendar;

    /** Every version of the office, newest first, each with what it changed. */
    public List<VersionViews.Summary> history(StaffMember member, String officeId) {
        lookup.visible(member, officeId);
        Catalogue cat = catalogue.catalogue();
        List<String> order = ActiveConfigurations.order(cat);
        List<OfficeVersion> newestFirst = versions.history(officeId);
        List<VersionViews.Summary> history = new ArrayList<>(newestFirst.size());
        for (int i = 0; i < newestFirst.size(); i++) {
            OfficeVersion v = newestFirst.get(i);
            List<Difference> changed = new ArrayList<>();
            if (i + 1 < newestFirst.size()) {
                OfficeVersion before = newestFirst.get(i + 1);
                changed.addAll(before.masterData().differencesTo(v.masterData()));
                changed.addAll(ConfigurationDiff.between(before.configuration(order), v.configuration(order), cat));
            }
            history.add(new VersionViews.Summary(
                    v.version,
                    v.kind,
                    v.activatedAt,
                    new ChangeViews.Person(v.authorId, v.authorName),
                    v.reviewerId == null ? null : new ChangeViews.Person(v.reviewerId, v.reviewerName),
                    v.reviewedAt,
                    v.changeId,
                    changed));
        }
        return history;
    }

    public VersionViews.Detail version(StaffMember member, String officeId, long version) {
        lookup.visible(member, officeId);
        OfficeVersion v = versions.find(officeId, version)
                .orElseThrow(() -> new ProblemException(
                        CommonProblems.NOT_FOUND, "Diese Version gibt es bei dieser Dienststelle nicht."));
        return new VersionViews.Detail(
                v.version,
                v.kind,
                v.activatedAt,
                new ChangeViews.Person(v.authorId, v.authorName),
                v.reviewerId == null ? null : new ChangeViews.Person(v.reviewerId, v.reviewerName),
                v.reviewedAt,
                v.changeId,
                v.name,
                v.type,
                v.goLiveOn,
                v.suspended,
                v.serviceCenterId,
                v.serviceCenterOrderedOn,
                v.configuration(ActiveConfigurations.order(catalogue.catalogue())));
    }

    /**
     * Where a message would go, for every concern or one ({@code concern}), under the active configuration and the
     * pending one (the office's open change), including fallback and online-flow outcomes.
     */
    public VersionViews.Preview preview(StaffMember member, String officeId, String concern) {
        Office office = lookup.visible(member, officeId);
        Catalogue cat = catalogue.catalogue();
        List<CatalogueEntry> entries;
        if (concern == null || concern.isBlank()) {
            entries = cat.entries();
        } else {
            entries = List.of(cat.find(concern)
                    .orElseThrow(() -> ProblemException.validation(
                            List.of(new FieldError("concern", "Dieses Anliegen gibt es im Katalog nicht.")))));
        }
        List<String> order = ActiveConfigurations.order(cat);
        OfficeVersion activeVersion =
                versions.find(officeId, office.activeVersion).orElseThrow();
        OfficeConfiguration activeConfiguration = activeVersion.configuration(order);
        VersionViews.ConfigurationPreview active = new VersionViews.ConfigurationPreview(
                activeVersion.version, null, null, null, previews(office, activeConfiguration, entries));
        VersionViews.ConfigurationPreview pending = changes.open(officeId)
                .map(c -> new VersionViews.ConfigurationPreview(
                        null,
                        c.changeId,
                        c.state,
                        calendar.effectiveDate(),
                        previews(office, c.configuration(order), entries)))
                .orElse(null);
        LocalDate today = calendar.today();
        boolean live = !office.suspended && !today.isBefore(office.goLiveOn);
        String note = office.suspended
                ? "Die Dienststelle ist ausgesetzt und nimmt derzeit keine Nachrichten an."
                : live
                        ? "Die Dienststelle nimmt Nachrichten an."
                        : "Die Dienststelle nimmt ab dem " + GermanDates.format(office.goLiveOn)
                                + " (Aufschalttermin) Nachrichten an.";
        return new VersionViews.Preview(officeId, office.name, live, note, active, pending);
    }

    private static List<RoutePreview> previews(
            Office office, OfficeConfiguration configuration, List<CatalogueEntry> entries) {
        return entries.stream()
                .map(e -> RoutePreview.of(office.officeId, office.name, e, configuration, office.contract()))
                .toList();
    }
}
