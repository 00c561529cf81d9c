package de.jobcenter.postfach.mailbox.office;

import de.jobcenter.postfach.kit.problem.FieldError;
import de.jobcenter.postfach.kit.problem.ProblemException;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The offices a customer can write to, and the concern catalogue as each one offers it. */
@Path("/api/v1/offices")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dienststellen")
public class OfficeResource {
    private static final int QUERY_MAX = 100;

    @Inject
    OfficeDirectory offices;

    @GET
    @Operation(
            operationId = "searchOffices",
            summary = "Dienststellen, an die geschrieben werden kann (aufgeschaltet und nicht gesperrt)")
    @APIResponse(
            responseCode = "200",
            description = "Die passenden Dienststellen, nach Namen sortiert",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OfficeViews.Office.class, type = SchemaType.ARRAY)))
    public List<OfficeViews.Office> search(
            @Parameter(description = "Teil des Namens oder der Kennung, ohne Groß-/Kleinschreibung; leer: alle")
                    @QueryParam("q")
                    String query) {
        if (query != null
                && (query.codePointCount(0, query.length()) > QUERY_MAX
                        || query.codePoints().anyMatch(Character::isISOControl))) {
            throw ProblemException.validation(
                    List.of(new FieldError("q", "Höchstens " + QUERY_MAX + " Zeichen, keine Steuerzeichen.")));
        }
        return offices.searchLive(query).stream().map(OfficeViews.Office::of).toList();
    }

    @GET
    @Path("/{officeId}/concerns")
    @Operation(operationId = "officeConcerns", summary = "Der Anliegen-Katalog, wie diese Dienststelle ihn anbietet")
    @APIResponse(
            responseCode = "200",
            description = "Die Anliegen in Katalogreihenfolge",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OfficeViews.Concern.class, type = SchemaType.ARRAY)))
    public List<OfficeViews.Concern> concerns(@PathParam("officeId") String officeId) {
        return offices
                .findLive(officeId)
                .orElseThrow(() -> new ProblemException(OfficeProblems.OFFICE_NOT_FOUND, null))
                .concerns()
                .stream()
                .map(OfficeViews.Concern::of)
                .toList();
    }
}
