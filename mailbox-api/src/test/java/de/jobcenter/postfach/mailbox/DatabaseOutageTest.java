package de.jobcenter.postfach.mailbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import de.jobcenter.postfach.mailbox.support.ProxiedPostgresResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * R4: while PostgreSQL is away the API answers 503 with {@code Retry-After} (no 500, no partial write) and is not
 * ready; it recovers without a restart. Runs last: it takes the database away.
 */
@QuarkusTest
@Order(Integer.MAX_VALUE)
class DatabaseOutageTest extends MailboxApiTest {

    @Test
    void whilePostgresIsAwayTheApiAnswers503WithRetryAfterAndRecoversWithoutRestart() {
        String control = config(ProxiedPostgresResource.CONTROL_URL);
        String customer = newCustomer();
        as(customer).get("/api/v1/me").then().statusCode(200);

        given().post(control + "/stop").then().statusCode(200);
        try {
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> as(customer)
                            .contentType(ContentType.JSON)
                            .body(message(OFFICE, "OTHER", "Frage", "Text"))
                            .post("/api/v1/messages")
                            .then()
                            .statusCode(503)
                            .header("Retry-After", notNullValue())
                            .contentType("application/problem+json")
                            .body("type", equalTo("urn:postfach:problem:service-unavailable")));
            as(customer).get("/api/v1/messages").then().statusCode(503).header("Retry-After", notNullValue());
            given().get("/q/health/ready")
                    .then()
                    .statusCode(503)
                    .body("checks.find { it.name == 'Database connections health check' }.status", equalTo("DOWN"));
            given().get("/q/health/live").then().statusCode(200);
        } finally {
            given().post(control + "/start").then().statusCode(200);
        }

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> as(customer)
                        .contentType(ContentType.JSON)
                        .body(message(OFFICE, "OTHER", "Nach dem Ausfall", "Text"))
                        .post("/api/v1/messages")
                        .then()
                        .statusCode(201));
        assertThat(count("select count(*) from mailbox_message where customer_id = ?", customer))
                .as("nothing from the refused attempts")
                .isEqualTo(1);
        assertThat(count("select count(*) from conversation where customer_id = ?", customer))
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/q/health/ready")
                        .then()
                        .body("checks.find { it.name == 'Database connections health check' }.status", equalTo("UP")));
    }
}
