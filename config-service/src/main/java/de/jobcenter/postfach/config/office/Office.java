package de.jobcenter.postfach.config.office;

import de.jobcenter.postfach.contracts.OfficeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An office („Dienststelle“): its master data as central administrators keep it, the version of its configuration
 * that is active, and whether that version has reached the topic yet.
 */
@Entity
@Table(name = "office")
public class Office {
    @Id
    @Column(name = "office_id")
    public String officeId;

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

    @Column(name = "responsible_name")
    public String responsibleName;

    @Column(name = "responsible_email")
    public String responsibleEmail;

    @Column(name = "responsible_phone")
    public String responsiblePhone;

    @Column(name = "active_version", nullable = false)
    public long activeVersion;

    @Column(name = "published_version", nullable = false)
    public long publishedVersion;

    @Column(name = "publish_pending", nullable = false)
    public boolean publishPending;

    @Column(name = "publish_failures", nullable = false)
    public int publishFailures;

    @Column(name = "last_publish_failure_at")
    public Instant lastPublishFailureAt;

    @Column(name = "rollout_retry_due", nullable = false)
    public boolean rolloutRetryDue;

    @Column(name = "rollout_failures", nullable = false)
    public int rolloutFailures;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public ServiceCenterContract contract() {
        return serviceCenterId == null ? null : new ServiceCenterContract(serviceCenterId, serviceCenterOrderedOn);
    }

    public ResponsiblePerson responsible() {
        return responsibleName == null && responsibleEmail == null && responsiblePhone == null
                ? null
                : new ResponsiblePerson(responsibleName, responsibleEmail, responsiblePhone);
    }

    public OfficeMasterData masterData() {
        return new OfficeMasterData(name, type, goLiveOn, suspended, contract(), responsible());
    }

    /** Takes over validated master data. */
    public void apply(OfficeMasterData data, Instant now) {
        name = data.name();
        type = data.type();
        goLiveOn = data.goLiveOn();
        suspended = data.isSuspended();
        ServiceCenterContract contract = data.contract();
        serviceCenterId = contract == null ? null : contract.serviceCenterId();
        serviceCenterOrderedOn = contract == null ? null : contract.orderedOn();
        ResponsiblePerson person = data.responsible();
        responsibleName = person == null ? null : person.name();
        responsibleEmail = person == null ? null : person.email();
        responsiblePhone = person == null ? null : person.phone();
        updatedAt = now;
    }

    /** A new version became active and has to be published. */
    public void activated(long version, Instant now) {
        activeVersion = version;
        publishPending = true;
        rolloutRetryDue = false;
        rolloutFailures = 0;
        updatedAt = now;
    }
}
