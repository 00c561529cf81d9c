package de.jobcenter.postfach.config;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.OfficeConfigurationActivated;
import de.jobcenter.postfach.contracts.RouteRef;
import de.jobcenter.postfach.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bootstrap snapshot for routing-service and mailbox-api. */
@QuarkusTest
class SnapshotTest extends ConfigServiceTest {
    private static final String SNAPSHOT = "/internal/v1/active-configuration";

    private static String serviceToken(String... roles) {
        return Tokens.serviceClient("routing-service")
                .audience(Tokens.STAFF_AUDIENCE)
                .roles(roles)
                .sign();
    }

    @Test
    void aServiceClientWithTheRoleReadsEveryOfficesActiveConfigurationAsPublished() throws IOException {
        String first = createJobcenter("JC-SNAP");
        String second = createJobcenter("JC-SNAP");
        approvedChange(second, TestData.configuration().outlook("RENT_AND_HEATING", "kdu@jobcenter-ge.de"));
        rollOutNow();

        byte[] body = given().auth()
                .oauth2(serviceToken("config-snapshot-reader"))
                .get(SNAPSHOT)
                .then()
                .statusCode(200)
                .contentType("application/json")
                .extract()
                .asByteArray();
        List<OfficeConfigurationActivated> offices =
                EventJson.mapper().readValue(body, new TypeReference<List<OfficeConfigurationActivated>>() {});

        assertThat(offices)
                .extracting(OfficeConfigurationActivated::officeId)
                .contains(first, second)
                .isSorted();
        OfficeConfigurationActivated changed = offices.stream()
                .filter(o -> o.officeId().equals(second))
                .findFirst()
                .orElseThrow();
        assertThat(changed.version()).isEqualTo(2);
        assertThat(changed.concerns()).hasSize(10);
        assertThat(changed.concern("RENT_AND_HEATING").orElseThrow().route())
                .isEqualTo(RouteRef.outlook(second, "kdu@jobcenter-ge.de"));
        assertThat(changed.outlookMailboxes()).containsExactly("kdu@jobcenter-ge.de");
        assertThat(offices.stream()
                        .filter(o -> o.officeId().equals(first))
                        .findFirst()
                        .orElseThrow()
                        .version())
                .isEqualTo(1);
    }

    @Test
    void aServiceClientWithoutTheRoleIsForbiddenAndNoTokenIsUnauthorized() {
        given().auth()
                .oauth2(serviceToken("eakte-client"))
                .get(SNAPSHOT)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(serviceToken()).get(SNAPSHOT).then().statusCode(403);
        given().get(SNAPSHOT).then().statusCode(401).contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.serviceClient("routing-service")
                        .roles("config-snapshot-reader")
                        .sign())
                .get(SNAPSHOT)
                .then()
                .statusCode(401);
    }
}
