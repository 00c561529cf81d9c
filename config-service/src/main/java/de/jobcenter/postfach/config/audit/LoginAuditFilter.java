package de.jobcenter.postfach.config.audit;

import de.jobcenter.postfach.config.access.CurrentStaff;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Records a member of staff's login in the audit trail: the first authenticated API call of each token (its
 * {@code jti}; a session id {@code sid} or a hash of the token when there is none). See ADR-notes.md.
 */
public class LoginAuditFilter {
    @Inject
    JsonWebToken token;

    @Inject
    CurrentStaff staff;

    @Inject
    AuditTrail audit;

    @ServerRequestFilter
    public void recordLogin(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/") || token.getRawToken() == null || !staff.isStaff()) {
            return; // no token: refused with 401 by the security layer; customers and services do not log in here
        }
        audit.recordLogin(tokenId(), staff.actor());
    }

    private String tokenId() {
        if (token.getTokenID() != null) {
            return "jti:" + token.getTokenID();
        }
        Object sid = token.getClaim("sid");
        if (sid != null) {
            return "sid:" + sid;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(token.getRawToken().getBytes(StandardCharsets.US_ASCII));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required on every Java platform", e);
        }
    }
}
