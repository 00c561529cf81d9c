package de.jobcenter.postfach.config.version;

import de.jobcenter.postfach.config.access.CurrentStaff;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The history of an office's versions and the routing preview. */
@Path("/api/v1/offices/{officeId}")
@RolesAllowed({
    "${postfach.config.roles.editor}",
    "${postfach.config.roles.reviewer}",
    "${postfach.config.roles.central-admin}"
})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Versionen und Vorschau")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "404", ref = "NotFound")
public class HistoryResource {
    @Inject
    VersionService versions;

    @Inject
    CurrentStaff staff;

    @GET
    @Path("/versions")
    @Operation(summary = "Alle Versionen, neueste zuerst: wer schrieb, wer prüfte, wann, was sich änderte")
    @APIResponse(responseCode = "200", description = "Die Versionsgeschichte")
    public List<VersionViews.Summary> history(@PathParam("officeId") String officeId) {
        return versions.history(staff.member(), officeId);
    }

    @GET
    @Path("/versions/{version}")
    @Operation(summary = "Eine Version mit ihren Stammdaten und ihrer Konfiguration")
    @APIResponse(responseCode = "200", description = "Die Version")
    public VersionViews.Detail version(@PathParam("officeId") String officeId, @PathParam("version") long version) {
        return versions.version(staff.member(), officeId, version);
    }

    @GET
    @Path("/preview")
    @Operation(
            summary = "Vorschau: „Eine Nachricht mit dem Anliegen X an diese Dienststelle ginge an …“",
            description = "Für die aktive und, falls vorhanden, die ausstehende Konfiguration; mit Ausweichroute und"
                    + " Online-Strecken.")
    @APIResponse(responseCode = "200", description = "Die Vorschau")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public VersionViews.Preview preview(
            @PathParam("officeId") String officeId,
            @Parameter(description = "Nur dieses Anliegen (Code aus dem Katalog); ohne: alle") @QueryParam("concern")
                    String concern) {
        return versions.preview(staff.member(), officeId, concern);
    }
}
