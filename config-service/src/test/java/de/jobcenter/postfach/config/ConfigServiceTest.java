package de.jobcenter.postfach.config;

import static io.restassured.RestAssured.given;

import de.jobcenter.postfach.testing.KafkaBrokerResource;
import de.jobcenter.postfach.testing.OidcLoginServerResource;
import de.jobcenter.postfach.testing.OidcServerResource;
import de.jobcenter.postfach.testing.PostgresDatabaseResource;
import de.jobcenter.postfach.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The one set of test resources of every {@code @QuarkusTest} of this module (one Quarkus start): the real broker,
 * a fresh PostgreSQL database, the OIDC issuer of the API's bearer tokens (tenant {@code api}) and the login server
 * of the web UI's authorization-code flow (the default tenant), plus the callers of the S3 matrix.
 */
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(
        value = PostgresDatabaseResource.class,
        initArgs = @ResourceArg(name = PostgresDatabaseResource.PREFIX_ARG, value = "config"))
@QuarkusTestResource(
        value = OidcServerResource.class,
        initArgs = {
            @ResourceArg(name = OidcServerResource.AUDIENCE_ARG, value = Tokens.STAFF_AUDIENCE),
            @ResourceArg(name = OidcServerResource.TENANTS_ARG, value = "api")
        })
@QuarkusTestResource(OidcLoginServerResource.class)
public abstract class ConfigServiceTest {
    protected static final String EDITOR = "config-editor";
    protected static final String REVIEWER = "config-reviewer";
    protected static final String CENTRAL_ADMIN = "central-admin";

    protected static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** A fresh office id, so tests sharing the database never meet. */
    protected static String newOfficeId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
    }

    protected static String admin() {
        return Tokens.staff("admin-zentrale").roles(CENTRAL_ADMIN).sign();
    }

    protected static String admin(String user) {
        return Tokens.staff(user).roles(CENTRAL_ADMIN).sign();
    }

    protected static String editor(String user, String... offices) {
        return Tokens.staff(user).roles(EDITOR).offices(offices).sign();
    }

    protected static String reviewer(String user, String... offices) {
        return Tokens.staff(user).roles(REVIEWER).offices(offices).sign();
    }

    protected static String editorAndReviewer(String user, String... offices) {
        return Tokens.staff(user).roles(EDITOR, REVIEWER).offices(offices).sign();
    }

    protected static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** Creates a job centre as a central administrator; returns its id. */
    protected static String createJobcenter(String prefix) {
        String id = newOfficeId(prefix);
        createOffice(id, "JOBCENTER", null);
        return id;
    }

    /** The editor of an office in these tests (their own token per call). */
    protected static String editorOf(String officeId) {
        return editor("ed-" + officeId, officeId);
    }

    /** The reviewer of an office in these tests. */
    protected static String reviewerOf(String officeId) {
        return reviewer("rv-" + officeId, officeId);
    }

    /** Saves the office's editor's draft; returns the change id. */
    protected static String saveDraft(String officeId, TestData.Configuration configuration) {
        return as(editorOf(officeId))
                .body(configuration.body())
                .put("/api/v1/offices/" + officeId + "/change")
                .then()
                .statusCode(201)
                .extract()
                .path("changeId");
    }

    protected static void submit(String officeId, String changeId) {
        as(editorOf(officeId))
                .post("/api/v1/offices/" + officeId + "/changes/" + changeId + "/submit")
                .then()
                .statusCode(200);
    }

    /** A change drafted, submitted and approved by a second person; returns its id. */
    protected static String approvedChange(String officeId, TestData.Configuration configuration) {
        String changeId = saveDraft(officeId, configuration);
        submit(officeId, changeId);
        as(reviewerOf(officeId))
                .post("/api/v1/offices/" + officeId + "/changes/" + changeId + "/approve")
                .then()
                .statusCode(200)
                .body("state", org.hamcrest.Matchers.equalTo("APPROVED"));
        return changeId;
    }

    /** A central administrator's "roll out now". */
    protected static io.restassured.response.ValidatableResponse rollOutNow() {
        return as(admin()).post("/api/v1/rollouts").then().statusCode(200);
    }

    protected static void createOffice(String officeId, String type, Map<String, Object> contract) {
        TestData.Office office = TestData.office(officeId, type);
        if (contract != null) {
            office.contract(contract);
        }
        as(admin()).body(office.body()).post("/api/v1/offices").then().statusCode(201);
    }
}
