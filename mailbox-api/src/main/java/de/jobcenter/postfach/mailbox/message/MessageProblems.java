package de.jobcenter.postfach.mailbox.message;

import de.jobcenter.postfach.kit.problem.ProblemType;

/** Problems of writing and answering messages. */
public final class MessageProblems {
    public static final ProblemType NOT_A_STAFF_MESSAGE =
            new ProblemType("not-a-staff-message", "Antworten sind nur auf Nachrichten der Dienststelle möglich.", 422);

    private MessageProblems() {}
}
