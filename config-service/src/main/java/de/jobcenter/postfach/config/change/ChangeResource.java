package de.jobcenter.postfach.config.change;

import de.jobcenter.postfach.config.access.CurrentStaff;
import de.jobcenter.postfach.config.rules.OfficeConfiguration;
import de.jobcenter.postfach.kit.problem.CommonProblems;
import de.jobcenter.postfach.kit.problem.ProblemException;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The change workflow of an office's configuration. */
@Path("/api/v1/offices/{officeId}")
@RolesAllowed({
    "${postfach.config.roles.editor}",
    "${postfach.config.roles.reviewer}",
    "${postfach.config.roles.central-admin}"
})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Änderungen")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class ChangeResource {
    @Inject
    ChangeService changes;

    @Inject
    CurrentStaff staff;

    @GET
    @Path("/change")
    @Operation(summary = "Die offene Änderung der Dienststelle, mit Unterschieden zur aktiven Konfiguration")
    @APIResponse(responseCode = "200", description = "Die offene Änderung")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public ChangeViews.Detail open(@PathParam("officeId") String officeId) {
        return changes.openChange(staff.member(), officeId)
                .orElseThrow(() -> new ProblemException(
                        CommonProblems.NOT_FOUND, "Diese Dienststelle hat keine offene Änderung."));
    }

    @PUT
    @Path("/change")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Entwurf speichern: anlegen, wenn es keine offene Änderung gibt, sonst den eigenen Entwurf"
                    + " (oder die eigene abgelehnte Änderung) überarbeiten",
            description = "Der Inhalt ist die ganze Konfiguration (Ausweichroute, Prüfpflicht, alle Anliegen des"
                    + " Katalogs). Alle Plausibilitätsfehler kommen auf einmal, je Feld mit deutscher Meldung;"
                    + " gespeichert wird dann nichts.")
    @APIResponse(responseCode = "201", description = "Entwurf angelegt")
    @APIResponse(responseCode = "200", description = "Entwurf überarbeitet")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response saveDraft(
            @PathParam("officeId") String officeId, OfficeConfiguration proposal, @Context UriInfo uri) {
        ChangeService.Saved saved = changes.saveDraft(staff.member(), officeId, proposal);
        if (saved.created()) {
            return Response.created(uri.getBaseUriBuilder()
                            .path("api/v1/offices/{officeId}/changes/{changeId}")
                            .build(officeId, saved.change().changeId()))
                    .entity(saved.change())
                    .build();
        }
        return Response.ok(saved.change()).build();
    }

    @GET
    @Path("/changes")
    @Operation(summary = "Alle Änderungen der Dienststelle, neueste zuerst")
    @APIResponse(responseCode = "200", description = "Die Änderungen")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public List<ChangeViews.Summary> list(@PathParam("officeId") String officeId) {
        return changes.ofOffice(staff.member(), officeId);
    }

    @GET
    @Path("/changes/{changeId}")
    @Operation(summary = "Eine Änderung mit Inhalt, Prüfungen, Rückstellungsgründen und Unterschieden")
    @APIResponse(responseCode = "200", description = "Die Änderung")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public ChangeViews.Detail get(@PathParam("officeId") String officeId, @PathParam("changeId") UUID changeId) {
        return changes.get(staff.member(), officeId, changeId);
    }

    @GET
    @Path("/changes/{changeId}/diff")
    @Operation(summary = "Unterschiede der Änderung zur aktiven Konfiguration, Feld für Feld")
    @APIResponse(responseCode = "200", description = "Die Unterschiede")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public ChangeViews.Diff diff(@PathParam("officeId") String officeId, @PathParam("changeId") UUID changeId) {
        return changes.diff(staff.member(), officeId, changeId);
    }

    @POST
    @Path("/changes/{changeId}/submit")
    @Operation(
            summary = "Zur Prüfung einreichen (nur wer die Änderung verfasst hat)",
            description = "Verlangt die Dienststelle keine Prüfung durch eine zweite Person, ist die Änderung damit"
                    + " freigegeben.")
    @APIResponse(responseCode = "200", description = "Eingereicht (SUBMITTED) oder freigegeben (APPROVED)")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public ChangeViews.Detail submit(@PathParam("officeId") String officeId, @PathParam("changeId") UUID changeId) {
        return changes.submit(staff.member(), officeId, changeId);
    }

    @POST
    @Path("/changes/{changeId}/approve")
    @Operation(summary = "Freigeben (eine zweite Person mit Prüfrolle; nie die eigene Änderung)")
    @APIResponse(responseCode = "200", description = "Freigegeben; wirksam beim nächsten Rollout")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public ChangeViews.Detail approve(@PathParam("officeId") String officeId, @PathParam("changeId") UUID changeId) {
        return changes.approve(staff.member(), officeId, changeId);
    }

    @POST
    @Path("/changes/{changeId}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ablehnen, mit Begründung (eine zweite Person mit Prüfrolle)")
    @APIResponse(responseCode = "200", description = "Abgelehnt; zurück bei der Person, die sie verfasst hat")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public ChangeViews.Detail reject(
            @PathParam("officeId") String officeId,
            @PathParam("changeId") UUID changeId,
            ChangeViews.Rejection rejection) {
        return changes.reject(staff.member(), officeId, changeId, rejection == null ? null : rejection.reason());
    }

    @POST
    @Path("/changes/{changeId}/withdraw")
    @Operation(summary = "Zurückziehen (nur wer die Änderung verfasst hat; bis sie aktiv ist)")
    @APIResponse(responseCode = "200", description = "Zurückgezogen")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public ChangeViews.Detail withdraw(@PathParam("officeId") String officeId, @PathParam("changeId") UUID changeId) {
        return changes.withdraw(staff.member(), officeId, changeId);
    }
}
