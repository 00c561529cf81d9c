package de.jobcenter.postfach.mailbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import de.jobcenter.postfach.mailbox.support.ConfigSnapshotResource;
import de.jobcenter.postfach.mailbox.support.TestOffices;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The office-configuration replica is bootstrapped from config-service's snapshot, retried until it answers; the
 * service is ready only once snapshot and topic are read. Runs first, while the snapshot endpoint still answers 503.
 */
@QuarkusTest
@Order(1)
class ReadinessTest extends MailboxApiTest {

    @Test
    void isReadyOnlyOnceConfigServicesSnapshotIsLoadedAndRetriesUntilItAnswers() {
        String control = config(ConfigSnapshotResource.CONTROL_URL);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> given().get(control + "/stats").jsonPath().getInt("unavailable") >= 2);

        given().get("/q/health/ready")
                .then()
                .statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'office-configuration-replica' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'office-configuration-replica' }.data.snapshotLoaded", equalTo(false));
        given().get("/q/health/live").then().statusCode(200);
        // the topic alone already serves requests; only readiness waits for the snapshot
        as(newCustomer())
                .get("/api/v1/offices?q=berlin mitte")
                .then()
                .statusCode(200)
                .body("officeId", hasItem(TestOffices.BERLIN_MITTE));

        given().post(control + "/open").then().statusCode(200);

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> given().get("/q/health/ready")
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("UP"))
                        .body(
                                "checks.find { it.name == 'office-configuration-replica' }.data.snapshotLoaded",
                                equalTo(true)));
        JsonPath stats = given().get(control + "/stats").jsonPath();
        assertThat(stats.getInt("served")).as("answered with a service token").isEqualTo(1);
        as(newCustomer())
                .get("/api/v1/offices?q=" + TestOffices.SNAPSHOT_ONLY.toLowerCase())
                .then()
                .statusCode(200)
                .body("officeId", hasItem(TestOffices.SNAPSHOT_ONLY));
    }
}
