package de.jobcenter.postfach.config.office;

import de.jobcenter.postfach.config.access.CurrentStaff;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Offices: the caller's list, master data (central administrators) and the active configuration. */
@Path("/api/v1/offices")
@RolesAllowed({
    "${postfach.config.roles.editor}",
    "${postfach.config.roles.reviewer}",
    "${postfach.config.roles.central-admin}"
})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dienststellen")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class OfficeResource {
    @Inject
    OfficeService offices;

    @Inject
    CurrentStaff staff;

    @GET
    @Operation(summary = "Die Dienststellen, für die die anrufende Person handelt (zentrale Administration: alle)")
    @APIResponse(responseCode = "200", description = "Die Dienststellen, nach Kennung sortiert")
    public List<OfficeViews.Summary> list() {
        return offices.list(staff.member());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Dienststelle anlegen (zentrale Administration)",
            description = "Die neue Dienststelle beginnt mit der Anfangskonfiguration (alle Nachrichten-Anliegen"
                    + " angeboten, Eingangskanal E-AKTE) als Version 1, die sofort veröffentlicht wird.")
    @APIResponse(responseCode = "201", description = "Angelegt; Location nennt die Dienststelle")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response create(OfficeViews.NewOffice input, @Context UriInfo uri) {
        OfficeViews.Detail created = offices.create(staff.member(), input);
        return Response.created(
                        uri.getBaseUriBuilder().path("api/v1/offices/{id}").build(created.officeId()))
                .entity(created)
                .build();
    }

    @GET
    @Path("/{officeId}")
    @Operation(summary = "Stammdaten, Stand von Rollout und Veröffentlichung, offene Änderung, Berechtigungen")
    @APIResponse(responseCode = "200", description = "Die Dienststelle")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public OfficeViews.Detail get(@PathParam("officeId") String officeId) {
        return offices.get(staff.member(), officeId);
    }

    @PUT
    @Path("/{officeId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Stammdaten ersetzen (zentrale Administration)",
            description =
                    "Name, Art, Aufschalttermin, Aussetzung und Service-Center-Vertrag werden mit der Konfiguration"
                            + " veröffentlicht: Ändern sie sich, entsteht eine neue Version, die sofort veröffentlicht wird"
                            + " (nicht erst beim wöchentlichen Rollout).")
    @APIResponse(responseCode = "200", description = "Die geänderte Dienststelle")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public OfficeViews.Detail update(@PathParam("officeId") String officeId, OfficeViews.MasterDataInput input) {
        return offices.update(staff.member(), officeId, input);
    }

    @GET
    @Path("/{officeId}/configuration")
    @Operation(summary = "Die aktive Konfiguration (dieselbe Form wie der Inhalt einer Änderung)")
    @APIResponse(responseCode = "200", description = "Die aktive Version und ihre Konfiguration")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public OfficeViews.ActiveConfiguration configuration(@PathParam("officeId") String officeId) {
        return offices.activeConfiguration(staff.member(), officeId);
    }
}
