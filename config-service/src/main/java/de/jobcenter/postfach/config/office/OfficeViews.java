package de.jobcenter.postfach.config.office;

import de.jobcenter.postfach.config.change.ChangeState;
import de.jobcenter.postfach.config.change.ChangeViews;
import de.jobcenter.postfach.config.rules.OfficeConfiguration;
import de.jobcenter.postfach.contracts.OfficeType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** What the API shows of offices, and what it takes to create or change one. */
public final class OfficeViews {
    private OfficeViews() {}

    /** The office's open change in a list. */
    public record OpenChange(UUID changeId, ChangeState state, ChangeViews.Person author) {}

    /**
     * An office in the list.
     *
     * @param live takes messages today: the go-live date is reached and it is not suspended
     * @param publishPending the active version has not reached the topic yet
     */
    public record Summary(
            String officeId,
            String name,
            OfficeType type,
            LocalDate goLiveOn,
            boolean suspended,
            boolean live,
            long activeVersion,
            long publishedVersion,
            boolean publishPending,
            OpenChange openChange) {}

    public record Contract(String serviceCenterId, LocalDate orderedOn, LocalDate effectiveFrom) {
        static Contract of(ServiceCenterContract c) {
            return c == null ? null : new Contract(c.serviceCenterId(), c.orderedOn(), c.effectiveFrom());
        }
    }

    /** What the caller may do with the office, so a UI shows only what works. */
    public record Permissions(boolean editConfiguration, boolean review, boolean manageOffice) {}

    /** An office with its master data and the state of its rollout and publication. */
    public record Detail(
            String officeId,
            String name,
            OfficeType type,
            LocalDate goLiveOn,
            boolean suspended,
            boolean live,
            Contract serviceCenterContract,
            ResponsiblePerson responsiblePerson,
            long activeVersion,
            long publishedVersion,
            boolean publishPending,
            int publishFailures,
            Instant lastPublishFailureAt,
            boolean rolloutRetryDue,
            int rolloutFailures,
            Instant createdAt,
            Instant updatedAt,
            OpenChange openChange,
            Permissions permissions) {}

    /** The configuration customers see now. */
    public record ActiveConfiguration(
            String officeId, long version, Instant activatedAt, OfficeConfiguration configuration) {}

    /** A service-center contract as it arrives. */
    public record ContractInput(String serviceCenterId, LocalDate orderedOn) {}

    /** A new office (central administrators). */
    public record NewOffice(
            String officeId,
            String name,
            OfficeType type,
            LocalDate goLiveOn,
            Boolean suspended,
            ContractInput serviceCenterContract,
            ResponsiblePerson responsiblePerson) {}

    /** The whole master data of an office (central administrators); replaces what was there. */
    public record MasterDataInput(
            String name,
            OfficeType type,
            LocalDate goLiveOn,
            Boolean suspended,
            ContractInput serviceCenterContract,
            ResponsiblePerson responsiblePerson) {}
}
