package de.jobcenter.postfach.mailbox.http;

import de.jobcenter.postfach.kit.problem.ProblemType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Adds every error answer to the OpenAPI document: per operation and status, an {@code application/problem+json}
 * response whose description and {@code x-problem-types} extension list the problem type URIs, from
 * {@link ApiProblems}. Also documents the {@code Problem} schema and the bearer token.
 */
public class OpenApiProblemFilter implements OASFilter {
    static final String PROBLEM_SCHEMA = "Problem";
    static final String PROBLEM_TYPES_EXTENSION = "x-problem-types";
    private static final String PROBLEM_MEDIA_TYPE = "application/problem+json";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        components.addSchema(PROBLEM_SCHEMA, problemSchema());
        components.addSecurityScheme(
                "bearer",
                OASFactory.createSecurityScheme()
                        .type(org.eclipse.microprofile.openapi.models.security.SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")
                        .description("Zugriffstoken des Portals (OIDC): Aussteller und Zielgruppe werden geprüft, "
                                + "Sicherheitsstufe aus acr (pin-letter-confirmed oder eid)."));
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths()
                .getPathItems()
                .values()
                .forEach(path -> path.getOperations().values().forEach(this::documentProblems));
    }

    private void documentProblems(Operation operation) {
        List<ProblemType> problems = ApiProblems.of(operation.getOperationId());
        if (problems.isEmpty()) {
            return;
        }
        operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("bearer"));
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        Map<Integer, List<ProblemType>> byStatus = problems.stream()
                .collect(Collectors.groupingBy(ProblemType::status, TreeMap::new, Collectors.toList()));
        for (Map.Entry<Integer, List<ProblemType>> entry : byStatus.entrySet()) {
            responses.addAPIResponse(String.valueOf(entry.getKey()), problemResponse(entry.getKey(), entry.getValue()));
        }
    }

    private static APIResponse problemResponse(int status, List<ProblemType> types) {
        String description = types.stream()
                        .map(type -> "`" + type.uri() + "` – " + type.title())
                        .collect(Collectors.joining("; "))
                + switch (status) {
                    case 401 -> " Kein, ein abgelaufenes oder ein fremdes Token (WWW-Authenticate: Bearer).";
                    case 413 -> " Mehr als 64 KiB; abgelehnt, bevor der Inhalt gelesen wird.";
                    case 503 ->
                        " Die Datenbank ist kurz nicht erreichbar; Retry-After nennt die Sekunden bis zum "
                                + "nächsten Versuch.";
                    default -> "";
                };
        APIResponse response = OASFactory.createAPIResponse()
                .description(description)
                .content(OASFactory.createContent()
                        .addMediaType(
                                PROBLEM_MEDIA_TYPE,
                                OASFactory.createMediaType()
                                        .schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA))));
        response.addExtension(
                PROBLEM_TYPES_EXTENSION,
                types.stream().map(type -> type.uri().toString()).toList());
        if (status == 503) {
            response.addHeader(
                    "Retry-After",
                    OASFactory.createHeader()
                            .description("Sekunden bis zum nächsten Versuch")
                            .schema(OASFactory.createSchema().addType(SchemaType.INTEGER)));
        }
        return response;
    }

    private static Schema problemSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put(
                "type",
                text("Stabile Kennung des Problems, urn:postfach:problem:<slug>; danach unterscheiden")
                        .format("uri"));
        properties.put("title", text("Deutscher Titel; darf sich ändern"));
        properties.put("status", OASFactory.createSchema().addType(SchemaType.INTEGER));
        properties.put("detail", text("Deutscher Hinweis für diesen Fall; nie Inhalte der Nachricht"));
        properties.put(
                "errors",
                OASFactory.createSchema()
                        .addType(SchemaType.ARRAY)
                        .description("Bei urn:postfach:problem:validation: jedes ungültige Feld")
                        .items(OASFactory.createSchema()
                                .addType(SchemaType.OBJECT)
                                .addProperty("field", text("JSON-Name des Feldes (oder Idempotency-Key)"))
                                .addProperty("message", text("Deutscher Hinweis"))));
        properties.put("hintText", text("Bei concern-not-offered: der Hinweistext der Dienststelle"));
        properties.put("redirectUrl", text("Bei concern-is-online-flow: wohin statt einer Nachricht"));
        properties.put("concern", text("Bei concern-not-offered und concern-is-online-flow: das Anliegen"));
        properties.put("officeId", text("Bei office-not-live: die Dienststelle"));
        return OASFactory.createSchema()
                .addType(SchemaType.OBJECT)
                .description("RFC 9457 Problem Details")
                .properties(properties)
                .required(List.of("type", "title", "status"));
    }

    private static Schema text(String description) {
        return OASFactory.createSchema().addType(SchemaType.STRING).description(description);
    }
}
