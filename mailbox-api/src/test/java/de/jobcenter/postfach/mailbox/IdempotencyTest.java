package de.jobcenter.postfach.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import de.jobcenter.postfach.mailbox.idempotency.IdempotentWrites;
import de.jobcenter.postfach.mailbox.message.WriteMessageRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code Idempotency-Key} on {@code POST /messages} and replies. */
@QuarkusTest
class IdempotencyTest extends MailboxApiTest {

    private static ExtractableResponse<Response> post(String customer, String key, Object body) {
        return as(customer)
                .header(IdempotentWrites.HEADER, key)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/messages")
                .then()
                .extract();
    }

    @Test
    void aRetryWithTheSameKeyGetsTheFirstAnswerAndStoresNothingNew() {
        String customer = newCustomer();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = message(OFFICE, "OTHER", "Frage", "Text");
        ExtractableResponse<Response> first = post(customer, key, body);
        ExtractableResponse<Response> retry = post(customer, key, body);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.body().asString()).isEqualTo(first.body().asString());
        assertThat(retry.header(IdempotentWrites.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(first.header(IdempotentWrites.REPLAYED_HEADER)).isNull();
        assertThat(count("select count(*) from mailbox_message where customer_id = ?", customer))
                .isEqualTo(1);
        assertThat(count(
                        "select count(*) from outbox_event where position(convert_to(?, 'UTF8') in payload) > 0",
                        (String) first.path("messageId")))
                .as("one event")
                .isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefused() {
        String customer = newCustomer();
        String key = UUID.randomUUID().toString();
        assertThat(post(customer, key, message(OFFICE, "OTHER", "Frage", "Text"))
                        .statusCode())
                .isEqualTo(201);
        as(customer)
                .header(IdempotentWrites.HEADER, key)
                .contentType(ContentType.JSON)
                .body(message(OFFICE, "OTHER", "Frage", "Anderer Text"))
                .post("/api/v1/messages")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:postfach:problem:idempotency-key-reused"));
        assertThat(count("select count(*) from mailbox_message where customer_id = ?", customer))
                .isEqualTo(1);
    }

    @Test
    void aRetryWhileTheFirstIsStillInFlightIsAConflict() {
        String customer = newCustomer();
        String key = UUID.randomUUID().toString();
        WriteMessageRequest request = new WriteMessageRequest(OFFICE, "OTHER", "Frage", "Text");
        // the first request, still running on another instance
        execute(
                "insert into idempotency_key (customer_id, idempotency_key, request_hash, state, created_at) "
                        + "values (?, ?, ?, 'IN_FLIGHT', ?)",
                customer,
                key,
                IdempotentWrites.hash("POST /api/v1/messages", request),
                Timestamp.from(Instant.now()));
        as(customer)
                .header(IdempotentWrites.HEADER, key)
                .contentType(ContentType.JSON)
                .body(message(OFFICE, "OTHER", "Frage", "Text"))
                .post("/api/v1/messages")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:postfach:problem:idempotency-key-in-flight"));
        assertThat(count("select count(*) from mailbox_message where customer_id = ?", customer))
                .isZero();
    }

    @Test
    void aRequestAbandonedInFlightIsRunAgainAfterTheTimeout() {
        String customer = newCustomer();
        String key = UUID.randomUUID().toString();
        WriteMessageRequest request = new WriteMessageRequest(OFFICE, "OTHER", "Frage", "Text");
        execute(
                "insert into idempotency_key (customer_id, idempotency_key, request_hash, state, created_at) "
                        + "values (?, ?, ?, 'IN_FLIGHT', ?)",
                customer,
                key,
                IdempotentWrites.hash("POST /api/v1/messages", request),
                Timestamp.from(Instant.now().minusSeconds(120)));
        assertThat(post(customer, key, message(OFFICE, "OTHER", "Frage", "Text"))
                        .statusCode())
                .isEqualTo(201);
    }

    @Test
    void keysArePerCustomer() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = message(OFFICE, "OTHER", "Frage", "Text");
        String first = post(newCustomer(), key, body).path("messageId");
        String second = post(newCustomer(), key, body).path("messageId");
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void aRefusedWriteReleasesItsKey() {
        String customer = newCustomer();
        String key = UUID.randomUUID().toString();
        assertThat(post(customer, key, message(OFFICE, "OTHER", "", "Text")).statusCode())
                .isEqualTo(400);
        assertThat(post(customer, key, message(OFFICE, "APPOINTMENT_REQUEST", "Termin", "Text"))
                        .statusCode())
                .isEqualTo(422);
        assertThat(count("select count(*) from idempotency_key where customer_id = ?", customer))
                .isZero();
        assertThat(post(customer, key, message(OFFICE, "OTHER", "Frage", "Text"))
                        .statusCode())
                .isEqualTo(201);
    }

    @Test
    void anUnusableKeyIsAFieldError() {
        for (String key : new String[] {"", "x".repeat(256), "mit leerzeichen", "ümlaut"}) {
            String customer = newCustomer();
            as(customer)
                    .header(IdempotentWrites.HEADER, key)
                    .contentType(ContentType.JSON)
                    .body(message(OFFICE, "OTHER", "Frage", "Text"))
                    .post("/api/v1/messages")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:postfach:problem:validation"))
                    .body("errors[0].field", equalTo(IdempotentWrites.HEADER));
            assertThat(storedFor(customer)).isZero();
        }
    }

    @Test
    void aRetriedReplyGetsTheFirstAnswer() {
        String customer = newCustomer();
        String messageId = write(customer, "Frage");
        UUID staff = staffAnswer(customer, messageId, "Antwort");
        String key = UUID.randomUUID().toString();
        String[] locations = new String[2];
        for (int i = 0; i < 2; i++) {
            locations[i] = as(customer)
                    .header(IdempotentWrites.HEADER, key)
                    .contentType(ContentType.JSON)
                    .body(Map.of("body", "Danke!"))
                    .post("/api/v1/messages/" + staff + "/replies")
                    .then()
                    .statusCode(201)
                    .extract()
                    .header("Location");
        }
        assertThat(locations[1]).isEqualTo(locations[0]);
        assertThat(count("select count(*) from mailbox_message where in_reply_to = ?", staff))
                .isEqualTo(1);
    }
}
