package de.jobcenter.postfach.config.change;

import de.jobcenter.postfach.kit.problem.ProblemType;

/** The problems of the change workflow. */
public final class ChangeProblems {
    public static final ProblemType CHANGE_STATE_CONFLICT = new ProblemType(
            "change-state-conflict", "Die Änderung ist dafür nicht im passenden Bearbeitungsstand.", 409);
    public static final ProblemType OPEN_CHANGE_EXISTS =
            new ProblemType("open-change-exists", "Für diese Dienststelle gibt es bereits eine offene Änderung.", 409);
    public static final ProblemType OWN_CHANGE = new ProblemType(
            "own-change", "Die eigene Änderung kann nicht selbst freigegeben oder abgelehnt werden.", 403);
    public static final ProblemType NOT_AUTHOR =
            new ProblemType("not-author", "Das kann nur die Person, die die Änderung verfasst hat.", 403);

    private ChangeProblems() {}
}
