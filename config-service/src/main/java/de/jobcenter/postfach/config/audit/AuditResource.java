package de.jobcenter.postfach.config.audit;

import de.jobcenter.postfach.config.access.CurrentStaff;
import de.jobcenter.postfach.kit.problem.FieldError;
import de.jobcenter.postfach.kit.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Reading the whole audit trail (central administrators); there is no way to change it. */
@Path("/api/v1/audit")
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
public class AuditResource {
    @Inject
    AuditTrail audit;

    @Inject
    CurrentStaff staff;

    /** One page of entries, newest first. */
    public record Page(List<AuditEntry> entries, int page, int size, long total) {}

    @GET
    @Operation(summary = "Das ganze Protokoll, mit Anmeldungen und Rollouts (zentrale Administration)")
    @APIResponse(responseCode = "200", description = "Eine Seite Protokolleinträge, neueste zuerst")
    public Page all(@QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        staff.member().requireCentralAdmin();
        checkPaging(page, size);
        return QuarkusTransaction.requiringNew()
                .call(() -> new Page(audit.entries(null, page, size), page, size, audit.count(null)));
    }

    static void checkPaging(int page, int size) {
        if (page < 0 || size < 1 || size > 200) {
            throw ProblemException.validation(
                    List.of(new FieldError("size", "Seite ab 0, Seitengröße von 1 bis 200.")));
        }
    }
}
