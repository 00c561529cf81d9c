package de.jobcenter.postfach.mailbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import de.jobcenter.postfach.contracts.CustomerMessageSubmitted;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.mailbox.support.TestOffices;
import de.jobcenter.postfach.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code POST /messages}: every answer of the design table, and nothing stored on a refusal. */
@QuarkusTest
class WriteMessageTest extends MailboxApiTest {

    private static ValidatableResponse post(String customer, Object body) {
        return as(customer)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/messages")
                .then();
    }

    @Test
    void aWrittenMessageIsStoredAnsweredWithLocationAndPublishedWithTheOfficesPaymentRelevance() {
        String customer = newCustomer();
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.CUSTOMER_MESSAGES)) {
            var response = post(
                            customer,
                            message(
                                    OFFICE,
                                    "RENT_AND_HEATING",
                                    "  Nebenkosten 2025  ",
                                    "Guten Tag,\n\tdie Abrechnung."))
                    .statusCode(201)
                    .contentType(ContentType.JSON)
                    .body("direction", equalTo("SENT"))
                    .body("officeName", equalTo("Jobcenter Berlin Mitte"))
                    .body("subject", equalTo("Nebenkosten 2025"))
                    .body("body", equalTo("Guten Tag,\n\tdie Abrechnung."))
                    .body("status", equalTo("SUBMITTED"))
                    .body("read", equalTo(true))
                    .extract();
            String messageId = response.path("messageId");
            assertThat(response.header("Location")).endsWith("/api/v1/messages/" + messageId);
            CustomerMessageSubmitted event = EventJson.read(
                    probe.await(r -> TopicProbe.valueContains(r, messageId), 1, Duration.ofSeconds(30))
                            .get(0)
                            .value(),
                    CustomerMessageSubmitted.class);
            assertThat(event.paymentRelevant()).isTrue();
            assertThat(event.concern()).isEqualTo("RENT_AND_HEATING");
            assertThat(event.inReplyTo()).isNull();
            assertThat(event.replyRoute()).isNull();
        }
        assertThat(count("select count(*) from mailbox_message where customer_id = ? and payment_relevant", customer))
                .isEqualTo(1);
    }

    @Test
    void anUnknownOfficeIsNotFound() {
        String customer = newCustomer();
        post(customer, message("JC-NIRGENDWO", "OTHER", "Frage", "Text"))
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:postfach:problem:office-not-found"))
                .body("title", equalTo("Diese Dienststelle ist nicht bekannt."));
        assertThat(storedFor(customer)).isZero();
    }

    @Test
    void anOfficeThatIsNotLiveYetOrSuspendedRefusesMessages() {
        String customer = newCustomer();
        for (String office : new String[] {TestOffices.MUENCHEN_NOT_LIVE_YET, TestOffices.KOELN_SUSPENDED}) {
            post(customer, message(office, "OTHER", "Frage", "Text"))
                    .statusCode(422)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:postfach:problem:office-not-live"))
                    .body("officeId", equalTo(office));
        }
        assertThat(storedFor(customer)).isZero();
    }

    @Test
    void aConcernTheOfficeDoesNotOfferIsRefusedWithTheOfficesHintText() {
        String customer = newCustomer();
        post(customer, message(OFFICE, "APPOINTMENT_REQUEST", "Termin", "Ich brauche einen Termin."))
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:postfach:problem:concern-not-offered"))
                .body("hintText", equalTo(TestOffices.APPOINTMENT_HINT))
                .body("concern", equalTo("APPOINTMENT_REQUEST"));
        post(customer, message(OFFICE, "FURTHER_BENEFITS", "Erstausstattung", "Text"))
                .statusCode(422)
                .body("type", equalTo("urn:postfach:problem:concern-not-offered"));
        assertThat(storedFor(customer)).isZero();
    }

    @Test
    void anOnlineFlowConcernIsRefusedWithItsRedirect() {
        String customer = newCustomer();
        post(customer, message(OFFICE, "CHANGE_NOTIFICATION", "Umzug", "Ich bin umgezogen."))
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:postfach:problem:concern-is-online-flow"))
                .body("redirectUrl", equalTo(TestOffices.CHANGE_REDIRECT));
        post(customer, message(OFFICE, "CONTINUATION_APPLICATION", "WBA", "Text"))
                .statusCode(422)
                .body("redirectUrl", equalTo(TestOffices.CONTINUATION_REDIRECT));
        assertThat(storedFor(customer)).isZero();
    }

    @Test
    void aConcernOutsideTheCatalogueIsAFieldError() {
        String customer = newCustomer();
        post(customer, message(OFFICE, "LOTTERY_WIN", "Gewinn", "Text"))
                .statusCode(400)
                .body("type", equalTo("urn:postfach:problem:validation"))
                .body("errors.field", containsInAnyOrder("concern"));
        assertThat(storedFor(customer)).isZero();
    }

    @Test
    void everyInvalidFieldIsReportedAtOnce() {
        String customer = newCustomer();
        post(customer, Map.of("officeId", "", "concern", "x", "subject", "a".repeat(201), "body", "b".repeat(10_001)))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:postfach:problem:validation"))
                .body("title", equalTo("Die Angaben sind ungültig."))
                .body("errors.field", containsInAnyOrder("officeId", "concern", "subject", "body"));
        post(customer, Map.of())
                .statusCode(400)
                .body("errors.field", containsInAnyOrder("officeId", "concern", "subject", "body"));
        assertThat(storedFor(customer)).isZero();
    }

    @Test
    void lengthsAreCountedInCodePointsAfterNormalisation() {
        String customer = newCustomer();
        // 200 emoji are 400 UTF-16 units but 200 characters; "e" + combining acute is one character after NFC
        String subject = "😀".repeat(199) + "e\u0301";
        post(customer, message(OFFICE, "OTHER", subject, "x".repeat(10_000)))
                .statusCode(201)
                .body("subject", equalTo("😀".repeat(199) + "é"));
    }

    @Test
    void aWrongContentTypeIs415AndAWrongAcceptIs406() {
        String customer = newCustomer();
        as(customer)
                .contentType(ContentType.TEXT)
                .body("officeId=JC-BERLIN-MITTE")
                .post("/api/v1/messages")
                .then()
                .statusCode(415)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:postfach:problem:unsupported-media-type"));
        given().auth()
                .oauth2(token(customer))
                .accept("text/html")
                .contentType(ContentType.JSON)
                .body(message(OFFICE, "OTHER", "Frage", "Text"))
                .post("/api/v1/messages")
                .then()
                .statusCode(406)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:postfach:problem:not-acceptable"));
        assertThat(storedFor(customer)).isZero();
    }
}
