package de.jobcenter.postfach.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.DeliveryStatus;
import de.jobcenter.postfach.contracts.DeliveryStatusChanged;
import de.jobcenter.postfach.contracts.Topics;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code postfach.delivery-status}: a sent message's status only moves forward; ARCHIVED is recorded beside it. */
@QuarkusTest
class DeliveryStatusTest extends MailboxApiTest {

    private static void status(String messageId, DeliveryStatus status) {
        publish(
                Topics.DELIVERY_STATUS,
                new DeliveryStatusChanged(
                        UUID.fromString(messageId), status, Channel.EAKTE, null, null, null, Instant.now()));
    }

    private void awaitStatus(String customer, String messageId, String status) {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        as(customer).get("/api/v1/messages/" + messageId).then().body("status", equalTo(status)));
    }

    @Test
    void aFailedMessageThatIsReplayedBecomesDelivered() {
        String customer = newCustomer();
        String messageId = write(customer, "Frage");
        status(messageId, DeliveryStatus.ROUTED);
        status(messageId, DeliveryStatus.FAILED);
        awaitStatus(customer, messageId, "FAILED");
        status(messageId, DeliveryStatus.DELIVERED);
        awaitStatus(customer, messageId, "DELIVERED");
        status(messageId, DeliveryStatus.FAILED);
        status(messageId, DeliveryStatus.ARCHIVED);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count(
                                "select count(*) from mailbox_message where message_id = ?::uuid and archived_at is not null",
                                messageId)
                        == 1);
        assertThat(as(customer).get("/api/v1/messages/" + messageId).jsonPath().getString("status"))
                .as("FAILED after DELIVERED is ignored")
                .isEqualTo("DELIVERED");
    }

    @Test
    void aStatusForAnUnknownMessageChangesNothing() {
        String customer = newCustomer();
        String messageId = write(customer, "Frage");
        status(UUID.randomUUID().toString(), DeliveryStatus.DELIVERED);
        status(messageId, DeliveryStatus.ROUTED);
        awaitStatus(customer, messageId, "ROUTED");
    }
}
