package de.jobcenter.postfach.config.version;

import de.jobcenter.postfach.config.change.ChangeState;
import de.jobcenter.postfach.config.change.ChangeViews;
import de.jobcenter.postfach.config.rules.Difference;
import de.jobcenter.postfach.config.rules.OfficeConfiguration;
import de.jobcenter.postfach.config.rules.RoutePreview;
import de.jobcenter.postfach.contracts.OfficeType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What the API shows of an office's history and of where messages would go. */
public final class VersionViews {
    private VersionViews() {}

    /**
     * One version in the history: who wrote it, who reviewed it, when it became active, and what it changed compared
     * with the version before.
     */
    public record Summary(
            long version,
            OfficeVersion.Kind kind,
            Instant activatedAt,
            ChangeViews.Person author,
            ChangeViews.Person reviewer,
            Instant reviewedAt,
            UUID changeId,
            List<Difference> changes) {}

    /** One version with the master data and the configuration it had. */
    public record Detail(
            long version,
            OfficeVersion.Kind kind,
            Instant activatedAt,
            ChangeViews.Person author,
            ChangeViews.Person reviewer,
            Instant reviewedAt,
            UUID changeId,
            String name,
            OfficeType type,
            LocalDate goLiveOn,
            boolean suspended,
            String serviceCenterId,
            LocalDate serviceCenterOrderedOn,
            OfficeConfiguration configuration) {}

    /**
     * Where messages go under one configuration.
     *
     * @param version the active version (for the active configuration)
     * @param changeId the open change (for the pending configuration)
     */
    public record ConfigurationPreview(
            Long version, UUID changeId, ChangeState state, LocalDate effectiveOn, List<RoutePreview> concerns) {}

    /**
     * „A message with concern X to office Y would go to …“ for the active and, if there is one, the pending
     * configuration.
     *
     * @param live whether the office takes messages today
     * @param liveNote why it does or does not, in German
     */
    public record Preview(
            String officeId,
            String officeName,
            boolean live,
            String liveNote,
            ConfigurationPreview active,
            ConfigurationPreview pending) {}
}
