package de.jobcenter.postfach.mailbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.CloudEventHeaders;
import de.jobcenter.postfach.contracts.CustomerMessageSubmitted;
import de.jobcenter.postfach.contracts.DeliveryStatus;
import de.jobcenter.postfach.contracts.DeliveryStatusChanged;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.RouteRef;
import de.jobcenter.postfach.contracts.StaffMessageSent;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.testing.Tokens;
import de.jobcenter.postfach.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The walking skeleton's part in mailbox-api: write, outbox, staff reply, delivery status. */
@QuarkusTest
class MessageFlowTest extends MailboxApiTest {
    private static String customerToken(String customerId) {
        return Tokens.customer(customerId)
                .acr("pin-letter-confirmed")
                .customerNumber("123D456789")
                .sign();
    }

    private static String writeWithToken(String token, String subject) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "officeId",
                        OFFICE,
                        "concern",
                        "PROCESSING_STATUS",
                        "subject",
                        subject,
                        "body",
                        "Guten Tag,\nwie ist der Stand meines Antrags?"))
                .post("/api/v1/messages")
                .then()
                .statusCode(201)
                .header("Location", startsWith("http"))
                .extract()
                .path("messageId");
    }

    @Test
    void writingAMessageStoresItAndPublishesItThroughTheOutbox() {
        String customer = "customer-" + UUID.randomUUID();
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.CUSTOMER_MESSAGES)) {
            String messageId = writeWithToken(customerToken(customer), "Stand meines Antrags");

            var records = probe.await(r -> TopicProbe.valueContains(r, messageId), 1, Duration.ofSeconds(30));
            var record = records.get(0);
            CustomerMessageSubmitted event = EventJson.read(record.value(), CustomerMessageSubmitted.class);
            assertThat(event.messageId()).hasToString(messageId);
            assertThat(event.customerId()).isEqualTo(customer);
            assertThat(event.customerNumber()).isEqualTo("123D456789");
            assertThat(event.subject()).isEqualTo("Stand meines Antrags");
            assertThat(record.key()).isEqualTo(event.conversationId().toString());
            assertThat(TopicProbe.header(record, CloudEventHeaders.TYPE))
                    .isEqualTo("de.jobcenter.postfach.CustomerMessageSubmitted.v1");
            assertThat(TopicProbe.header(record, CloudEventHeaders.SOURCE)).isEqualTo("/postfach/mailbox-api");
            assertThat(TopicProbe.header(record, CloudEventHeaders.SUBJECT)).isEqualTo(messageId);
            assertThat(TopicProbe.header(record, CloudEventHeaders.SPECVERSION)).isEqualTo("1.0");
        }

        given().auth()
                .oauth2(customerToken(customer))
                .get("/api/v1/messages?folder=sent")
                .then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].subject", equalTo("Stand meines Antrags"))
                .body("items[0].status", equalTo("SUBMITTED"));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(count("select count(*) from outbox_event where published_at is null"))
                        .isZero());
    }

    @Test
    void aStaffReplyLandsInTheCustomersInboxOnceAndTheSentMessageShowsDelivered() {
        String customer = "customer-" + UUID.randomUUID();
        String token = customerToken(customer);
        UUID messageId = UUID.fromString(writeWithToken(token, "Frage zur Miete"));
        UUID conversationId = UUID.fromString(given().auth()
                .oauth2(token)
                .get("/api/v1/messages/" + messageId)
                .then()
                .statusCode(200)
                .extract()
                .path("conversationId"));

        UUID replyId = UUID.randomUUID();
        StaffMessageSent reply = new StaffMessageSent(
                replyId,
                conversationId,
                messageId,
                null,
                null,
                OFFICE,
                "OTHER", // staff chose no concern: the answer keeps the thread's
                "AW: Frage zur Miete",
                "Ihr Antrag ist in Bearbeitung.",
                false,
                RouteRef.eakte(OFFICE),
                Instant.now());
        publish(Topics.STAFF_MESSAGES, reply);
        publish(Topics.STAFF_MESSAGES, reply); // a redelivered record
        publish(
                Topics.DELIVERY_STATUS,
                new DeliveryStatusChanged(
                        messageId, DeliveryStatus.DELIVERED, Channel.EAKTE, null, null, null, Instant.now()));
        publish(
                Topics.DELIVERY_STATUS,
                new DeliveryStatusChanged(
                        messageId, DeliveryStatus.ROUTED, Channel.EAKTE, null, null, null, Instant.now()));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(token)
                        .get("/api/v1/messages?folder=inbox")
                        .then()
                        .statusCode(200)
                        .body("items", hasSize(1))
                        .body("items[0].messageId", equalTo(replyId.toString()))
                        .body("items[0].subject", equalTo("AW: Frage zur Miete"))
                        .body("items[0].concern", equalTo("PROCESSING_STATUS"))
                        .body("items[0].read", equalTo(false)));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(token)
                        .get("/api/v1/messages/" + messageId)
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("DELIVERED")));

        given().auth()
                .oauth2(token)
                .get("/api/v1/messages/" + replyId)
                .then()
                .statusCode(200)
                .body("body", equalTo("Ihr Antrag ist in Bearbeitung."))
                .body("read", equalTo(true));
        assertThat(count("select count(*) from mailbox_message where message_id = '" + replyId + "'"))
                .isEqualTo(1);
    }

    @Test
    void anotherCustomerGetsNotFoundForAMessageThatIsNotTheirs() {
        String messageId = writeWithToken(customerToken("owner-" + UUID.randomUUID()), "Meine Nachricht");
        given().auth()
                .oauth2(customerToken("someone-else"))
                .get("/api/v1/messages/" + messageId)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:postfach:problem:not-found"));
    }

    @Test
    void callsWithoutATokenGet401AsAProblemDocument() {
        given().get("/api/v1/messages")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:postfach:problem:unauthorized"));
    }

    @Test
    void aCustomerBelowPinLetterLevelGets403WithItsOwnProblemType() {
        String token = Tokens.customer("low-" + UUID.randomUUID()).acr("basic").sign();
        given().auth()
                .oauth2(token)
                .get("/api/v1/messages")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:postfach:problem:insufficient-level-of-assurance"));
    }

    @Test
    void invalidInputIsRefusedWithEveryFieldErrorAndNothingIsStored() {
        String customer = "customer-" + UUID.randomUUID();
        given().auth()
                .oauth2(customerToken(customer))
                .contentType(ContentType.JSON)
                .body(Map.of("officeId", OFFICE, "concern", "OTHER", "subject", "Zeile\nUmbruch", "body", " "))
                .post("/api/v1/messages")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:postfach:problem:validation"))
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("subject", "body"));
        given().auth()
                .oauth2(customerToken(customer))
                .contentType(ContentType.JSON)
                .body("{\"officeId\":\"" + OFFICE + "\",\"concern\":\"OTHER\",\"subject\":\"a\",\"body\":\"b\","
                        + "\"admin\":true}")
                .post("/api/v1/messages")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("admin"));
        assertThat(count("select count(*) from mailbox_message where customer_id = '" + customer + "'"))
                .isZero();
    }
}
