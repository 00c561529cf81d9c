package de.jobcenter.postfach.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.CustomerMessageSubmitted;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.RouteRef;
import de.jobcenter.postfach.contracts.StaffMessageSent;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.mailbox.support.TestOffices;
import de.jobcenter.postfach.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code POST /messages/{id}/replies}: answering a staff message within its conversation. */
@QuarkusTest
class ReplyTest extends MailboxApiTest {

    @Test
    void aReplyJoinsTheConversationAndGoesBackToTheRouteTheStaffMessageCameFrom() {
        String customer = newCustomer();
        String first = write(customer, "Frage zur Miete");
        String conversation = conversationOf(customer, first);
        UUID staff = staffAnswer(customer, first, "Rückfrage zur Miete");

        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.CUSTOMER_MESSAGES)) {
            String replyId = as(customer)
                    .contentType(ContentType.JSON)
                    .body(Map.of("body", "Hier die Unterlagen."))
                    .post("/api/v1/messages/" + staff + "/replies")
                    .then()
                    .statusCode(201)
                    .body("conversationId", equalTo(conversation))
                    .body("inReplyTo", equalTo(staff.toString()))
                    .body("subject", equalTo("AW: Rückfrage zur Miete"))
                    .body("direction", equalTo("SENT"))
                    .body("status", equalTo("SUBMITTED"))
                    .extract()
                    .path("messageId");
            var record = probe.await(r -> TopicProbe.valueContains(r, replyId), 1, Duration.ofSeconds(30))
                    .get(0);
            CustomerMessageSubmitted event = EventJson.read(record.value(), CustomerMessageSubmitted.class);
            assertThat(record.key()).isEqualTo(conversation);
            assertThat(event.conversationId()).hasToString(conversation);
            assertThat(event.inReplyTo()).isEqualTo(staff);
            assertThat(event.replyRoute()).isEqualTo(RouteRef.outlook(OFFICE, TestOffices.OUTLOOK_MAILBOX));
            assertThat(event.replyRoute().channel()).isEqualTo(Channel.OUTLOOK);
            assertThat(event.paymentRelevant())
                    .as("the office's setting for PROCESSING_STATUS")
                    .isFalse();
        }
    }

    @Test
    void aReplyMayHaveItsOwnSubjectAndTheDefaultIsCutTo200Characters() {
        String customer = newCustomer();
        String first = write(customer, "Frage");
        StaffMessageSent longSubject = new StaffMessageSent(
                UUID.randomUUID(),
                UUID.fromString(conversationOf(customer, first)),
                UUID.fromString(first),
                customer,
                null,
                OFFICE,
                "RENT_AND_HEATING",
                "ß".repeat(200),
                "Bitte senden Sie uns den Mietvertrag.",
                true,
                RouteRef.eakte(OFFICE),
                Instant.now());
        publish(Topics.STAFF_MESSAGES, longSubject);
        awaitFiled(longSubject.messageId());

        as(customer)
                .contentType(ContentType.JSON)
                .body(Map.of("body", "Anbei."))
                .post("/api/v1/messages/" + longSubject.messageId() + "/replies")
                .then()
                .statusCode(201)
                .body("subject", equalTo("AW: " + "ß".repeat(196)));
        as(customer)
                .contentType(ContentType.JSON)
                .body(Map.of("body", "Anbei.", "subject", "Mietvertrag"))
                .post("/api/v1/messages/" + longSubject.messageId() + "/replies")
                .then()
                .statusCode(201)
                .body("subject", equalTo("Mietvertrag"));
        assertThat(count(
                        "select count(*) from mailbox_message where in_reply_to = ? and payment_relevant",
                        longSubject.messageId()))
                .as("RENT_AND_HEATING is payment relevant at this office")
                .isEqualTo(2);
    }

    @Test
    void onlyAStaffMessageCanBeAnswered() {
        String customer = newCustomer();
        String own = write(customer, "Meine Frage");
        as(customer)
                .contentType(ContentType.JSON)
                .body(Map.of("body", "Nachtrag"))
                .post("/api/v1/messages/" + own + "/replies")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:postfach:problem:not-a-staff-message"));
        assertThat(count("select count(*) from mailbox_message where customer_id = ?", customer))
                .isEqualTo(1);
    }

    @Test
    void aReplyToAMissingMessageIsNotFoundAndAnInvalidReplyIsAFieldError() {
        String customer = newCustomer();
        as(customer)
                .contentType(ContentType.JSON)
                .body(Map.of("body", "Hallo"))
                .post("/api/v1/messages/" + UUID.randomUUID() + "/replies")
                .then()
                .statusCode(404)
                .body("type", equalTo("urn:postfach:problem:not-found"));
        String first = write(customer, "Frage");
        UUID staff = staffAnswer(customer, first, "Antwort");
        as(customer)
                .contentType(ContentType.JSON)
                .body(Map.of("body", " ", "subject", "Zeile\nUmbruch"))
                .post("/api/v1/messages/" + staff + "/replies")
                .then()
                .statusCode(400)
                .body("type", equalTo("urn:postfach:problem:validation"))
                .body("errors.size()", equalTo(2));
        assertThat(count("select count(*) from mailbox_message where in_reply_to = ?", staff))
                .isZero();
    }
}
