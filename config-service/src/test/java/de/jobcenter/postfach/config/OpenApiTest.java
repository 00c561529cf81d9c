package de.jobcenter.postfach.config;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every endpoint documents its status codes, with the problem documents of the refusals. */
@QuarkusTest
class OpenApiTest extends ConfigServiceTest {

    @Test
    void everyOperationDocumentsSuccess401And403AndEveryBodyA400() throws Exception {
        JsonNode api = new ObjectMapper()
                .readTree(given().queryParam("format", "json")
                        .get("/q/openapi")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
        List<String> operations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = api.get("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
            while (methods.hasNext()) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (!List.of("get", "put", "post", "delete", "patch").contains(method.getKey())) {
                    continue;
                }
                String name = method.getKey().toUpperCase() + " " + path.getKey();
                operations.add(name);
                JsonNode responses = method.getValue().get("responses");
                assertThat(responses).as(name).isNotNull();
                List<String> codes = new ArrayList<>();
                responses.fieldNames().forEachRemaining(codes::add);
                assertThat(codes).as(name).contains("401", "403").anyMatch(c -> c.startsWith("2"));
                if (method.getValue().has("requestBody")) {
                    assertThat(codes).as(name).contains("400");
                }
                assertThat(method.getValue().path("summary").asText()).as(name).isNotBlank();
            }
        }
        assertThat(operations)
                .contains(
                        "GET /api/v1/offices",
                        "POST /api/v1/offices",
                        "PUT /api/v1/offices/{officeId}/change",
                        "POST /api/v1/offices/{officeId}/changes/{changeId}/approve",
                        "GET /api/v1/offices/{officeId}/preview",
                        "GET /api/v1/offices/{officeId}/audit",
                        "POST /api/v1/rollouts",
                        "POST /api/v1/rollouts/republish",
                        "GET /internal/v1/active-configuration")
                .hasSizeGreaterThanOrEqualTo(24);
        assertThat(api.at("/components/responses/Forbidden/description").asText())
                .contains("own-change", "office-not-in-scope", "role-missing");
    }
}
