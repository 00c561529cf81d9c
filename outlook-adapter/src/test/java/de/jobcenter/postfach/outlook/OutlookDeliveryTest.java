package de.jobcenter.postfach.outlook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.DeliveryStatus;
import de.jobcenter.postfach.contracts.DeliveryStatusChanged;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.MessageRouted;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.kit.deadletter.DeadLetterHeaders;
import de.jobcenter.postfach.kit.deadletter.DeadLetterReplay;
import de.jobcenter.postfach.outlook.correlation.ReplyCorrelation;
import de.jobcenter.postfach.outlook.correlation.ReplyCorrelationRepository;
import de.jobcenter.postfach.outlook.support.Mails;
import de.jobcenter.postfach.outlook.support.Routed;
import de.jobcenter.postfach.outlook.support.TestOffices;
import de.jobcenter.postfach.testing.KafkaBroker;
import de.jobcenter.postfach.testing.TopicProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/**
 * A routed record becomes one mail in the office's mailbox on a real SMTP server, with its reply correlation; past
 * its retry budget it is FAILED in the dead-letter topic, and the replay command mails it once.
 */
@QuarkusTest
@QuarkusTestResource(OutlookTestResources.class)
class OutlookDeliveryTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    ReplyCorrelationRepository correlations;

    @Inject
    MeterRegistry meters;

    private static String bootstrap() {
        return KafkaBroker.shared().bootstrapServers();
    }

    @Test
    void mailsTheMessageWithItsReplyTokenAndRecordsTheCorrelation() throws Exception {
        MessageRouted routed = Routed.message().build();
        try (TopicProbe statuses = TopicProbe.fromNow(bootstrap(), Topics.DELIVERY_STATUS)) {
            Routed.publish(bootstrap(), routed);

            DeliveryStatusChanged status = awaitStatus(statuses, routed, 1).get(0);
            assertThat(status.status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(status.channel()).isEqualTo(Channel.OUTLOOK);
        }

        MimeMessage mail = Mails.awaitReceived(TestOffices.NORD_MAILBOX, Routed.mailMessageId(routed));
        ReplyCorrelation row = QuarkusTransaction.requiringNew().call(() -> correlations.findById(routed.messageId()));
        assertThat(row.token).matches("[A-Z2-7]{16}");
        assertThat(mail.getSubject()).isEqualTo("Postfach [PF-" + row.token + "]: Terminwunsch für nächste Woche");
        assertThat(mail.getFrom()[0].toString()).isEqualTo(OutlookTestResources.SERVICE_ADDRESS);
        assertThat(mail.getHeader("X-Auto-Response-Suppress", null)).isEqualTo("All");
        assertThat(Mails.text(mail))
                .contains("Anliegen: Terminwunsch\n")
                .contains("Kundennummer: 987A654321\n")
                .contains("Ich hätte gern einen Termin am Dienstag.")
                .contains("So antworten Sie")
                .contains("Kennung [PF-…] im Betreff")
                .contains("„[zahlungsrelevant]“ in den Betreff");
        assertThat(row.conversationId).isEqualTo(routed.conversationId());
        assertThat(row.officeId).isEqualTo(TestOffices.NORD);
        assertThat(row.customerId).isEqualTo(routed.customerId());
        assertThat(row.customerNumber).isEqualTo("987A654321");
        assertThat(row.mailbox).isEqualTo(TestOffices.NORD_MAILBOX);
        assertThat(row.mailMessageId).isEqualTo(Routed.mailMessageId(routed));
        assertThat(row.mailedAt).isNotNull();
    }

    @Test
    void mailsARecordDeliveredTwiceOnlyOnce() {
        MessageRouted routed = Routed.message().build();
        try (TopicProbe statuses = TopicProbe.fromNow(bootstrap(), Topics.DELIVERY_STATUS)) {
            Routed.publish(bootstrap(), routed);
            Routed.publish(bootstrap(), routed);

            assertThat(awaitStatus(statuses, routed, 2))
                    .extracting(DeliveryStatusChanged::status)
                    .containsOnly(DeliveryStatus.DELIVERED);
        }
        assertThat(Mails.receivedBy(TestOffices.NORD_MAILBOX, Routed.mailMessageId(routed)))
                .hasSize(1);
    }

    @Test
    void retriesWhileTheSmtpServerIsDownAndMailsOnceItIsBack() {
        MessageRouted routed = Routed.message().subject("Während der Störung").build();
        double retriesBefore = retries();
        try (TopicProbe statuses = TopicProbe.fromNow(bootstrap(), Topics.DELIVERY_STATUS)) {
            OutlookTestResources.smtpProxy().down();
            try {
                Routed.publish(bootstrap(), routed);

                // Two failed attempts (about 2 s): fewer than open the circuit breaker (five), which would pause
                // 30 s, and than spend the retry budget (four, the last about 10 s after the first).
                await().atMost(TIMEOUT).until(() -> retries() >= retriesBefore + 2);
                given().get("/q/health/ready").then().statusCode(200);
                assertThat(Mails.receivedBy(TestOffices.NORD_MAILBOX, Routed.mailMessageId(routed)))
                        .isEmpty();
                assertThat(statuses.drain(Duration.ofMillis(300)))
                        .noneMatch(r ->
                                TopicProbe.valueContains(r, routed.messageId().toString()));
            } finally {
                OutlookTestResources.smtpProxy().up();
            }

            assertThat(awaitStatus(statuses, routed, 1).get(0).status()).isEqualTo(DeliveryStatus.DELIVERED);
        }
        assertThat(Mails.receivedBy(TestOffices.NORD_MAILBOX, Routed.mailMessageId(routed)))
                .hasSize(1);
    }

    @Test
    void deadLettersAndReportsFailedWhenTheServerRefusesTheRecipient() {
        String unknown = "gibt-es-nicht@jobcenter-ge.de";
        OutlookTestResources.smtpProxy().refuseRecipient(unknown);
        MessageRouted routed = Routed.message().to(TestOffices.NORD, unknown).build();
        try (TopicProbe statuses = TopicProbe.fromNow(bootstrap(), Topics.DELIVERY_STATUS);
                TopicProbe deadLetters = TopicProbe.fromNow(bootstrap(), Topics.dlq(Topics.ROUTED_OUTLOOK))) {
            Routed.publish(bootstrap(), routed);

            DeliveryStatusChanged status = awaitStatus(statuses, routed, 1).get(0);
            assertThat(status.status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(status.detail()).contains("recipient refused (SMTP 550)");
            ConsumerRecord<String, byte[]> dead = deadLetters
                    .await(r -> TopicProbe.valueContains(r, routed.messageId().toString()), 1, TIMEOUT)
                    .get(0);
            assertThat(TopicProbe.header(dead, "dead-letter-reason"))
                    .contains("recipient refused")
                    .doesNotContain(routed.subject());
        }
        assertThat(Mails.receivedBy(unknown)).isEmpty();
    }

    @Test
    void pastItsRetryBudgetAMessageEndsFailedInTheDeadLetterTopicAndTheReplayMailsItOnce() {
        String canary = "KANARIE-" + UUID.randomUUID();
        MessageRouted routed = Routed.message()
                .subject("Kündigung " + canary)
                .body("Bitte nicht protokollieren: " + canary)
                .build();
        String messageId = routed.messageId().toString();
        String deadLetterTopic = Topics.dlq(Topics.ROUTED_OUTLOOK);
        double budgetSpentBefore = deadLettered("budget");
        try (TopicProbe statuses = TopicProbe.fromNow(bootstrap(), Topics.DELIVERY_STATUS);
                TopicProbe deadLetters = TopicProbe.fromNow(bootstrap(), deadLetterTopic)) {
            OutlookTestResources.smtpProxy().down();
            try {
                Routed.publish(bootstrap(), routed);

                DeliveryStatusChanged failed = awaitStatus(statuses, routed, 1).get(0);
                assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
                assertThat(failed.channel()).isEqualTo(Channel.OUTLOOK);
                assertThat(failed.detail())
                        .startsWith("Not delivered: retry budget (4 attempts / PT2M) spent after 4 failed attempts")
                        .doesNotContain(canary);
                ConsumerRecord<String, byte[]> dead = deadLetters
                        .await(r -> TopicProbe.valueContains(r, messageId), 1, TIMEOUT)
                        .get(0);
                assertThat(dead.key()).isEqualTo(routed.partitionKey());
                assertThat(TopicProbe.header(dead, DeadLetterHeaders.TOPIC)).isEqualTo(Topics.ROUTED_OUTLOOK);
                assertThat(TopicProbe.header(dead, DeadLetterHeaders.REASON)).isEqualTo(failed.detail());
                assertThat(TopicProbe.header(dead, "ce_type")).isEqualTo("de.jobcenter.postfach.MessageRouted.v1");
                assertThat(TopicProbe.header(dead, "ce_subject")).isEqualTo(messageId);
                for (Header header : dead.headers()) {
                    assertThat(new String(header.value(), StandardCharsets.UTF_8))
                            .as("header %s", header.key())
                            .doesNotContain(canary)
                            .doesNotContain("Kündigung")
                            .doesNotContain("protokollieren");
                }
            } finally {
                OutlookTestResources.smtpProxy().up();
            }
        }
        assertThat(Mails.receivedBy(TestOffices.NORD_MAILBOX, Routed.mailMessageId(routed)))
                .isEmpty();
        assertThat(correlation(routed).mailedAt)
                .as("a FAILED message was never mailed")
                .isNull();
        assertThat(deadLettered("budget")).isEqualTo(budgetSpentBefore + 1);

        // SMTP is back: the operator replays the dead-letter topic with the documented command.
        String group = "replay-test-" + UUID.randomUUID();
        try (TopicProbe statuses = TopicProbe.fromNow(bootstrap(), Topics.DELIVERY_STATUS);
                TopicProbe routedAgain = TopicProbe.fromNow(bootstrap(), Topics.ROUTED_OUTLOOK)) {
            DeadLetterReplay.Result replay = DeadLetterReplay.replay(
                    DeadLetterReplay.Options.of(bootstrap(), deadLetterTopic).withGroup(group));

            assertThat(replay.records())
                    .filteredOn(r -> r.subject().equals(messageId))
                    .singleElement()
                    .satisfies(r -> assertThat(r.target()).isEqualTo(Topics.ROUTED_OUTLOOK));
            ConsumerRecord<String, byte[]> replayed = routedAgain
                    .await(r -> TopicProbe.valueContains(r, messageId), 1, TIMEOUT)
                    .get(0);
            assertThat(TopicProbe.header(replayed, DeadLetterHeaders.REPLAYED_FROM))
                    .startsWith(deadLetterTopic + "-");
            assertThat(TopicProbe.header(replayed, DeadLetterHeaders.REASON)).isNull();
            assertThat(awaitStatus(statuses, routed, 1).get(0).status()).isEqualTo(DeliveryStatus.DELIVERED);
        }
        assertThat(Mails.receivedBy(TestOffices.NORD_MAILBOX, Routed.mailMessageId(routed)))
                .hasSize(1);
        assertThat(correlation(routed).mailedAt).isNotNull();
        assertThat(DeadLetterReplay.replay(DeadLetterReplay.Options.of(bootstrap(), deadLetterTopic)
                                .withGroup(group))
                        .records())
                .as("a second run replays nothing twice")
                .noneMatch(r -> r.subject().equals(messageId));
    }

    private ReplyCorrelation correlation(MessageRouted routed) {
        return QuarkusTransaction.requiringNew().call(() -> correlations.findById(routed.messageId()));
    }

    private double deadLettered(String cause) {
        Counter counter = meters.find("postfach.delivery.dead-lettered")
                .tag("channel", "OUTLOOK")
                .tag("cause", cause)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static List<DeliveryStatusChanged> awaitStatus(TopicProbe probe, MessageRouted routed, int count) {
        return probe.await(r -> TopicProbe.valueContains(r, routed.messageId().toString()), count, TIMEOUT).stream()
                .map(r -> EventJson.read(r.value(), DeliveryStatusChanged.class))
                .toList();
    }

    private double retries() {
        Counter counter = meters.find("postfach.delivery.retries")
                .tag("channel", "OUTLOOK")
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
