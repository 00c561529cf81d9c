package de.jobcenter.postfach.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import de.jobcenter.postfach.config.seed.DemoSeed;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The demo offices of the local stack: created once, active and published. */
@QuarkusTest
class DemoSeedTest extends ConfigServiceTest {
    @Inject
    DemoSeed seed;

    @Test
    void createsRealSoundingOfficesOfBothTypesOnceAndPublishesThem() {
        int first = seed.seed();
        assertThat(seed.seed()).isZero();
        assertThat(first).isBetween(0, 4);

        as(admin())
                .get("/api/v1/offices")
                .then()
                .statusCode(200)
                .body("officeId", hasItems("JC-BERLIN-MITTE", "JC-HAMBURG-NORD", "JC-KOELN", "AA-NUERNBERG"));
        as(admin())
                .get("/api/v1/offices/AA-NUERNBERG")
                .then()
                .body("name", equalTo("Agentur für Arbeit Nürnberg"))
                .body("type", equalTo("EMPLOYMENT_AGENCY"))
                .body("publishedVersion", equalTo(1));
        as(editor("ed-hh", "JC-HAMBURG-NORD"))
                .get("/api/v1/offices/JC-HAMBURG-NORD/configuration")
                .then()
                .body("configuration.concerns.RENT_AND_HEATING.channel", equalTo("OUTLOOK"))
                .body(
                        "configuration.concerns.RENT_AND_HEATING.outlookMailbox",
                        equalTo("kdu.hamburg-nord@jobcenter-ge.de"))
                .body("configuration.concerns.EDUCATION_AND_PARTICIPATION.offered", equalTo(false));
        as(editor("ed-k", "JC-KOELN"))
                .get("/api/v1/offices/JC-KOELN")
                .then()
                .body("name", equalTo("Jobcenter Köln"))
                .body("serviceCenterContract.serviceCenterId", equalTo("SC-KOELN"));
        as(editor("ed-k", "JC-KOELN"))
                .get("/api/v1/offices/JC-KOELN/preview")
                .then()
                .body(
                        "active.concerns.find { it.concern == 'APPOINTMENT_REQUEST' }.route.channel",
                        equalTo("SERVICE_CENTER"));
    }
}
