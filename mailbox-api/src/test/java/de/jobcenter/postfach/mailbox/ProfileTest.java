package de.jobcenter.postfach.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import de.jobcenter.postfach.contracts.CloudEventHeaders;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.NotificationPreferenceChanged;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.mailbox.support.TestOffices;
import de.jobcenter.postfach.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** {@code GET /me} and {@code PUT /me/notifications}: profile, pre-selection, info e-mail opt-in. */
@QuarkusTest
class ProfileTest extends MailboxApiTest {

    @Test
    void theProfileNamesTheCustomerTheirNumberAndTheCurrentJobCentreAsPreselection() {
        String customer = newCustomer();
        RestAssured.given()
                .auth()
                .oauth2(customer(customer)
                        .customerNumber("123D456789")
                        .currentOffice(TestOffices.BERLIN_MITTE)
                        .sign())
                .get("/api/v1/me")
                .then()
                .statusCode(200)
                .body("customerId", equalTo(customer))
                .body("customerNumber", equalTo("123D456789"))
                .body("preselectedOfficeId", equalTo(TestOffices.BERLIN_MITTE))
                .body("notifications.enabled", equalTo(false))
                .body("notifications.email", nullValue());
    }

    @Test
    void anOfficeTheCustomerCannotWriteToIsNotPreselected() {
        for (String office :
                new String[] {TestOffices.KOELN_SUSPENDED, TestOffices.MUENCHEN_NOT_LIVE_YET, "JC-NIRGENDWO"}) {
            RestAssured.given()
                    .auth()
                    .oauth2(customer(newCustomer()).currentOffice(office).sign())
                    .get("/api/v1/me")
                    .then()
                    .statusCode(200)
                    .body("preselectedOfficeId", nullValue());
        }
    }

    @Test
    void optingInWithAVerifiedAddressPublishesThePreferenceKeyedByCustomer() {
        String customer = newCustomer();
        String token = customer(customer).email("kunde@example.org", true).sign();
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.NOTIFICATION_PREFERENCES)) {
            RestAssured.given()
                    .auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body("{\"enabled\":true}")
                    .put("/api/v1/me/notifications")
                    .then()
                    .statusCode(200)
                    .body("enabled", equalTo(true))
                    .body("email", equalTo("kunde@example.org"));

            ConsumerRecord<String, byte[]> record = probe.await(
                            r -> customer.equals(r.key()), 1, Duration.ofSeconds(30))
                    .get(0);
            NotificationPreferenceChanged event = EventJson.read(record.value(), NotificationPreferenceChanged.class);
            assertThat(event.customerId()).isEqualTo(customer);
            assertThat(event.enabled()).isTrue();
            assertThat(event.email()).isEqualTo("kunde@example.org");
            assertThat(TopicProbe.header(record, CloudEventHeaders.TYPE))
                    .isEqualTo("de.jobcenter.postfach.NotificationPreferenceChanged.v1");
        }
        RestAssured.given()
                .auth()
                .oauth2(token)
                .get("/api/v1/me")
                .then()
                .statusCode(200)
                .body("notifications.enabled", equalTo(true))
                .body("notifications.email", equalTo("kunde@example.org"));
    }

    @Test
    void optingInWithoutAVerifiedAddressIsRefusedAndChangesNothing() {
        String unverified = newCustomer();
        String none = newCustomer();
        for (String token : new String[] {
            customer(unverified).email("kunde@example.org", false).sign(),
            customer(none).sign()
        }) {
            RestAssured.given()
                    .auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body("{\"enabled\":true}")
                    .put("/api/v1/me/notifications")
                    .then()
                    .statusCode(422)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:postfach:problem:no-verified-email"))
                    .body("title", equalTo("Für Info-E-Mails ist eine bestätigte E-Mail-Adresse erforderlich."));
        }
        assertThat(count(
                        "select count(*) from customer where customer_id in (?, ?) and notifications_enabled",
                        unverified,
                        none))
                .isZero();
        assertThat(count("select count(*) from outbox_event where event_key in (?, ?)", unverified, none))
                .isZero();
    }

    @Test
    void optingOutNeedsNoAddressAndIsPublished() {
        String customer = newCustomer();
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.NOTIFICATION_PREFERENCES)) {
            as(customer)
                    .contentType(ContentType.JSON)
                    .body("{\"enabled\":false}")
                    .put("/api/v1/me/notifications")
                    .then()
                    .statusCode(200)
                    .body("enabled", equalTo(false));
            NotificationPreferenceChanged event = EventJson.read(
                    probe.await(r -> customer.equals(r.key()), 1, Duration.ofSeconds(30))
                            .get(0)
                            .value(),
                    NotificationPreferenceChanged.class);
            assertThat(event.enabled()).isFalse();
        }
    }

    @Test
    void aChangedVerifiedAddressIsRepublishedOnTheNextCallAndAnUnchangedOneIsNot() {
        String customer = newCustomer();
        RestAssured.given()
                .auth()
                .oauth2(customer(customer).email("alt@example.org", true).sign())
                .contentType(ContentType.JSON)
                .body("{\"enabled\":true}")
                .put("/api/v1/me/notifications")
                .then()
                .statusCode(200);
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.NOTIFICATION_PREFERENCES)) {
            String newAddress =
                    customer(customer).email("neu@example.org", true).sign();
            RestAssured.given()
                    .auth()
                    .oauth2(newAddress)
                    .get("/api/v1/messages/unread-count")
                    .then()
                    .statusCode(200);
            RestAssured.given()
                    .auth()
                    .oauth2(newAddress)
                    .get("/api/v1/messages/unread-count")
                    .then()
                    .statusCode(200);
            NotificationPreferenceChanged event = EventJson.read(
                    probe.await(
                                    r -> customer.equals(r.key()) && TopicProbe.valueContains(r, "neu@example.org"),
                                    1,
                                    Duration.ofSeconds(30))
                            .get(0)
                            .value(),
                    NotificationPreferenceChanged.class);
            assertThat(event.email()).isEqualTo("neu@example.org");
            assertThat(event.enabled()).isTrue();
        }
        // an unverified address in a later token changes nothing
        RestAssured.given()
                .auth()
                .oauth2(customer(customer)
                        .email("unbestaetigt@example.org", false)
                        .sign())
                .get("/api/v1/me")
                .then()
                .statusCode(200)
                .body("notifications.email", equalTo("neu@example.org"));
        assertThat(count(
                        "select count(*) from outbox_event where topic = ? and event_key = ?",
                        Topics.NOTIFICATION_PREFERENCES,
                        customer))
                .as("opt-in and one change, nothing for the unchanged or unverified address")
                .isEqualTo(2);
    }

    @Test
    void enabledMustBeABoolean() {
        for (String body : new String[] {"{}", "{\"enabled\":null}", "{\"enabled\":\"true\"}", "{\"enabled\":1}"}) {
            as(newCustomer())
                    .contentType(ContentType.JSON)
                    .body(body)
                    .put("/api/v1/me/notifications")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:postfach:problem:validation"))
                    .body("errors[0].field", equalTo("enabled"));
        }
    }
}
