package de.jobcenter.postfach.kit.adapter;

import de.jobcenter.postfach.kit.problem.CommonProblems;
import de.jobcenter.postfach.kit.problem.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Answers a request whose declared body is larger than the service takes with a problem document, before Vert.x
 * would answer a bare 413 (JAX-RS never sees such a request, so the problem mappers cannot). An adapter installs it
 * from an observer of Quarkus' {@link Router}: {@code void init(@Observes Router router) { install(router, max); }}.
 */
public final class OversizeRequests {
    private static final String BODY = "{\"type\":\"" + CommonProblems.PAYLOAD_TOO_LARGE.uri() + "\",\"title\":\""
            + CommonProblems.PAYLOAD_TOO_LARGE.title() + "\",\"status\":413}";

    private OversizeRequests() {}

    /** @param maxBodyBytes the service's {@code quarkus.http.limits.max-body-size} */
    public static void install(Router router, long maxBodyBytes) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && isLarger(length, maxBodyBytes)) {
                context.response()
                        .setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(BODY);
                return;
            }
            context.next();
        });
    }

    private static boolean isLarger(String contentLength, long max) {
        try {
            return Long.parseLong(contentLength.trim()) > max;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
