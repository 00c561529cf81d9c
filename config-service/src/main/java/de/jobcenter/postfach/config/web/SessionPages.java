package de.jobcenter.postfach.config.web;

import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Where the identity provider sends people back after logging out ({@code quarkus.oidc.logout.post-logout-path}). The
 * logout itself is {@code /abmelden} ({@code quarkus.oidc.logout.path}): Quarkus ends the session and calls the
 * provider's end-session endpoint.
 */
@Path("/abgemeldet")
@Produces(MediaType.TEXT_HTML)
public class SessionPages {
    @GET
    public TemplateInstance signedOut() {
        return Templates.signedOut(new Page("Abgemeldet", "", null, null));
    }
}
