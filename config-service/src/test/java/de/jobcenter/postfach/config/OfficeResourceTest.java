package de.jobcenter.postfach.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import de.jobcenter.postfach.contracts.CloudEventHeaders;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.OfficeConfigurationActivated;
import de.jobcenter.postfach.contracts.RouteRef;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Offices and their master data, kept by central administrators and published at once. */
@QuarkusTest
class OfficeResourceTest extends ConfigServiceTest {

    private static OfficeConfigurationActivated awaitRecord(TopicProbe probe, String officeId, long version) {
        List<ConsumerRecord<String, byte[]>> records = probe.await(
                r -> officeId.equals(r.key())
                        && EventJson.read(r.value(), OfficeConfigurationActivated.class)
                                        .version()
                                == version,
                1,
                Duration.ofSeconds(20));
        return EventJson.read(records.get(0).value(), OfficeConfigurationActivated.class);
    }

    @Test
    void aCentralAdministratorCreatesAnOfficeThatStartsOfferingEverythingToEakteAndIsPublished() {
        String officeId = newOfficeId("JC-NEU");
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.OFFICE_CONFIG)) {
            as(admin())
                    .body(TestData.office(officeId, "JOBCENTER")
                            .set("name", "Jobcenter Neustadt")
                            .set(
                                    "responsiblePerson",
                                    Map.of("name", "Anna Schmidt", "email", "anna.schmidt@jobcenter-ge.de"))
                            .body())
                    .post("/api/v1/offices")
                    .then()
                    .statusCode(201)
                    .header("Location", endsWith("/api/v1/offices/" + officeId))
                    .body("officeId", equalTo(officeId))
                    .body("activeVersion", equalTo(1))
                    .body("publishedVersion", equalTo(1))
                    .body("publishPending", equalTo(false))
                    .body("responsiblePerson.name", equalTo("Anna Schmidt"))
                    .body("permissions.manageOffice", equalTo(true))
                    .body("permissions.editConfiguration", equalTo(false));

            OfficeConfigurationActivated event = awaitRecord(probe, officeId, 1);
            assertThat(event.name()).isEqualTo("Jobcenter Neustadt");
            assertThat(event.goLiveOn()).isEqualTo(LocalDate.of(2025, 1, 6));
            assertThat(event.concern("PROCESSING_STATUS").orElseThrow().route()).isEqualTo(RouteRef.eakte(officeId));
            assertThat(event.concern("CHANGE_NOTIFICATION").orElseThrow().redirectUrl())
                    .isEqualTo("https://www.jobcenter.digital/veraenderungsmitteilung");
            assertThat(event.fallbackRoute()).isEqualTo(RouteRef.eakte(officeId));
        }

        as(editorOf(officeId))
                .get("/api/v1/offices/" + officeId + "/configuration")
                .then()
                .statusCode(200)
                .body("version", equalTo(1))
                .body("configuration.reviewRequired", equalTo(true))
                .body("configuration.fallbackRoute.channel", equalTo("EAKTE"))
                .body("configuration.concerns.OTHER.offered", equalTo(true))
                .body("configuration.concerns.RENT_AND_HEATING.channel", equalTo("EAKTE"))
                .body("configuration.concerns.CHANGE_NOTIFICATION.channel", nullValue());
    }

    @Test
    void anOfficeIdCanBeTakenOnlyOnce() {
        String officeId = createJobcenter("JC-DOPPELT");
        as(admin())
                .body(TestData.office(officeId, "JOBCENTER").body())
                .post("/api/v1/offices")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:postfach:problem:office-exists"));
    }

    @Test
    void invalidMasterDataIsRefusedFieldByFieldAndNothingIsCreated() {
        as(admin())
                .body(Map.of(
                        "officeId", "jc kleinbuchstaben",
                        "name", "<b>Jobcenter</b>",
                        "goLiveOn", "2026-01-01",
                        "serviceCenterContract", Map.of("serviceCenterId", "SC-1")))
                .post("/api/v1/offices")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:postfach:problem:validation"))
                .body("errors.field", hasItems("officeId", "name", "type", "serviceCenterContract.orderedOn"));
        as(admin()).get("/api/v1/offices").then().statusCode(200).body("officeId", not(hasItem("jc kleinbuchstaben")));
    }

    @Test
    void malformedOrUnknownInputIsABadRequestNeverAServerError() {
        as(admin())
                .body("{\"officeId\": ")
                .post("/api/v1/offices")
                .then()
                .statusCode(400)
                .body("type", equalTo("urn:postfach:problem:malformed-request"));
        as(admin())
                .body(Map.of(
                        "officeId", "JC-X1", "name", "X", "type", "JOBCENTER", "goLiveOn", "2026-01-01", "admin", true))
                .post("/api/v1/offices")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("admin"));
        as(admin())
                .body(Map.of("officeId", "JC-X2", "name", "X", "type", "SCHULE", "goLiveOn", "2026-01-01"))
                .post("/api/v1/offices")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("type"));
        as(admin())
                .body(Map.of("officeId", "JC-X3", "name", "X", "type", "JOBCENTER", "goLiveOn", "2026-02-30"))
                .post("/api/v1/offices")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("goLiveOn"));
        as(admin()).body("[]").post("/api/v1/offices").then().statusCode(400);
        as(admin()).post("/api/v1/offices").then().statusCode(400);
    }

    @Test
    void staffSeeOnlyTheirOwnOfficesAndCentralAdministratorsSeeAll() {
        String mine = createJobcenter("JC-MEINS");
        String other = createJobcenter("JC-FREMD");
        as(editor("ed-liste", mine))
                .get("/api/v1/offices")
                .then()
                .statusCode(200)
                .body("officeId", hasItem(mine))
                .body("officeId", not(hasItem(other)));
        as(admin()).get("/api/v1/offices").then().statusCode(200).body("officeId", hasItems(mine, other));
        as(editor("ed-liste", mine))
                .get("/api/v1/offices/" + mine)
                .then()
                .statusCode(200)
                .body("permissions.editConfiguration", equalTo(true))
                .body("permissions.review", equalTo(false))
                .body("live", equalTo(true));
    }

    @Test
    void anUnknownOfficeIsNotFoundForTheCentralAdministratorButForbiddenForOthers() {
        as(admin())
                .get("/api/v1/offices/JC-GIBT-ES-NICHT")
                .then()
                .statusCode(404)
                .body("type", equalTo("urn:postfach:problem:not-found"));
        as(editor("ed-x", "JC-ANDERS"))
                .get("/api/v1/offices/JC-GIBT-ES-NICHT")
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:postfach:problem:office-not-in-scope"));
        as(editor("ed-x", "JC-GIBT-ES-NICHT"))
                .get("/api/v1/offices/JC-GIBT-ES-NICHT")
                .then()
                .statusCode(404);
    }

    @Test
    void changedMasterDataBecomeANewVersionPublishedAtOnce() {
        String officeId = createJobcenter("JC-UMBENANNT");
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.OFFICE_CONFIG)) {
            as(admin())
                    .body(TestData.office(officeId, "JOBCENTER")
                            .set("name", "Jobcenter Neuer Name")
                            .set("goLiveOn", "2026-07-01")
                            .contract(Map.of("serviceCenterId", "SC-NORD", "orderedOn", "2026-01-15"))
                            .masterData())
                    .put("/api/v1/offices/" + officeId)
                    .then()
                    .statusCode(200)
                    .body("name", equalTo("Jobcenter Neuer Name"))
                    .body("activeVersion", equalTo(2))
                    .body("publishedVersion", equalTo(2))
                    .body("serviceCenterContract.effectiveFrom", equalTo("2026-02-26"));

            OfficeConfigurationActivated event = awaitRecord(probe, officeId, 2);
            assertThat(event.name()).isEqualTo("Jobcenter Neuer Name");
            assertThat(event.goLiveOn()).isEqualTo(LocalDate.of(2026, 7, 1));
            assertThat(event.serviceCenterContract().effectiveFrom()).isEqualTo(LocalDate.of(2026, 2, 26));
        }
        as(editorOf(officeId))
                .get("/api/v1/offices/" + officeId + "/versions")
                .then()
                .statusCode(200)
                .body("[0].version", equalTo(2))
                .body("[0].kind", equalTo("MASTER_DATA"))
                .body("[0].author.id", equalTo("admin-zentrale"))
                .body("[0].changes.field", hasItems("name", "goLiveOn", "serviceCenterContract"));
    }

    @Test
    void aSuspensionIsPublishedImmediatelyNotAtTheRollout() {
        String officeId = createJobcenter("JC-AUSGESETZT");
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.OFFICE_CONFIG)) {
            as(admin())
                    .body(TestData.office(officeId, "JOBCENTER")
                            .set("suspended", true)
                            .masterData())
                    .put("/api/v1/offices/" + officeId)
                    .then()
                    .statusCode(200)
                    .body("suspended", equalTo(true))
                    .body("live", equalTo(false))
                    .body("publishPending", equalTo(false));

            List<ConsumerRecord<String, byte[]>> records =
                    probe.await(r -> officeId.equals(r.key()), 1, Duration.ofSeconds(20));
            OfficeConfigurationActivated event =
                    EventJson.read(records.get(0).value(), OfficeConfigurationActivated.class);
            assertThat(event.suspended()).isTrue();
            assertThat(event.version()).isEqualTo(2);
            assertThat(event.isLiveOn(LocalDate.now())).isFalse();
            assertThat(TopicProbe.header(records.get(0), CloudEventHeaders.SUBJECT))
                    .isEqualTo(officeId);
        }
    }

    @Test
    void onlyAChangedContactPersonMakesNoNewVersion() {
        String officeId = createJobcenter("JC-KONTAKT");
        as(admin())
                .body(TestData.office(officeId, "JOBCENTER")
                        .set("responsiblePerson", Map.of("name", "Ben Weber", "phone", "030 1234"))
                        .masterData())
                .put("/api/v1/offices/" + officeId)
                .then()
                .statusCode(200)
                .body("activeVersion", equalTo(1))
                .body("responsiblePerson.phone", equalTo("030 1234"));
    }

    @Test
    void theContractCannotGoWhileTheActiveConfigurationUsesTheServiceCenter() {
        String officeId = newOfficeId("JC-VERTRAG");
        Map<String, Object> contract = Map.of("serviceCenterId", "SC-WEST", "orderedOn", "2024-01-08");
        createOffice(officeId, "JOBCENTER", contract);
        approvedChange(officeId, TestData.configuration().serviceCenter("APPOINTMENT_REQUEST"));
        rollOutNow();

        as(admin())
                .body(TestData.office(officeId, "JOBCENTER").masterData())
                .put("/api/v1/offices/" + officeId)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("serviceCenterContract"))
                .body("errors[0].message", containsString("Service Center"));
        as(admin())
                .get("/api/v1/offices/" + officeId)
                .then()
                .body("serviceCenterContract.serviceCenterId", equalTo("SC-WEST"))
                .body("activeVersion", equalTo(2));
    }

    @Test
    void onlyCentralAdministratorsKeepMasterData() {
        String officeId = createJobcenter("JC-STAMM");
        as(editorAndReviewer("ed-stamm", officeId))
                .body(TestData.office(officeId, "JOBCENTER")
                        .set("suspended", true)
                        .masterData())
                .put("/api/v1/offices/" + officeId)
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:postfach:problem:role-missing"));
        as(editorOf(officeId))
                .body(TestData.office(newOfficeId("JC-EIGEN"), "JOBCENTER").body())
                .post("/api/v1/offices")
                .then()
                .statusCode(403);
        as(admin()).get("/api/v1/offices/" + officeId).then().body("suspended", equalTo(false));
    }
}
