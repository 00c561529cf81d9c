package de.jobcenter.postfach.config.access;

import de.jobcenter.postfach.contracts.OfficeType;
import de.jobcenter.postfach.kit.problem.ProblemException;
import java.util.EnumSet;
import java.util.Set;

/**
 * A signed-in member of staff with the roles and the office scope their token grants. The rules of who may do what
 * live here:
 *
 * <ul>
 *   <li>editors and reviewers act only on the offices in their scope;
 *   <li>central administrators see every office, keep master data, and configure and review employment agency
 *       offices — never a job centre's concern configuration;
 *   <li>approving one's own change is refused by the change itself ({@code ChangeRequest#approve}).
 * </ul>
 */
public record StaffMember(Actor actor, Set<Role> roles, Set<String> offices) {

    public enum Role {
        EDITOR,
        REVIEWER,
        CENTRAL_ADMIN
    }

    public StaffMember {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        offices = Set.copyOf(offices);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean isCentralAdmin() {
        return has(Role.CENTRAL_ADMIN);
    }

    public boolean inScope(String officeId) {
        return offices.contains(officeId);
    }

    public boolean canView(String officeId) {
        return isCentralAdmin() || inScope(officeId);
    }

    public boolean canEdit(String officeId, OfficeType type) {
        return (inScope(officeId) && has(Role.EDITOR)) || (type == OfficeType.EMPLOYMENT_AGENCY && isCentralAdmin());
    }

    public boolean canReview(String officeId, OfficeType type) {
        return (inScope(officeId) && has(Role.REVIEWER)) || (type == OfficeType.EMPLOYMENT_AGENCY && isCentralAdmin());
    }

    /** Refuses (403) unless the office is in scope or the caller is a central administrator. */
    public void requireView(String officeId) {
        if (!canView(officeId)) {
            throw new ProblemException(
                    AccessProblems.OFFICE_NOT_IN_SCOPE, "Die Dienststelle gehört nicht zu Ihren Dienststellen.");
        }
    }

    /** Refuses (403) unless the caller may edit (and submit, withdraw) the office's concern configuration. */
    public void requireEdit(String officeId, OfficeType type) {
        if (!canEdit(officeId, type)) {
            throw refusal(officeId, type, Role.EDITOR, "bearbeiten");
        }
    }

    /** Refuses (403) unless the caller may approve or reject changes of the office. */
    public void requireReview(String officeId, OfficeType type) {
        if (!canReview(officeId, type)) {
            throw refusal(officeId, type, Role.REVIEWER, "prüfen");
        }
    }

    /** Refuses (403) unless the caller is a central administrator. */
    public void requireCentralAdmin() {
        if (!isCentralAdmin()) {
            throw new ProblemException(
                    AccessProblems.ROLE_MISSING, "Das dürfen nur zentrale Administratorinnen und Administratoren.");
        }
    }

    private ProblemException refusal(String officeId, OfficeType type, Role role, String verb) {
        if (inScope(officeId) && !has(role)) {
            return new ProblemException(
                    AccessProblems.ROLE_MISSING,
                    role == Role.REVIEWER
                            ? "Zum Prüfen von Änderungen ist die Prüfrolle nötig."
                            : "Zum Bearbeiten der Konfiguration ist die Bearbeitungsrolle nötig.");
        }
        if (isCentralAdmin() && type == OfficeType.JOBCENTER) {
            return new ProblemException(
                    AccessProblems.JOBCENTER_CONFIGURATION_RESERVED,
                    "Zentrale Administratorinnen und Administratoren " + verb
                            + " die Konfiguration eines Jobcenters nicht.");
        }
        return new ProblemException(
                AccessProblems.OFFICE_NOT_IN_SCOPE, "Die Dienststelle gehört nicht zu Ihren Dienststellen.");
    }
}
