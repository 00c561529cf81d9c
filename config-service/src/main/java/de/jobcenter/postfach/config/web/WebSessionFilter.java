package de.jobcenter.postfach.config.web;

import de.jobcenter.postfach.config.access.CurrentStaff;
import de.jobcenter.postfach.config.audit.AuditTrail;
import io.quarkus.oidc.IdToken;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Two checks on every request of the web UI.
 *
 * <ul>
 *   <li>A state-changing request must be a form ({@code application/x-www-form-urlencoded}): only forms carry the CSRF
 *       token, which the CSRF filter checks (it skips other media types so the JSON API keeps working).
 *   <li>The first request of a login session is recorded in the audit trail ({@code AuditTrail#recordLogin}), keyed by
 *       the identity provider's session id ({@code sid} of the ID token; a hash of the ID token when there is none),
 *       so a session that refreshes its tokens is still one login (ADR 8.1).
 * </ul>
 */
public class WebSessionFilter {
    private static final Set<String> SAFE_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    @Inject
    @IdToken
    JsonWebToken idToken;

    @Inject
    CurrentStaff staff;

    @Inject
    AuditTrail audit;

    @ServerRequestFilter
    public Response onlyForms(ContainerRequestContext request) {
        if (!WebPaths.isWeb(request.getUriInfo().getPath()) || SAFE_METHODS.contains(request.getMethod())) {
            return null;
        }
        MediaType type = request.getMediaType();
        if (type == null
                || !type.getType().equals("application")
                || !type.getSubtype().equals("x-www-form-urlencoded")) {
            // Rendered as the „form not trusted“ page by WebResponses.
            return Response.status(400).build();
        }
        return null;
    }

    @ServerRequestFilter
    public void recordLogin(ContainerRequestContext request) {
        if (!WebPaths.isWeb(request.getUriInfo().getPath()) || idToken.getRawToken() == null || !staff.isStaff()) {
            return;
        }
        Object sid = idToken.getClaim("sid");
        String session = sid instanceof JsonString text ? text.getString() : sid == null ? null : sid.toString();
        audit.recordLogin(
                session != null && !session.isBlank()
                        ? "web-session:" + session
                        : "web-id-token:" + sha256(idToken.getRawToken()),
                staff.actor());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required on every Java platform", e);
        }
    }
}
