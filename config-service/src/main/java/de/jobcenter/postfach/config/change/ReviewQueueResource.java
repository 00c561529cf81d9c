package de.jobcenter.postfach.config.change;

import de.jobcenter.postfach.config.access.CurrentStaff;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The changes waiting for the caller's review. */
@Path("/api/v1/reviews")
@RolesAllowed({
    "${postfach.config.roles.editor}",
    "${postfach.config.roles.reviewer}",
    "${postfach.config.roles.central-admin}"
})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Änderungen")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class ReviewQueueResource {
    @Inject
    ChangeService changes;

    @Inject
    CurrentStaff staff;

    @GET
    @Operation(summary = "Eingereichte Änderungen, die die anrufende Person prüfen darf (nie eigene), älteste zuerst")
    @APIResponse(responseCode = "200", description = "Die Prüfliste")
    public List<ChangeViews.Summary> queue() {
        return changes.reviewQueue(staff.member());
    }
}
