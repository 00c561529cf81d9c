package de.jobcenter.postfach.contracts;

/** A job centre (gE, SGB II) or an employment agency (AA); both are configured with the same model. */
public enum OfficeType {
    JOBCENTER,
    EMPLOYMENT_AGENCY
}
