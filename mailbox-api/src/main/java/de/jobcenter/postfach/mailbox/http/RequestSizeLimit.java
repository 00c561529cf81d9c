package de.jobcenter.postfach.mailbox.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.jobcenter.postfach.kit.problem.CommonProblems;
import de.jobcenter.postfach.kit.problem.Problem;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses request bodies over {@code quarkus.http.limits.max-body-size} (64 KiB) with a 413 problem document before
 * anything parses them. Vert.x would answer these itself, before JAX-RS and its exception mapper, with an empty
 * body; this route runs first. A declared {@code Content-Length} over the limit is refused at once; a chunked body
 * is read here, counted, and handed on as the request body while it stays within the limit. The rest of a refused
 * body is read and dropped, so the connection stays usable, unless it is much larger, when the connection is closed.
 */
@ApplicationScoped
public class RequestSizeLimit {
    /** Before Quarkus' own upload-limit route, which would answer without a body. */
    static final int ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1;

    /** How much of a refused body is read and dropped before the connection is closed instead. */
    private static final long DRAIN_MAX = 1024 * 1024;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    @Inject
    ObjectMapper json;

    void register(@Observes Router router) {
        router.route("/api/*").order(ORDER).handler(this::handle);
    }

    private void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        long limit = maxBodySize.asLongValue();
        String declared = request.getHeader(HttpHeaderNames.CONTENT_LENGTH);
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                length = Long.MAX_VALUE;
            }
            if (length > limit) {
                refuse(context, limit);
                return;
            }
            context.next();
            return;
        }
        String transferEncoding = request.getHeader(HttpHeaderNames.TRANSFER_ENCODING);
        if (transferEncoding == null || request.isEnded()) {
            context.next(); // no body
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        request.handler(chunk -> {
            if (refused[0]) {
                return; // the drain set up by refuse() reads the rest
            }
            if ((long) body.length() + chunk.length() > limit) {
                refused[0] = true;
                refuse(context, limit);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(ended -> {
            if (!refused[0]) {
                context.setBody(body);
                context.next();
            }
        });
        request.resume();
    }

    private void refuse(RoutingContext context, long limit) {
        HttpServerRequest request = context.request();
        HttpServerResponse response = context.response();
        boolean expectsContinue = HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(
                String.valueOf(request.getHeader(HttpHeaderNames.EXPECT)));
        byte[] problem;
        try {
            problem = json.writeValueAsBytes(Problem.of(
                    CommonProblems.PAYLOAD_TOO_LARGE,
                    "Eine Anfrage darf höchstens " + (limit / 1024) + " KiB groß sein."));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem document is not serialisable", e);
        }
        response.setStatusCode(CommonProblems.PAYLOAD_TOO_LARGE.status())
                .putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (expectsContinue) {
            // The client waits for "100 Continue" and will not send the body: this connection cannot be reused.
            response.putHeader(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            response.end(Buffer.buffer(problem))
                    .onComplete(done -> request.connection().close());
            return;
        }
        long[] drained = {0};
        request.handler(chunk -> {
            drained[0] += chunk.length();
            if (drained[0] > DRAIN_MAX) {
                request.connection().close();
            }
        });
        request.endHandler(ended -> {});
        request.exceptionHandler(failure -> {});
        response.end(Buffer.buffer(problem));
        request.resume();
    }
}
