package de.jobcenter.postfach.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import de.jobcenter.postfach.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** History of versions, the routing preview, and the append-only audit trail. */
@QuarkusTest
class HistoryPreviewAuditTest extends ConfigServiceTest {
    @Inject
    AgroalDataSource dataSource;

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void aVersionShowsTheConfigurationItHad() {
        String officeId = createJobcenter("JC-VERSION");
        approvedChange(officeId, TestData.configuration().outlook("COPY_REQUEST", "kdu@jobcenter-ge.de"));
        rollOutNow();
        as(editorOf(officeId))
                .get("/api/v1/offices/" + officeId + "/versions/1")
                .then()
                .statusCode(200)
                .body("kind", equalTo("INITIAL"))
                .body("configuration.concerns.COPY_REQUEST.channel", equalTo("EAKTE"));
        as(editorOf(officeId))
                .get("/api/v1/offices/" + officeId + "/versions/2")
                .then()
                .statusCode(200)
                .body("kind", equalTo("CHANGE"))
                .body("reviewer.id", equalTo("rv-" + officeId))
                .body("configuration.concerns.COPY_REQUEST.outlookMailbox", equalTo("kdu@jobcenter-ge.de"));
        as(editorOf(officeId))
                .get("/api/v1/offices/" + officeId + "/versions/9")
                .then()
                .statusCode(404);
    }

