package de.jobcenter.postfach.config.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.kit.problem.CommonProblems;
import de.jobcenter.postfach.kit.problem.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request whose declared body is larger than {@code quarkus.http.limits.max-body-size} with a 413 problem
 * document. Vert.x would refuse it itself, before JAX-RS and the problem mappers, with an empty body; this route runs
 * before Quarkus' own limit. (A chunked body without a length that grows too large still gets Vert.x's bare 413.)
 */
@ApplicationScoped
public class RequestSizeLimit {
    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    private byte[] problem;

    void register(@Observes Router router) {
        long limit = maxBodySize.asLongValue();
        try {
            problem = EventJson.mapper()
                    .writeValueAsBytes(Problem.of(
                            CommonProblems.PAYLOAD_TOO_LARGE,
                            "Eine Anfrage darf höchstens " + (limit / 1024) + " KiB groß sein."));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem document is not serialisable", e);
        }
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && isLarger(declared, maxBodySize.asLongValue())) {
            context.response()
                    .setStatusCode(CommonProblems.PAYLOAD_TOO_LARGE.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(Buffer.buffer(problem));
            return;
        }
        context.next();
    }

    private static boolean isLarger(String contentLength, long limit) {
        try {
            return Long.parseLong(contentLength.trim()) > limit;
        } catch (NumberFormatException e) {
            return true; // an unreadable length is refused like an oversized one
        }
    }
}
