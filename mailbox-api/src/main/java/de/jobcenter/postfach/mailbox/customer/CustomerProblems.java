package de.jobcenter.postfach.mailbox.customer;

import de.jobcenter.postfach.kit.problem.ProblemType;

/** Problems of the customer's profile. */
public final class CustomerProblems {
    public static final ProblemType NO_VERIFIED_EMAIL = new ProblemType(
            "no-verified-email", "Für Info-E-Mails ist eine bestätigte E-Mail-Adresse erforderlich.", 422);

    private CustomerProblems() {}
}
