package de.jobcenter.postfach.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import de.jobcenter.postfach.contracts.CloudEventHeaders;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.MailboxMessageArrived;
import de.jobcenter.postfach.contracts.OfficeType;
import de.jobcenter.postfach.contracts.RejectionReason;
import de.jobcenter.postfach.contracts.RouteRef;
import de.jobcenter.postfach.contracts.StaffMessageRejected;
import de.jobcenter.postfach.contracts.StaffMessageSent;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.mailbox.retention.HousekeepingService;
import de.jobcenter.postfach.mailbox.support.TestOffices;
import de.jobcenter.postfach.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Staff messages from {@code postfach.staff-messages}: filed, announced, held or rejected; idempotent. */
@QuarkusTest
class StaffMessageTest extends MailboxApiTest {

    @Inject
    HousekeepingService housekeeping;

    private static StaffMessageSent startedByStaff(String officeId, String customerId, String customerNumber) {
        return new StaffMessageSent(
                UUID.randomUUID(),
                null,
                null,
                customerId,
                customerNumber,
                officeId,
                "OTHER",
                "Einladung zum Gespräch",
                "Bitte kommen Sie am Montag um 10 Uhr.",
                false,
                RouteRef.eakte(officeId),
                Instant.now());
    }

    private static void signIn(String customerId, String customerNumber) {
        var token = customer(customerId);
        if (customerNumber != null) {
            token.customerNumber(customerNumber);
        }
        RestAssured.given().auth().oauth2(token.sign()).get("/api/v1/me").then().statusCode(200);
    }

    private static StaffMessageRejected rejection(TopicProbe probe, UUID messageId) {
        ConsumerRecord<String, byte[]> record = probe.await(
                        r -> messageId.toString().equals(r.key()), 1, Duration.ofSeconds(30))
                .get(0);
        return EventJson.read(record.value(), StaffMessageRejected.class);
    }

