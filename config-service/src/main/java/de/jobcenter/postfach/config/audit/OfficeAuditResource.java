package de.jobcenter.postfach.config.audit;

import de.jobcenter.postfach.config.access.CurrentStaff;
import de.jobcenter.postfach.config.office.OfficeLookup;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Reading one office's audit trail (its staff and central administrators); there is no way to change it. */
@Path("/api/v1/offices/{officeId}/audit")
@RolesAllowed({
    "${postfach.config.roles.editor}",
    "${postfach.config.roles.reviewer}",
    "${postfach.config.roles.central-admin}"
})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Protokoll")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "400", ref = "BadRequest")
public class OfficeAuditResource {
    @Inject
    AuditTrail audit;

    @Inject
    OfficeLookup lookup;

    @Inject
    CurrentStaff staff;

    @GET
    @Operation(summary = "Das Protokoll einer Dienststelle (ihre Beschäftigten und die zentrale Administration)")
    @APIResponse(responseCode = "200", description = "Eine Seite Protokolleinträge, neueste zuerst")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public AuditResource.Page office(
            @PathParam("officeId") String officeId,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        AuditResource.checkPaging(page, size);
        return QuarkusTransaction.requiringNew().call(() -> {
            lookup.visible(staff.member(), officeId);
            return new AuditResource.Page(audit.entries(officeId, page, size), page, size, audit.count(officeId));
        });
    }
}
