package de.jobcenter.postfach.config.publication;

import de.jobcenter.postfach.config.catalogue.Catalogue;
import de.jobcenter.postfach.config.catalogue.CatalogueRepository;
import de.jobcenter.postfach.config.version.OfficeVersionRepository;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.OfficeConfigurationActivated;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The active configuration of every office, exactly as published (OfficeConfigurationActivated, event JSON), for the
 * bootstrap of routing-service and mailbox-api. Service clients only.
 */
@Path("/internal/v1/active-configuration")
@RolesAllowed("${postfach.config.roles.snapshot-reader}")
@Tag(name = "Intern")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class SnapshotResource {
    @Inject
    OfficeVersionRepository versions;

    @Inject
    CatalogueRepository catalogue;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Aktive Konfiguration aller Dienststellen (Bestand für Replikate)")
    @APIResponse(
            responseCode = "200",
            description = "Ein JSON-Array von OfficeConfigurationActivated, nach Dienststelle sortiert",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema =
                                    @Schema(
                                            type = SchemaType.ARRAY,
                                            implementation = OfficeConfigurationActivated.class)))
    public Response snapshot() {
        List<OfficeConfigurationActivated> events = QuarkusTransaction.requiringNew()
                .call(() -> {
                    Catalogue cat = catalogue.catalogue();
                    return versions.activeVersions().stream()
                            .map(v -> ActivatedEventMapper.toEvent(v, cat))
                            .toList();
                });
        try {
            return Response.ok(EventJson.mapper().writeValueAsBytes(events), MediaType.APPLICATION_JSON_TYPE)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
