package de.jobcenter.postfach.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.mailbox.idempotency.IdempotentWrites;
import de.jobcenter.postfach.mailbox.retention.HousekeepingService;
import de.jobcenter.postfach.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Retention: messages older than two years are purged, deleted ones 30 days after the deletion; a customer left
 * without messages and inactive as long is forgotten with a tombstone for notification-service; idempotency keys
 * after 24 hours, published outbox rows after 7 days.
 */
@QuarkusTest
class RetentionTest extends MailboxApiTest {

    @Inject
    HousekeepingService housekeeping;

    private static Timestamp ago(Duration duration) {
        return Timestamp.from(Instant.now().minus(duration));
    }

    @Test
    void oldAndLongDeletedMessagesArePurgedAndRecentOnesStay() {
        String customer = newCustomer();
        String old = write(customer, "Alt");
        String recent = write(customer, "Neu");
        String deletedLongAgo = write(customer, "Gelöscht vor 31 Tagen");
        String deletedRecently = write(customer, "Gelöscht gestern");
        execute("update mailbox_message set created_at = ? where message_id = ?::uuid", ago(Duration.ofDays(731)), old);
        execute(
                "update mailbox_message set deleted_at = ? where message_id = ?::uuid",
                ago(Duration.ofDays(31)),
                deletedLongAgo);
        execute(
                "update mailbox_message set deleted_at = ? where message_id = ?::uuid",
                ago(Duration.ofDays(1)),
                deletedRecently);

        housekeeping.runOnce();

        assertThat(count("select count(*) from mailbox_message where message_id = ?::uuid", old))
                .isZero();
        assertThat(count("select count(*) from mailbox_message where message_id = ?::uuid", deletedLongAgo))
                .isZero();
        assertThat(count("select count(*) from mailbox_message where message_id = ?::uuid", recent))
                .isEqualTo(1);
        assertThat(count("select count(*) from mailbox_message where message_id = ?::uuid", deletedRecently))
                .isEqualTo(1);
        assertThat(count("select count(*) from conversation where customer_id = ?", customer))
                .as("the conversations left empty went with their messages")
                .isEqualTo(2);
        assertThat(count("select count(*) from customer where customer_id = ?", customer))
                .isEqualTo(1);
    }

    @Test
    void aCustomerWhoseDataIsFullyPurgedIsForgottenWithATombstone() {
        String inactive = newCustomer();
        String active = newCustomer();
        String message = write(inactive, "Vor langer Zeit");
        as(active).get("/api/v1/me").then().statusCode(200);
        execute(
                "update mailbox_message set created_at = ? where message_id = ?::uuid",
                ago(Duration.ofDays(800)),
                message);
        execute("update customer set last_seen_at = ? where customer_id = ?", ago(Duration.ofDays(800)), inactive);

        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.NOTIFICATION_PREFERENCES)) {
            assertThat(housekeeping.runOnce().get("customers")).isGreaterThanOrEqualTo(1);
            ConsumerRecord<String, byte[]> tombstone = probe.await(
                            r -> inactive.equals(r.key()), 1, Duration.ofSeconds(30))
                    .get(0);
            assertThat(tombstone.value()).as("a tombstone has no value").isNull();
        }
        assertThat(count("select count(*) from customer where customer_id = ?", inactive))
                .isZero();
        assertThat(count("select count(*) from conversation where customer_id = ?", inactive))
                .isZero();
        assertThat(count("select count(*) from customer where customer_id = ?", active))
                .as("a customer seen recently stays, even without messages")
                .isEqualTo(1);
    }

    @Test
    void idempotencyKeysAndPublishedOutboxRowsExpire() {
        String customer = newCustomer();
        String oldKey = UUID.randomUUID().toString();
        String newKey = UUID.randomUUID().toString();
        for (String key : new String[] {oldKey, newKey}) {
            as(customer)
                    .header(IdempotentWrites.HEADER, key)
                    .contentType(ContentType.JSON)
                    .body(message(OFFICE, "OTHER", "Frage " + key, "Text"))
                    .post("/api/v1/messages")
                    .then()
                    .statusCode(201);
        }
        execute(
                "update idempotency_key set created_at = ? where idempotency_key = ?",
                ago(Duration.ofHours(25)),
                oldKey);
        execute(
                "insert into outbox_event (topic, event_key, event_type, headers, payload, published_at) "
                        + "values ('postfach.mailbox-events', 'k', 'test', '{}'::jsonb, null, ?)",
                ago(Duration.ofDays(8)));

        housekeeping.runOnce();

        assertThat(count("select count(*) from idempotency_key where idempotency_key = ?", oldKey))
                .isZero();
        assertThat(count("select count(*) from idempotency_key where idempotency_key = ?", newKey))
                .isEqualTo(1);
        assertThat(count("select count(*) from outbox_event where published_at < now() - interval '7 days'"))
                .isZero();
    }
}
