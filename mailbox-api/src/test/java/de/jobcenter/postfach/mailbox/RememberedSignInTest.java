package de.jobcenter.postfach.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import de.jobcenter.postfach.contracts.RouteRef;
import de.jobcenter.postfach.contracts.StaffMessageSent;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.mailbox.retention.HousekeepingService;
import de.jobcenter.postfach.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The sign-in cache (ADR 10): a repeated sign-in with unchanged claims skips the database, yet everything a changed
 * claim or a change made here should cause still happens on the next call.
 */
@QuarkusTest
class RememberedSignInTest extends MailboxApiTest {

    @Inject
    HousekeepingService housekeeping;

    private static void call(Tokens.Builder token) {
        RestAssured.given()
                .auth()
                .oauth2(token.sign())
                .get("/api/v1/messages/unread-count")
                .then()
                .statusCode(200);
    }

    private static void optIn(Tokens.Builder token) {
        RestAssured.given()
                .auth()
                .oauth2(token.sign())
                .contentType(ContentType.JSON)
                .body("{\"enabled\":true}")
                .put("/api/v1/me/notifications")
                .then()
                .statusCode(200);
    }

    private long preferencesPublishedWith(String customer, String email) {
        return count(
                "select count(*) from outbox_event where topic = ? and event_key = ?"
                        + " and position(convert_to(?, 'UTF8') in payload) > 0",
                Topics.NOTIFICATION_PREFERENCES,
                customer,
                email);
    }

    private boolean holds(String customer, String customerNumber) {
        return count(
                        "select count(*) from customer where customer_id = ? and customer_number = ?",
                        customer,
                        customerNumber)
                == 1;
    }

    private static String newNumber(String prefix) {
        return prefix + (100000 + (int) (Math.random() * 899999));
    }

    @Test
    void aChangedVerifiedAddressIsRepublishedAfterRepeatedUnchangedCalls() {
        String customer = newCustomer();
        optIn(customer(customer).email("erst@example.org", true));
        call(customer(customer).email("erst@example.org", true));
        call(customer(customer).email("erst@example.org", true));

        call(customer(customer).email("dann@example.org", true));
        call(customer(customer).email("dann@example.org", true));
        call(customer(customer).email("erst@example.org", true));

        assertThat(preferencesPublishedWith(customer, "dann@example.org"))
                .as("the changed address once")
                .isEqualTo(1);
        assertThat(preferencesPublishedWith(customer, "erst@example.org"))
                .as("the opt-in, and the first address again when a token carries it again")
                .isEqualTo(2);
        as(customer).get("/api/v1/me").then().statusCode(200).body("notifications.email", equalTo("erst@example.org"));
    }

    @Test
    void anAddressSetByOptingInIsCorrectedByTheNextCallWithTheRememberedAddress() {
        String customer = newCustomer();
        call(customer(customer).email("portal@example.org", true));
        call(customer(customer).email("portal@example.org", true));
        // opting in with an older token records its address; the sign-in remembered before must not hide that
        optIn(customer(customer).email("alt@example.org", true));

        call(customer(customer).email("portal@example.org", true));

        as(customer)
                .get("/api/v1/me")
                .then()
                .statusCode(200)
                .body("notifications.enabled", equalTo(true))
                .body("notifications.email", equalTo("portal@example.org"));
        assertThat(preferencesPublishedWith(customer, "portal@example.org")).isEqualTo(1);
    }

    @Test
    void aNewCustomerNumberStillFilesTheStaffMessagesHeldForIt() {
        String customer = newCustomer();
        String first = newNumber("903D");
        String second = newNumber("904D");
        call(customer(customer).customerNumber(first));
        call(customer(customer).customerNumber(first));
        StaffMessageSent held = new StaffMessageSent(
                UUID.randomUUID(),
                null,
                null,
                null,
                second,
                OFFICE,
                "OTHER",
                "Einladung",
                "Bitte kommen Sie am Montag.",
                false,
                RouteRef.eakte(OFFICE),
                Instant.now());
        publish(Topics.STAFF_MESSAGES, held);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count("select count(*) from pending_staff_message where message_id = ?", held.messageId())
                        == 1);

        call(customer(customer).customerNumber(second));

        as(customer)
                .get("/api/v1/messages?folder=inbox")
                .then()
                .statusCode(200)
                .body("items[0].messageId", equalTo(held.messageId().toString()));
    }

    @Test
    void aCustomerNumberTakenOverByAnotherCustomerIsTakenBackByTheOwnersNextCall() {
        String owner = newCustomer();
        String other = newCustomer();
        String number = newNumber("905D");
        call(customer(owner).customerNumber(number));
        call(customer(owner).customerNumber(number));

        call(customer(other).customerNumber(number));
        assertThat(holds(other, number)).isTrue();
        assertThat(holds(owner, number)).isFalse();

        call(customer(owner).customerNumber(number));
        assertThat(holds(owner, number))
                .as("the number belongs to whoever signed in with it last")
                .isTrue();
        assertThat(holds(other, number)).isFalse();
    }

    @Test
    void aCustomerForgottenByHousekeepingIsRecordedAgainAtTheNextCall() {
        String customer = newCustomer();
        call(customer(customer));
        call(customer(customer));
        execute(
                "update customer set last_seen_at = ? where customer_id = ?",
                Timestamp.from(Instant.now().minus(Duration.ofDays(800))),
                customer);
        assertThat(housekeeping.runOnce().get("customers")).isGreaterThanOrEqualTo(1);
        assertThat(count("select count(*) from customer where customer_id = ?", customer))
                .isZero();

        call(customer(customer));

        assertThat(count("select count(*) from customer where customer_id = ?", customer))
                .isEqualTo(1);
        as(customer).get("/api/v1/me").then().statusCode(200).body("customerId", equalTo(customer));
    }
}
