package de.jobcenter.postfach.mailbox.idempotency;

import de.jobcenter.postfach.kit.problem.ProblemType;

/** Problems of a retried write with an {@code Idempotency-Key}. */
public final class IdempotencyProblems {
    public static final ProblemType KEY_REUSED =
            new ProblemType("idempotency-key-reused", "Dieser Idempotency-Key gehört zu einer anderen Anfrage.", 422);
    public static final ProblemType KEY_IN_FLIGHT = new ProblemType(
            "idempotency-key-in-flight", "Eine Anfrage mit diesem Idempotency-Key wird noch bearbeitet.", 409);

    private IdempotencyProblems() {}
}
