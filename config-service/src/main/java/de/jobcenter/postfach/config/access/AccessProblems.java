package de.jobcenter.postfach.config.access;

import de.jobcenter.postfach.kit.problem.ProblemType;

/** Why a signed-in member of staff may not do something (all 403). */
public final class AccessProblems {
    public static final ProblemType OFFICE_NOT_IN_SCOPE =
            new ProblemType("office-not-in-scope", "Keine Berechtigung für diese Dienststelle.", 403);
    public static final ProblemType ROLE_MISSING =
            new ProblemType("role-missing", "Für diese Aktion fehlt die nötige Rolle.", 403);
    public static final ProblemType JOBCENTER_CONFIGURATION_RESERVED = new ProblemType(
            "jobcenter-configuration-reserved",
            "Die Konfiguration eines Jobcenters bearbeiten und prüfen nur seine eigenen Beschäftigten.",
            403);

    private AccessProblems() {}
}
