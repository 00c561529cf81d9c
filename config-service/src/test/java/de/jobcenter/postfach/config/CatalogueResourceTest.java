package de.jobcenter.postfach.config;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import de.jobcenter.postfach.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The seeded concern catalogue, read from the real database by a signed-in staff member. */
@QuarkusTest
class CatalogueResourceTest extends ConfigServiceTest {

    @Test
    void anEditorSeesTheTenConcernsInCatalogueOrder() {
        given().auth()
                .oauth2(Tokens.staff("editor-a")
                        .roles("config-editor")
                        .offices("JC-BERLIN-MITTE")
                        .sign())
                .get("/api/v1/catalogue")
                .then()
                .statusCode(200)
                .body("", hasSize(10))
                .body(
                        "code",
                        contains(
                                "CHANGE_NOTIFICATION",
                                "CONTINUATION_APPLICATION",
                                "PROCESSING_STATUS",
                                "DEADLINE_EXTENSION",
                                "APPOINTMENT_REQUEST",
                                "COPY_REQUEST",
                                "RENT_AND_HEATING",
                                "EDUCATION_AND_PARTICIPATION",
                                "FURTHER_BENEFITS",
                                "OTHER"))
                .body("[0].kind", equalTo("ONLINE_FLOW"))
                .body("[0].paymentRelevantDefault", equalTo(true))
                .body("[9].label", equalTo("Sonstiges"))
                .body("[9].alwaysOffered", equalTo(true));
    }

    @Test
    void aCustomerTokenOfTheSameIssuerIsRefused() {
        given().auth()
                .oauth2(Tokens.customer("customer-1")
                        .acr("pin-letter-confirmed")
                        .audience(Tokens.STAFF_AUDIENCE)
                        .sign())
                .get("/api/v1/catalogue")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void withoutATokenTheApiAnswers401NotARedirect() {
        given().redirects()
                .follow(false)
                .get("/api/v1/catalogue")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }
}
