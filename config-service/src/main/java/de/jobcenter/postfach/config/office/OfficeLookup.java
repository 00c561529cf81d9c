package de.jobcenter.postfach.config.office;

import de.jobcenter.postfach.config.access.StaffMember;
import de.jobcenter.postfach.kit.problem.CommonProblems;
import de.jobcenter.postfach.kit.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Finds an office for a member of staff: {@code 403} when it is not theirs (whether or not it exists, so ids of other
 * offices reveal nothing), {@code 404} when it is theirs to see but does not exist.
 */
@ApplicationScoped
public class OfficeLookup {
    @Inject
    OfficeRepository offices;

    public Office visible(StaffMember member, String officeId) {
        member.requireView(officeId);
        return offices.findByIdOptional(officeId).orElseThrow(OfficeLookup::notFound);
    }

    /** The office locked for the caller's transaction: every change of one office is serialised on it. */
    public Office lockedVisible(StaffMember member, String officeId) {
        member.requireView(officeId);
        return offices.lock(officeId).orElseThrow(OfficeLookup::notFound);
    }

    private static ProblemException notFound() {
        return new ProblemException(CommonProblems.NOT_FOUND, "Diese Dienststelle gibt es nicht.");
    }
}
