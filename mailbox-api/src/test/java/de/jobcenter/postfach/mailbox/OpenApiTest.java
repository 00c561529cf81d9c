package de.jobcenter.postfach.mailbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OpenAPI document at {@code /q/openapi} documents every status code and problem type of every endpoint. */
@QuarkusTest
class OpenApiTest extends MailboxApiTest {
    private static final String P = "urn:postfach:problem:";

    /** The design's table, plus what every operation and every operation with a body can answer. */
    private static final Map<String, Map<String, List<String>>> EXPECTED = Map.ofEntries(
            Map.entry("GET /api/v1/me", Map.of("200", List.of())),
            Map.entry(
                    "PUT /api/v1/me/notifications",
                    Map.of("200", List.of(), "422", List.of("no-verified-email"), "400", List.of("validation"))),
            Map.entry("GET /api/v1/offices", Map.of("200", List.of(), "400", List.of("validation"))),
            Map.entry(
                    "GET /api/v1/offices/{officeId}/concerns",
                    Map.of("200", List.of(), "404", List.of("office-not-found"))),
            Map.entry(
                    "POST /api/v1/messages",
                    Map.of(
                            "201", List.of(),
                            "400", List.of("validation", "malformed-request"),
                            "404", List.of("office-not-found"),
                            "409", List.of("idempotency-key-in-flight"),
                            "422",
                                    List.of(
                                            "concern-not-offered",
                                            "concern-is-online-flow",
                                            "office-not-live",
                                            "idempotency-key-reused"))),
            Map.entry("GET /api/v1/messages", Map.of("200", List.of(), "400", List.of("validation"))),
            Map.entry("GET /api/v1/messages/unread-count", Map.of("200", List.of())),
            Map.entry("GET /api/v1/messages/{id}", Map.of("200", List.of(), "404", List.of("not-found"))),
            Map.entry(
                    "POST /api/v1/messages/{id}/replies",
                    Map.of(
                            "201", List.of(),
                            "404", List.of("not-found"),
                            "409", List.of("idempotency-key-in-flight"),
                            "422", List.of("not-a-staff-message", "idempotency-key-reused"))),
            Map.entry("DELETE /api/v1/messages/{id}", Map.of("204", List.of(), "404", List.of("not-found"))),
            Map.entry("GET /api/v1/conversations/{id}", Map.of("200", List.of(), "404", List.of("not-found"))));

    private static final Map<String, List<String>> EVERY_OPERATION = Map.of(
            "401", List.of("unauthorized"),
            "403", List.of("insufficient-level-of-assurance"),
            "406", List.of("not-acceptable"),
            "500", List.of("internal"),
            "503", List.of("service-unavailable"));

    private static final Map<String, List<String>> WITH_BODY = Map.of(
            "400", List.of("validation", "malformed-request"),
            "413", List.of("payload-too-large"),
            "415", List.of("unsupported-media-type"));

    @Test
    @SuppressWarnings("unchecked")
    void everyOperationDocumentsEveryStatusCodeAndProblemType() {
        Map<String, Object> document = given().accept(ContentType.JSON)
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .as(Map.class);
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");
        Map<String, Map<String, Object>> operations = new HashMap<>();
        paths.forEach((path, methods) -> methods.forEach((method, operation) -> {
            if (path.startsWith("/api/")) {
                operations.put(method.toUpperCase() + " " + path, (Map<String, Object>) operation);
            }
        }));
        assertThat(operations.keySet()).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());

        EXPECTED.forEach((operationKey, own) -> {
            Map<String, Object> responses =
                    (Map<String, Object>) operations.get(operationKey).get("responses");
            Map<String, List<String>> expected = new HashMap<>(EVERY_OPERATION);
            if (operationKey.startsWith("POST") || operationKey.startsWith("PUT")) {
                WITH_BODY.forEach((status, types) -> expected.merge(status, types, OpenApiTest::union));
            }
            own.forEach((status, types) -> expected.merge(status, types, OpenApiTest::union));
            assertThat(responses.keySet()).as(operationKey).containsAll(expected.keySet());
            expected.forEach((status, types) -> {
                Map<String, Object> response = (Map<String, Object>) responses.get(status);
                assertThat(response.get("description"))
                        .as(operationKey + " " + status)
                        .isNotNull();
                if (!types.isEmpty()) {
                    List<String> documented = (List<String>) response.get("x-problem-types");
                    assertThat(documented)
                            .as(operationKey + " " + status)
                            .containsAll(types.stream().map(t -> P + t).toList());
                    Map<String, Object> content = (Map<String, Object>) response.get("content");
                    assertThat(content).containsKey("application/problem+json");
                    types.forEach(t ->
                            assertThat((String) response.get("description")).contains(P + t));
                }
            });
        });
        Map<String, Object> schemas =
                (Map<String, Object>) ((Map<String, Object>) document.get("components")).get("schemas");
        assertThat(schemas).containsKey("Problem");
    }

    private static List<String> union(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).distinct().toList();
    }
}
