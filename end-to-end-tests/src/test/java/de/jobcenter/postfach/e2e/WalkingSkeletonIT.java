package de.jobcenter.postfach.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import de.jobcenter.postfach.testing.Tokens;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One message end to end: a customer writes, routing sends it to E-AKTE, the adapter files it there, staff answer
 * from E-AKTE, and the customer sees the answer and the delivered status.
 */
class WalkingSkeletonIT {
    private static final String OFFICE = RunningSystem.OFFICE;
    private static RunningSystem system;

    @BeforeAll
    static void start() throws Exception {
        system = RunningSystem.start();
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aCustomerMessageReachesEakteAndTheStaffAnswerReachesTheCustomer() {
        String customer = "customer-" + UUID.randomUUID();
        String customerToken = Tokens.customer(customer)
                .acr("pin-letter-confirmed")
                .customerNumber("123D456789")
                .sign();

        // 1. The customer writes.
        String messageId = given().baseUri(system.mailboxApi)
                .auth()
                .oauth2(customerToken)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "officeId", OFFICE,
                        "concern", "PROCESSING_STATUS",
                        "subject", "Stand meines Weiterbewilligungsantrags",
                        "body", "Guten Tag,\nich habe im Oktober den Antrag gestellt. Wie ist der Stand?"))
                .post("/api/v1/messages")
                .then()
                .statusCode(201)
                .extract()
                .path("messageId");

        // 2.–3. Routed to E-AKTE and filed there, keyed by the message id.
        JsonNode document = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> system.eakte.documents().stream()
                                .filter(d -> d.path("idempotencyKey").asText().equals(messageId))
                                .findFirst()
                                .orElse(null),
                        d -> d != null);
        assertThat(document.path("officeId").asText()).isEqualTo(OFFICE);
        assertThat(document.path("customerNumber").asText()).isEqualTo("123D456789");
        assertThat(document.path("subject").asText()).isEqualTo("Stand meines Weiterbewilligungsantrags");
        String conversationId = document.path("conversationId").asText();

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().baseUri(system.mailboxApi)
                        .auth()
                        .oauth2(customerToken)
                        .get("/api/v1/messages/" + messageId)
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("DELIVERED")));

        // 4. Staff answer from E-AKTE; the customer sees it in the inbox.
        String replyId = given().baseUri(system.eakteAdapter)
                .auth()
                .oauth2(Tokens.serviceClient("eakte").roles("eakte-client").sign())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "sourceId",
                        "EAKTE-DOC-" + UUID.randomUUID(),
                        "officeId",
                        OFFICE,
                        "conversationId",
                        conversationId,
                        "inReplyTo",
                        messageId,
                        "subject",
                        "AW: Stand meines Weiterbewilligungsantrags",
                        "body",
                        "Ihr Antrag ist in Bearbeitung. Sie erhalten in den nächsten Tagen Bescheid.",
                        "paymentRelevant",
                        false))
                .post("/api/v1/eakte/messages")
                .then()
                .statusCode(202)
                .extract()
                .path("messageId");

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().baseUri(system.mailboxApi)
                        .auth()
                        .oauth2(customerToken)
                        .get("/api/v1/messages?folder=inbox")
                        .then()
                        .statusCode(200)
                        .body("items", hasSize(1))
                        .body("items[0].messageId", equalTo(replyId))
                        .body("items[0].conversationId", equalTo(conversationId))
                        .body("items[0].subject", equalTo("AW: Stand meines Weiterbewilligungsantrags")));
        given().baseUri(system.mailboxApi)
                .auth()
                .oauth2(customerToken)
                .get("/api/v1/messages/" + replyId)
                .then()
                .statusCode(200)
                .body("body", equalTo("Ihr Antrag ist in Bearbeitung. Sie erhalten in den nächsten Tagen Bescheid."))
                .body("inReplyTo", equalTo(messageId));
    }
}
