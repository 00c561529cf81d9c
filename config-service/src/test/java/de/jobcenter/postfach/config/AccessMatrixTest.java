package de.jobcenter.postfach.config;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import de.jobcenter.postfach.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * S3 and the token checks, for every endpoint: no token → 401 (never a redirect); a customer token of the same issuer,
 * an editor of another office, an editor approving, a reviewer approving their own change, a central administrator on
 * a job centre's configuration → 403; nothing changes.
 */
@QuarkusTest
class AccessMatrixTest extends ConfigServiceTest {
    private String officeB;
    private String changeB;

    private record Call(String method, String path, Object body) {
        Response send(RequestSpecification spec) {
            RequestSpecification request = spec.redirects().follow(false).contentType(ContentType.JSON);
            if (body != null) {
                request = request.body(body);
            }
            return request.request(method, path);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @BeforeEach
    void officeBWithASubmittedChange() {
        officeB = createJobcenter("JC-B");
        changeB = saveDraft(officeB, TestData.configuration().outlook("COPY_REQUEST", "kdu@jobcenter-ge.de"));
        submit(officeB, changeB);
    }

    /** Every endpoint that names an office (office B). */
    private List<Call> officeEndpoints() {
        String office = "/api/v1/offices/" + officeB;
        String change = office + "/changes/" + changeB;
        return List.of(
                new Call("GET", office, null),
                new Call(
                        "PUT",
                        office,
                        TestData.office(officeB, "JOBCENTER")
                                .set("suspended", true)
                                .masterData()),
                new Call("GET", office + "/configuration", null),
                new Call("GET", office + "/change", null),
                new Call("PUT", office + "/change", TestData.configuration().body()),
                new Call("GET", office + "/changes", null),
                new Call("GET", change, null),
                new Call("GET", change + "/diff", null),
                new Call("POST", change + "/submit", null),
                new Call("POST", change + "/approve", null),
                new Call("POST", change + "/reject", Map.of("reason", "Nein.")),
                new Call("POST", change + "/withdraw", null),
                new Call("GET", office + "/versions", null),
                new Call("GET", office + "/versions/1", null),
                new Call("GET", office + "/preview", null),
                new Call("GET", office + "/audit", null));
    }

    /** Every endpoint that names no office. */
    private List<Call> globalEndpoints() {
        return List.of(
                new Call("GET", "/api/v1/offices", null),
                new Call(
                        "POST",
                        "/api/v1/offices",
                        TestData.office(newOfficeId("JC-NEU"), "JOBCENTER").body()),
                new Call("GET", "/api/v1/catalogue", null),
                new Call("GET", "/api/v1/reviews", null),
                new Call("GET", "/api/v1/rollouts", null),
                new Call("POST", "/api/v1/rollouts", null),
                new Call("POST", "/api/v1/rollouts/republish", null),
                new Call("GET", "/api/v1/audit", null),
                new Call("GET", "/internal/v1/active-configuration", null));
    }

    private List<Call> allEndpoints() {
        List<Call> all = new ArrayList<>(officeEndpoints());
        all.addAll(globalEndpoints());
        return all;
    }

    private static void assertProblem(Call call, Response response, int status, String type) {
        assertThat(response.statusCode()).as(call.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(call.toString()).startsWith("application/problem+json");
        if (type != null) {
            assertThat(response.jsonPath().getString("type"))
                    .as(call.toString())
                    .isEqualTo("urn:postfach:problem:" + type);
        }
    }

    private void assertOfficeBUnchanged() {
        as(admin())
                .get("/api/v1/offices/" + officeB + "/changes/" + changeB)
                .then()
                .statusCode(200)
                .body("state", equalTo("SUBMITTED"))
                .body("configuration.concerns.COPY_REQUEST.channel", equalTo("OUTLOOK"));
        as(admin())
                .get("/api/v1/offices/" + officeB)
                .then()
                .body("suspended", equalTo(false))
                .body("activeVersion", equalTo(1));
    }

    @Test
    void withoutATokenEveryEndpointAnswers401AsAProblemNeverARedirect() {
        for (Call call : allEndpoints()) {
            Response response = call.send(given());
            assertProblem(call, response, 401, "unauthorized");
            assertThat(response.header("WWW-Authenticate")).as(call.toString()).startsWith("Bearer");
        }
        assertOfficeBUnchanged();
    }

    @Test
    void brokenTokensAre401() {
        Call call = new Call("GET", "/api/v1/offices", null);
        for (String token : List.of(
                Tokens.staff("u").roles(EDITOR).offices(officeB).expired().sign(),
                Tokens.staff("u")
                        .roles(EDITOR)
                        .offices(officeB)
                        .signedWithForeignKey()
                        .sign(),
                Tokens.staff("u").roles(EDITOR).offices(officeB).unsigned().sign(),
                Tokens.staff("u")
                        .roles(EDITOR)
                        .offices(officeB)
                        .signedWithPublicKeyAsHmacSecret()
                        .sign(),
                Tokens.staff("u")
                        .roles(EDITOR)
                        .offices(officeB)
                        .issuer("https://evil.example/realms/postfach")
                        .sign(),
                Tokens.staff("u")
                        .roles(EDITOR)
                        .offices(officeB)
                        .audience("postfach-mailbox")
                        .sign(),
                "not-a-jwt")) {
            assertProblem(call, call.send(given().auth().oauth2(token)), 401, "unauthorized");
        }
    }

    @Test
    void aCustomerTokenOfTheSameIssuerIsForbiddenEverywhere() {
        String customer = Tokens.customer("kundin-1")
                .acr("pin-letter-confirmed")
                .audience(Tokens.STAFF_AUDIENCE)
                .claim("offices", List.of(officeB))
                .sign();
        for (Call call : allEndpoints()) {
            assertProblem(call, call.send(given().auth().oauth2(customer)), 403, "forbidden");
        }
        assertOfficeBUnchanged();
    }

    @Test
    void anEditorAndReviewerOfOfficeAIsForbiddenOnEveryEndpointOfOfficeB() {
        String officeA = createJobcenter("JC-A");
        String staffOfA = editorAndReviewer("staff-a", officeA);
        for (Call call : officeEndpoints()) {
            Response response = call.send(given().auth().oauth2(staffOfA));
            if (call.method().equals("PUT") && !call.path().endsWith("/change")) {
                assertProblem(call, response, 403, "role-missing");
            } else {
                assertProblem(call, response, 403, "office-not-in-scope");
            }
        }
        assertOfficeBUnchanged();
    }

    @Test
    void anEditorWithoutTheReviewerRoleCannotApproveOrReject() {
        String editor = editor("ed-nur-bearbeiten", officeB);
        String change = "/api/v1/offices/" + officeB + "/changes/" + changeB;
        for (Call call : List.of(
                new Call("POST", change + "/approve", null),
                new Call("POST", change + "/reject", Map.of("reason", "Nein.")))) {
            assertProblem(call, call.send(given().auth().oauth2(editor)), 403, "role-missing");
        }
        assertOfficeBUnchanged();
    }

    @Test
    void aReviewerCannotApproveOrRejectTheirOwnChange() {
        String officeId = createJobcenter("JC-SELBST");
        String both = editorAndReviewer("anna-beides", officeId);
        String changeId = as(both).body(TestData.configuration()
                        .outlook("COPY_REQUEST", "kdu@jobcenter-ge.de")
                        .body())
                .put("/api/v1/offices/" + officeId + "/change")
                .then()
                .statusCode(201)
                .extract()
                .path("changeId");
        String change = "/api/v1/offices/" + officeId + "/changes/" + changeId;
        as(both).post(change + "/submit").then().statusCode(200);

        as(both).post(change + "/approve")
                .then()
                .statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("urn:postfach:problem:own-change"));
        as(both).body(Map.of("reason", "Doch nicht."))
                .post(change + "/reject")
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:postfach:problem:own-change"));
        // a second token of the same person is still the same person
        as(Tokens.staff("anna-beides").roles(REVIEWER).offices(officeId).sign())
                .post(change + "/approve")
                .then()
                .statusCode(403);
        as(admin()).get(change).then().body("state", equalTo("SUBMITTED"));
    }

    @Test
    void aCentralAdministratorNeverEditsOrReviewsAJobCentresConfiguration() {
        String change = "/api/v1/offices/" + officeB + "/changes/" + changeB;
        as(admin())
                .body(TestData.configuration().body())
                .put("/api/v1/offices/" + officeB + "/change")
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:postfach:problem:jobcenter-configuration-reserved"));
        as(admin())
                .post(change + "/approve")
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:postfach:problem:jobcenter-configuration-reserved"));
        as(admin())
                .body(Map.of("reason", "Nein."))
                .post(change + "/reject")
                .then()
                .statusCode(403);
        as(admin()).post(change + "/withdraw").then().statusCode(403);
        as(admin()).get(change).then().statusCode(200);
        assertOfficeBUnchanged();
    }

    @Test
    void onlyCentralAdministratorsCreateOfficesRollOutRepublishAndReadTheWholeAuditTrail() {
        String staff = editorAndReviewer("staff-b", officeB);
        for (Call call : List.of(
                new Call(
                        "POST",
                        "/api/v1/offices",
                        TestData.office(newOfficeId("JC-NEU"), "JOBCENTER").body()),
                new Call("POST", "/api/v1/rollouts", null),
                new Call("POST", "/api/v1/rollouts/republish", null),
                new Call("GET", "/api/v1/audit", null))) {
            assertProblem(call, call.send(given().auth().oauth2(staff)), 403, "role-missing");
        }
        assertOfficeBUnchanged();
    }

    @Test
    void keycloakRealmRolesAndASingleOfficeStringAreUnderstood() {
        String keycloakStyle = Tokens.staff("kc-editor")
                .roles(EDITOR)
                .without("groups")
                .claim("offices", officeB)
                .sign();
        as(keycloakStyle)
                .get("/api/v1/offices/" + officeB)
                .then()
                .statusCode(200)
                .body("permissions.editConfiguration", equalTo(true));
    }

    @Test
    void staffTokensCannotReadTheSnapshotForServices() {
        Call snapshot = new Call("GET", "/internal/v1/active-configuration", null);
        assertProblem(snapshot, snapshot.send(given().auth().oauth2(admin())), 403, "forbidden");
        assertProblem(snapshot, snapshot.send(given().auth().oauth2(editorOf(officeB))), 403, "forbidden");
    }
}