    @Test
    void thePreviewSaysWhereAMessageWouldGoNowAndWithThePendingChange() {
        String officeId = createJobcenter("JC-VORSCHAU");
        saveDraft(
                officeId,
                TestData.configuration()
                        .outlook("RENT_AND_HEATING", "kdu@jobcenter-ge.de")
                        .notOffered("CHANGE_NOTIFICATION", "Bitte Papierformular."));

        as(reviewerOf(officeId))
                .queryParam("concern", "RENT_AND_HEATING")
                .get("/api/v1/offices/" + officeId + "/preview")
                .then()
                .statusCode(200)
                .body("live", equalTo(true))
                .body("liveNote", equalTo("Die Dienststelle nimmt Nachrichten an."))
                .body("active.version", equalTo(1))
                .body("active.concerns", hasSize(1))
                .body("active.concerns[0].outcome", equalTo("MESSAGE"))
                .body("active.concerns[0].route.channel", equalTo("EAKTE"))
                .body(
                        "active.concerns[0].text",
                        equalTo("Eine Nachricht mit dem Anliegen „Fragen zu Miete und Heizkosten“ an Jobcenter Test "
                                + officeId + " ginge an die E-AKTE der Dienststelle."))
                .body("pending.state", equalTo("DRAFT"))
                .body("pending.effectiveOn", equalTo("2099-01-05"))
                .body("pending.concerns[0].route.channel", equalTo("OUTLOOK"))
                .body("pending.concerns[0].route.outlookMailbox", equalTo("kdu@jobcenter-ge.de"));

        as(editorOf(officeId))
                .get("/api/v1/offices/" + officeId + "/preview")
                .then()
                .statusCode(200)
                .body("active.concerns", hasSize(10))
                .body("active.concerns[0].concern", equalTo("CHANGE_NOTIFICATION"))
                .body("active.concerns[0].outcome", equalTo("REDIRECT"))
                .body(
                        "active.concerns[0].redirectUrl",
                        equalTo("https://www.jobcenter.digital/veraenderungsmitteilung"))
                .body("active.concerns[0].fallbackReason", equalTo("ONLINE_FLOW"))
                .body("pending.concerns[0].outcome", equalTo("NOT_OFFERED"))
                .body("pending.concerns[0].fallbackReason", equalTo("CONCERN_NOT_OFFERED"))
                .body("pending.concerns[0].route.channel", equalTo("EAKTE"));

        as(editorOf(officeId))
                .queryParam("concern", "PARKEN")
                .get("/api/v1/offices/" + officeId + "/preview")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("concern"));
    }

    @Test
    void aSuspendedOfficeSaysSoInThePreview() {
        String officeId = createJobcenter("JC-PAUSE");
        as(admin())
                .body(TestData.office(officeId, "JOBCENTER")
                        .set("suspended", true)
                        .masterData())
                .put("/api/v1/offices/" + officeId)
                .then()
                .statusCode(200);
        as(editorOf(officeId))
                .get("/api/v1/offices/" + officeId + "/preview")
                .then()
                .body("live", equalTo(false))
                .body("liveNote", containsString("ausgesetzt"))
                .body("pending", nullValue());
    }

    @Test
    void everyStepIsInTheOfficesAuditTrailWithoutFreeText() {
        String officeId = createJobcenter("JC-PROTOKOLL");
        String secret = "Geheimer Hinweis " + UUID.randomUUID();
        String changeId = saveDraft(officeId, TestData.configuration().notOffered("COPY_REQUEST", secret));
        submit(officeId, changeId);
        as(reviewerOf(officeId))
                .body(Map.of("reason", "Bitte anders formulieren: " + secret))
                .post("/api/v1/offices/" + officeId + "/changes/" + changeId + "/reject")
                .then()
                .statusCode(200);

        String body = as(editorOf(officeId))
                .get("/api/v1/offices/" + officeId + "/audit")
                .then()
                .statusCode(200)
                .body(
                        "entries.action",
                        contains("CHANGE_REJECTED", "CHANGE_SUBMITTED", "CHANGE_DRAFTED", "OFFICE_CREATED"))
                .body("entries.officeId", everyItem(equalTo(officeId)))
                .body("entries[0].actorId", equalTo("rv-" + officeId))
                .body("entries[2].details.fields", hasItem("concerns.COPY_REQUEST.hintText"))
                .body("total", equalTo(4))
                .extract()
                .asString();
        assertThat(body).doesNotContain(secret);

        as(editor("ed-fremd", "JC-ANDERE"))
                .get("/api/v1/offices/" + officeId + "/audit")
                .then()
                .statusCode(403);
        as(editorOf(officeId))
                .queryParam("size", 0)
                .get("/api/v1/offices/" + officeId + "/audit")
                .then()
                .statusCode(400);
    }

    @Test
    void aLoginIsRecordedOncePerToken() {
        String user = "login-" + UUID.randomUUID();
        String token = Tokens.staff(user).roles(EDITOR).offices("JC-X").sign();
        as(token).get("/api/v1/offices").then().statusCode(200);
        as(token).get("/api/v1/catalogue").then().statusCode(200);
        as(Tokens.staff(user).roles(EDITOR).offices("JC-X").sign())
                .get("/api/v1/offices")
                .then()
                .statusCode(200);

        as(admin())
                .queryParam("size", 200)
                .get("/api/v1/audit")
                .then()
                .statusCode(200)
                .body("entries.findAll { it.actorId == '" + user + "' }.action", equalTo(List.of("LOGIN", "LOGIN")));
        as(Tokens.customer("kundin").audience(Tokens.STAFF_AUDIENCE).sign())
                .get("/api/v1/offices")
                .then()
                .statusCode(403);
        as(admin()).queryParam("size", 200).get("/api/v1/audit").then().body("entries.actorId", not(hasItem("kundin")));
    }

    @Test
    void theDatabaseRefusesToChangeOrDeleteTheAuditTrailAndTheVersions() throws SQLException {
        createJobcenter("JC-UNVERAENDERLICH");
        long entries = count("select count(*) from audit_entry");
        long versions = count("select count(*) from office_version");
        assertThat(entries).isPositive();

        for (String sql : List.of(
                "update audit_entry set actor_name = 'jemand anderes'",
                "delete from audit_entry",
                "truncate audit_entry",
                "update office_version set name = 'umbenannt'",
                "delete from office_version_concern",
                "truncate office_version cascade")) {
            assertThatThrownBy(() -> execute(sql))
                    .as(sql)
                    .isInstanceOfSatisfying(
                            SQLException.class, e -> assertThat(e.getMessage()).contains("append-only"));
        }
        assertThat(count("select count(*) from audit_entry")).isEqualTo(entries);
        assertThat(count("select count(*) from office_version")).isEqualTo(versions);
        assertThat(count("select count(*) from audit_entry where actor_name = 'jemand anderes'"))
                .isZero();
    }
}
