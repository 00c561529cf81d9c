package de.jobcenter.postfach.config.rollout;

import de.jobcenter.postfach.kit.problem.ProblemType;

/** The problems of triggering rollouts. */
public final class RolloutProblems {
    public static final ProblemType ROLLOUT_RUNNING = new ProblemType(
            "rollout-running", "Gerade läuft bereits ein Rollout; bitte gleich noch einmal versuchen.", 409);

    private RolloutProblems() {}
}
