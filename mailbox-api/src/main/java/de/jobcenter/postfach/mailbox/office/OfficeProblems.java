package de.jobcenter.postfach.mailbox.office;

import de.jobcenter.postfach.kit.problem.ProblemType;

/** The problems a customer meets when an office's configuration does not allow what they try. */
public final class OfficeProblems {
    public static final ProblemType OFFICE_NOT_FOUND =
            new ProblemType("office-not-found", "Diese Dienststelle ist nicht bekannt.", 404);
    public static final ProblemType OFFICE_NOT_LIVE =
            new ProblemType("office-not-live", "Diese Dienststelle nimmt keine Nachrichten über das Postfach an.", 422);
    public static final ProblemType CONCERN_NOT_OFFERED = new ProblemType(
            "concern-not-offered", "Dieses Anliegen nimmt die Dienststelle nicht über das Postfach an.", 422);
    public static final ProblemType CONCERN_IS_ONLINE_FLOW =
            new ProblemType("concern-is-online-flow", "Für dieses Anliegen gibt es ein Online-Verfahren.", 422);

    private OfficeProblems() {}
}
