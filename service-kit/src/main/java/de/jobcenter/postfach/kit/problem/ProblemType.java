package de.jobcenter.postfach.kit.problem;

import java.net.URI;

/**
 * A kind of problem a service answers with: a stable type URI, a German title and the HTTP status. Services
 * declare their own types beside the common ones in {@link CommonProblems}.
 */
public record ProblemType(String slug, String title, int status) {

    /** Every problem type URI starts with this: stable, and not tied to a host. */
    public static final String TYPE_BASE = "urn:postfach:problem:";

    public URI uri() {
        return URI.create(TYPE_BASE + slug);
    }
}
