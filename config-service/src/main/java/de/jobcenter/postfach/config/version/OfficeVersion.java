package de.jobcenter.postfach.config.version;

import de.jobcenter.postfach.config.office.OfficeMasterData;
import de.jobcenter.postfach.config.office.ServiceCenterContract;
import de.jobcenter.postfach.config.rules.FallbackRoute;
import de.jobcenter.postfach.config.rules.OfficeConfiguration;
import de.jobcenter.postfach.config.rules.StoredConcernSetting;
import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.OfficeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.Fetch;
import org.hibernate.annotations.FetchMode;

/**
 * One version of an office as it was active: the configuration and the master data of that moment, who wrote it and
 * who reviewed it. Never changed (the database refuses it), so the record published for a version can always be
 * rebuilt exactly.
 */
@Entity
@Table(name = "office_version")
public class OfficeVersion {
    public enum Kind {
        /** The configuration a new office starts with. */
        INITIAL,
        /** A reviewed change, activated by a rollout. */
        CHANGE,
        /** Central administrators changed the master data (name, go-live date, suspension, contract). */
        MASTER_DATA
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "office_id", nullable = false)
    public String officeId;

    @Column(nullable = false)
    public long version;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(name = "activated_at", nullable = false)
    public Instant activatedAt;

    @Column(name = "change_id")
    public UUID changeId;

    @Column(name = "rollout_run_id")
    public Long rolloutRunId;

    @Column(name = "author_id", nullable = false)
    public String authorId;

    @Column(name = "author_name", nullable = false)
    public String authorName;

    @Column(name = "reviewer_id")
    public String reviewerId;

    @Column(name = "reviewer_name")
    public String reviewerName;

    @Column(name = "reviewed_at")
    public Instant reviewedAt;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public OfficeType type;

    @Column(name = "go_live_on", nullable = false)
    public LocalDate goLiveOn;

    @Column(nullable = false)
    public boolean suspended;

    @Column(name = "service_center_id")
    public String serviceCenterId;

    @Column(name = "service_center_ordered_on")
    public LocalDate serviceCenterOrderedOn;

    @Enumerated(EnumType.STRING)
    @Column(name = "fallback_channel", nullable = false)
    public Channel fallbackChannel;

    @Column(name = "fallback_mailbox")
    public String fallbackMailbox;

    @Column(name = "review_required", nullable = false)
    public boolean reviewRequired;

    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SUBSELECT)
    @CollectionTable(name = "office_version_concern", joinColumns = @JoinColumn(name = "version_id"))
    public List<StoredConcernSetting> concerns = new ArrayList<>();

    /** A version with the given master data and (validated) configuration. */
    public static OfficeVersion of(
            String officeId,
            long version,
            Kind kind,
            OfficeMasterData master,
            OfficeConfiguration configuration,
            Instant activatedAt) {
        OfficeVersion v = new OfficeVersion();
        v.officeId = officeId;
        v.version = version;
        v.kind = kind;
        v.activatedAt = activatedAt;
        v.name = master.name();
        v.type = master.type();
        v.goLiveOn = master.goLiveOn();
        v.suspended = master.isSuspended();
        ServiceCenterContract contract = master.contract();
        v.serviceCenterId = contract == null ? null : contract.serviceCenterId();
        v.serviceCenterOrderedOn = contract == null ? null : contract.orderedOn();
        v.fallbackChannel = configuration.fallbackRoute().channel();
        v.fallbackMailbox = configuration.fallbackRoute().outlookMailbox();
        v.reviewRequired = configuration.requiresReview();
        v.concerns.addAll(StoredConcernSetting.rows(configuration));
        return v;
    }

    public OfficeConfiguration configuration(List<String> catalogueOrder) {
        return StoredConcernSetting.configuration(
                new FallbackRoute(fallbackChannel, fallbackMailbox), reviewRequired, concerns, catalogueOrder);
    }

    public ServiceCenterContract contract() {
        return serviceCenterId == null ? null : new ServiceCenterContract(serviceCenterId, serviceCenterOrderedOn);
    }

    /** The published master data of this version (the contact person is not versioned). */
    public OfficeMasterData masterData() {
        return new OfficeMasterData(name, type, goLiveOn, suspended, contract(), null);
    }
}
