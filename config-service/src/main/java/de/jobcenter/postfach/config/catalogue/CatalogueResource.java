package de.jobcenter.postfach.config.catalogue;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The concern catalogue, for staff configuring their offices. */
@Path("/api/v1/catalogue")
@RolesAllowed({
    "${postfach.config.roles.editor}",
    "${postfach.config.roles.reviewer}",
    "${postfach.config.roles.central-admin}"
})
@Produces(MediaType.APPLICATION_JSON)
public class CatalogueResource {
    public record ConcernView(
            String code,
            String label,
            Concern.Kind kind,
            String redirectUrl,
            boolean paymentRelevantDefault,
            boolean alwaysOffered) {}

    @Inject
    CatalogueRepository catalogue;

    @GET
    public List<ConcernView> list() {
        return catalogue.inOrder().stream()
                .map(c -> new ConcernView(
                        c.code, c.label, c.kind, c.redirectUrl, c.paymentRelevantDefault, c.alwaysOffered))
                .toList();
    }
}
