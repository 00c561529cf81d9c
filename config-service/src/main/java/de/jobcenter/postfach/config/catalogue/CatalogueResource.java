package de.jobcenter.postfach.config.catalogue;

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

/** The concern catalogue, for staff configuring their offices. */
@Path("/api/v1/catalogue")
@RolesAllowed({
    "${postfach.config.roles.editor}",
    "${postfach.config.roles.reviewer}",
    "${postfach.config.roles.central-admin}"
})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Katalog")
public class CatalogueResource {
    public record ConcernView(
            String code,
            String label,
            ConcernKind kind,
            String redirectUrl,
            boolean paymentRelevantDefault,
            boolean alwaysOffered) {}

    @Inject
    CatalogueRepository catalogue;

    @GET
    @Operation(summary = "Die Anliegen in der Reihenfolge, in der Kundinnen und Kunden sie sehen")
    @APIResponse(responseCode = "200", description = "Der Katalog")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public List<ConcernView> list() {
        return catalogue.inOrder().stream()
                .map(c -> new ConcernView(
                        c.code, c.label, c.kind, c.redirectUrl, c.paymentRelevantDefault, c.alwaysOffered))
                .toList();
    }
}
