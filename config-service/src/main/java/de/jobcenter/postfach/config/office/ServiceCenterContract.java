package de.jobcenter.postfach.config.office;

import java.time.LocalDate;
import java.time.Period;
import java.util.Objects;

/**
 * The office bought the BA Service Center's support („Unterstützungsleistungen“). The technical set-up takes six
 * weeks from the order, so the service center can receive messages from the order date plus six weeks.
 *
 * @param orderedOn the date the technical set-up was commissioned
 */
public record ServiceCenterContract(String serviceCenterId, LocalDate orderedOn) {
    /** The technical set-up lead time. */
    public static final Period LEAD_TIME = Period.ofWeeks(6);

    public ServiceCenterContract {
        Objects.requireNonNull(serviceCenterId, "serviceCenterId");
        Objects.requireNonNull(orderedOn, "orderedOn");
    }

    /** The first date on which messages may go to the service center. */
    public LocalDate effectiveFrom() {
        return orderedOn.plus(LEAD_TIME);
    }

    public boolean isEffectiveOn(LocalDate date) {
        return !date.isBefore(effectiveFrom());
    }
}