    @Test
    void aConversationStartedByStaffLandsInTheInboxAndIsAnnouncedWithoutContent() {
        String customer = newCustomer();
        signIn(customer, null);
        StaffMessageSent staff = startedByStaff(OFFICE, customer, null);
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.MAILBOX_EVENTS)) {
            publish(Topics.STAFF_MESSAGES, staff);
            ConsumerRecord<String, byte[]> record = probe.await(
                            r -> customer.equals(r.key()), 1, Duration.ofSeconds(30))
                    .get(0);
            MailboxMessageArrived arrived = EventJson.read(record.value(), MailboxMessageArrived.class);
            assertThat(arrived.messageId()).isEqualTo(staff.messageId());
            assertThat(arrived.officeId()).isEqualTo(OFFICE);
            assertThat(arrived.officeType()).isEqualTo(OfficeType.JOBCENTER);
            assertThat(TopicProbe.valueContains(record, "Gespräch"))
                    .as("no subject")
                    .isFalse();
            assertThat(TopicProbe.valueContains(record, "Montag")).as("no body").isFalse();
            assertThat(TopicProbe.header(record, CloudEventHeaders.TYPE))
                    .isEqualTo("de.jobcenter.postfach.MailboxMessageArrived.v1");
        }
        as(customer)
                .get("/api/v1/messages?folder=inbox")
                .then()
                .statusCode(200)
                .body("items[0].messageId", equalTo(staff.messageId().toString()))
                .body("items[0].subject", equalTo("Einladung zum Gespräch"))
                .body("items[0].read", equalTo(false));
    }

    @Test
    void anAgencysMessageIsAnnouncedAsComingFromAnAgency() {
        String customer = newCustomer();
        signIn(customer, null);
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.MAILBOX_EVENTS)) {
            publish(Topics.STAFF_MESSAGES, startedByStaff(TestOffices.AGENCY_BERLIN_NORD, customer, null));
            MailboxMessageArrived arrived = EventJson.read(
                    probe.await(r -> customer.equals(r.key()), 1, Duration.ofSeconds(30))
                            .get(0)
                            .value(),
                    MailboxMessageArrived.class);
            assertThat(arrived.officeType()).isEqualTo(OfficeType.EMPLOYMENT_AGENCY);
        }
    }

    @Test
    void theSameStaffRecordDeliveredTwiceGivesOneInboxEntryAndOneAnnouncement() {
        String customer = newCustomer();
        signIn(customer, null);
        StaffMessageSent staff = startedByStaff(OFFICE, customer, null);
        publish(Topics.STAFF_MESSAGES, staff);
        publish(Topics.STAFF_MESSAGES, staff);
        // a marker on the same partition: once it is filed, both copies have been consumed
        StaffMessageSent marker = startedByStaff(OFFICE, customer, null);
        TopicProbe.send(
                bootstrap(),
                Topics.STAFF_MESSAGES,
                staff.partitionKey(),
                EventJson.write(marker),
                CloudEventHeaders.forEvent(marker, "test", Instant.now()));
        awaitFiled(staff.messageId());
        awaitFiled(marker.messageId());
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        as(customer).get("/api/v1/messages?folder=inbox").then().body("total", equalTo(2)));
        assertThat(count("select count(*) from mailbox_message where message_id = ?", staff.messageId()))
                .isEqualTo(1);
        assertThat(count(
                        "select count(*) from outbox_event where topic = ? and headers ->> 'ce_subject' = ?",
                        Topics.MAILBOX_EVENTS,
                        staff.messageId().toString()))
                .isEqualTo(1);
    }

    @Test
    void aMessageForAnUnknownCustomerIsRejected() {
        StaffMessageSent staff = startedByStaff(OFFICE, "never-signed-in-" + UUID.randomUUID(), null);
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.STAFF_MESSAGES_REJECTED)) {
            publish(Topics.STAFF_MESSAGES, staff);
            StaffMessageRejected rejected = rejection(probe, staff.messageId());
            assertThat(rejected.reason()).isEqualTo(RejectionReason.UNKNOWN_CUSTOMER);
            assertThat(rejected.officeId()).isEqualTo(OFFICE);
            assertThat(rejected.route()).isEqualTo(staff.route());
        }
        assertThat(count("select count(*) from mailbox_message where message_id = ?", staff.messageId()))
                .isZero();
    }

    @Test
    void aMessageIntoAnotherCustomersOrOfficesConversationIsRejected() {
        String owner = newCustomer();
        String first = write(owner, "Frage");
        UUID conversation = UUID.fromString(conversationOf(owner, first));
        String intruder = newCustomer();
        signIn(intruder, null);

        StaffMessageSent otherCustomer = staffMessage(conversation, UUID.fromString(first), intruder, null, "Hallo");
        StaffMessageSent otherOffice = new StaffMessageSent(
                UUID.randomUUID(),
                conversation,
                null,
                owner,
                null,
                TestOffices.AGENCY_BERLIN_NORD,
                "OTHER",
                "Hallo",
                "Text",
                false,
                RouteRef.eakte(TestOffices.AGENCY_BERLIN_NORD),
                Instant.now());
        StaffMessageSent unknownConversation = staffMessage(UUID.randomUUID(), null, owner, null, "Hallo");
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.STAFF_MESSAGES_REJECTED)) {
            for (StaffMessageSent staff : new StaffMessageSent[] {otherCustomer, otherOffice, unknownConversation}) {
                publish(Topics.STAFF_MESSAGES, staff);
                assertThat(rejection(probe, staff.messageId()).reason())
                        .isEqualTo(RejectionReason.CONVERSATION_MISMATCH);
            }
        }
        assertThat(count("select count(*) from mailbox_message where conversation_id = ?", conversation))
                .isEqualTo(1);
    }

    @Test
    void aMessageWithoutAnyRecipientOrWithInvalidTextIsRejectedAsInvalid() {
        StaffMessageSent nobody = startedByStaff(OFFICE, null, null);
        String customer = newCustomer();
        signIn(customer, null);
        StaffMessageSent controlCharacters = new StaffMessageSent(
                UUID.randomUUID(),
                null,
                null,
                customer,
                null,
                OFFICE,
                "OTHER",
                "Betreff\u0000",
                "Text",
                false,
                RouteRef.eakte(OFFICE),
                Instant.now());
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.STAFF_MESSAGES_REJECTED)) {
            publish(Topics.STAFF_MESSAGES, nobody);
            publish(Topics.STAFF_MESSAGES, controlCharacters);
            assertThat(rejection(probe, nobody.messageId()).reason()).isEqualTo(RejectionReason.INVALID);
            assertThat(rejection(probe, controlCharacters.messageId()).reason()).isEqualTo(RejectionReason.INVALID);
        }
    }

    @Test
    void aMessageForANumberNeverSeenIsHeldAndFiledAtTheCustomersFirstSignIn() {
        String number = "901D" + (100000 + (int) (Math.random() * 899999));
        StaffMessageSent staff = startedByStaff(OFFICE, null, number);
        publish(Topics.STAFF_MESSAGES, staff);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count("select count(*) from pending_staff_message where message_id = ?", staff.messageId())
                        == 1);

        String customer = newCustomer();
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.MAILBOX_EVENTS)) {
            signIn(customer, number);
            as(customer)
                    .get("/api/v1/messages?folder=inbox")
                    .then()
                    .statusCode(200)
                    .body("items[0].messageId", equalTo(staff.messageId().toString()));
            probe.await(r -> customer.equals(r.key()), 1, Duration.ofSeconds(30));
        }
        assertThat(count("select count(*) from pending_staff_message where message_id = ?", staff.messageId()))
                .isZero();

        // later messages for the number go straight to the customer
        StaffMessageSent later = startedByStaff(OFFICE, null, number);
        publish(Topics.STAFF_MESSAGES, later);
        awaitFiled(later.messageId());
        assertThat(count(
                        "select count(*) from mailbox_message where message_id = ? and customer_id = ?",
                        later.messageId(),
                        customer))
                .isEqualTo(1);
    }

    @Test
    void aHeldMessageIsRejectedWhenItsCustomerDoesNotSignInInTime() {
        StaffMessageSent staff = startedByStaff(OFFICE, null, "902D" + (100000 + (int) (Math.random() * 899999)));
        publish(Topics.STAFF_MESSAGES, staff);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count("select count(*) from pending_staff_message where message_id = ?", staff.messageId())
                        == 1);
        execute(
                "update pending_staff_message set received_at = ? where message_id = ?",
                Timestamp.from(Instant.now().minus(Duration.ofDays(91))),
                staff.messageId());
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.STAFF_MESSAGES_REJECTED)) {
            assertThat(housekeeping.runOnce().get("pending-staff-messages")).isGreaterThanOrEqualTo(1);
            assertThat(rejection(probe, staff.messageId()).reason())
                    .isEqualTo(RejectionReason.CUSTOMER_PENDING_EXPIRED);
        }
        assertThat(count("select count(*) from pending_staff_message where message_id = ?", staff.messageId()))
                .isZero();
    }
}
