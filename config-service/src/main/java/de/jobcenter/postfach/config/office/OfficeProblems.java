package de.jobcenter.postfach.config.office;

import de.jobcenter.postfach.kit.problem.ProblemType;

/** The problems of office master data. */
public final class OfficeProblems {
    public static final ProblemType OFFICE_EXISTS =
            new ProblemType("office-exists", "Eine Dienststelle mit dieser Kennung gibt es bereits.", 409);

    private OfficeProblems() {}
}
