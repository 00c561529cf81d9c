package de.jobcenter.postfach.config.web;

import de.jobcenter.postfach.kit.problem.ProblemType;

/** The problems only the web UI has. */
final class WebProblems {
    /** A form sent without the CSRF token of its page, or with another one (an old page, another site). */
    static final ProblemType FORM_NOT_TRUSTED = new ProblemType(
            "form-not-trusted",
            "Das Formular wurde nicht angenommen: Es stammt nicht aus dieser Sitzung oder ist abgelaufen.",
            403);

    private WebProblems() {}
}
