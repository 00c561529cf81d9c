package de.jobcenter.postfach.config;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Hostile requests get a clear 4xx problem document; nothing is stored; never a 500. */
@QuarkusTest
class HostileInputTest extends ConfigServiceTest {

    @Test
    void anOversizedBodyIsRefusedWithAProblemDocument() {
        String officeId = createJobcenter("JC-GROSS");
        String huge = "{\"fallbackRoute\":{\"channel\":\"EAKTE\"},\"x\":\"" + "a".repeat(300 * 1024) + "\"}";
        given().auth()
                .oauth2(editorOf(officeId))
                .contentType(ContentType.JSON)
                .body(huge)
                .put("/api/v1/offices/" + officeId + "/change")
                .then()
                .statusCode(413)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("urn:postfach:problem:payload-too-large"));
        as(editorOf(officeId))
                .get("/api/v1/offices/" + officeId + "/change")
                .then()
                .statusCode(404);
    }

    @Test
    void invalidUtf8AndWrongMediaTypesAreBadRequests() {
        String officeId = createJobcenter("JC-KODIERUNG");
        byte[] invalid = "{\"reviewRequired\": \"\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1);
        given().auth()
                .oauth2(editorOf(officeId))
                .contentType("application/json")
                .body(invalid)
                .put("/api/v1/offices/" + officeId + "/change")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"));
        given().auth()
                .oauth2(editorOf(officeId))
                .contentType("text/plain")
                .body("reviewRequired=true")
                .put("/api/v1/offices/" + officeId + "/change")
                .then()
                .statusCode(415)
                .contentType(startsWith("application/problem+json"));
        given().auth()
                .oauth2(editorOf(officeId))
                .delete("/api/v1/offices/" + officeId)
                .then()
                .statusCode(405)
                .contentType(startsWith("application/problem+json"));
        as(editorOf(officeId))
                .get("/api/v1/offices/" + officeId + "/change")
                .then()
                .statusCode(404);
    }

    @Test
    void injectionAttemptsInIdsAndTextsAreHarmless() {
        String officeId = createJobcenter("JC-SQL");
        as(admin()).get("/api/v1/offices/' OR '1'='1").then().statusCode(404);
        as(editorOf(officeId))
                .body(TestData.configuration()
                        .outlook("COPY_REQUEST", "kdu@jobcenter-ge.de\r\nBcc: alle@jobcenter-ge.de")
                        .set("PROCESSING_STATUS", "infoText", "'; drop table audit_entry; --")
                        .body())
                .put("/api/v1/offices/" + officeId + "/change")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("concerns.COPY_REQUEST.outlookMailbox"));
        as(editorOf(officeId))
                .body(TestData.configuration()
                        .set("PROCESSING_STATUS", "infoText", "'; drop table audit_entry; --")
                        .body())
                .put("/api/v1/offices/" + officeId + "/change")
                .then()
                .statusCode(201)
                .body("configuration.concerns.PROCESSING_STATUS.infoText", equalTo("'; drop table audit_entry; --"));
        as(editorOf(officeId))
                .get("/api/v1/offices/" + officeId + "/audit")
                .then()
                .statusCode(200);
    }
}
