package de.jobcenter.postfach.mailbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.jobcenter.postfach.contracts.CustomerMessageSubmitted;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.NotificationPreferenceChanged;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.mailbox.support.ConfigSnapshotResource;
import de.jobcenter.postfach.testing.KafkaBroker;
import de.jobcenter.postfach.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * R2: with the broker stopped, customers' writes succeed and the service stays ready; once Kafka returns, every
 * message is published, once per outbox row. Runs near the end: it takes the shared broker away.
 */
@QuarkusTest
@Order(Integer.MAX_VALUE - 1)
class OutboxResilienceTest extends MailboxApiTest {

    @Test
    void writesSucceedWhileKafkaIsDownAndArePublishedOnceWhenItReturns() {
        String customer = newCustomer();
        List<String> written = new ArrayList<>();
        // Ready first (the office snapshot served and loaded), so that "stays ready while Kafka is away" means
        // something.
        given().post(config(ConfigSnapshotResource.CONTROL_URL) + "/open")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(120))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.CUSTOMER_MESSAGES)) {
            KafkaBroker.shared().stop();
            try {
                for (int i = 0; i < 10; i++) {
                    written.add(write(customer, "Während Kafka fehlt " + i));
                }
                given().get("/q/health/ready").then().statusCode(200);
                await().atMost(Duration.ofSeconds(20))
                        .untilAsserted(() -> assertThat(unpublishedGauge()).isGreaterThanOrEqualTo(10));
                assertThat(count(
                                "select count(*) from outbox_event where published_at is null and topic = ?",
                                Topics.CUSTOMER_MESSAGES))
                        .isGreaterThanOrEqualTo(10);
            } finally {
                KafkaBroker.shared().restart();
            }

            Set<String> expected = new HashSet<>(written);
            Function<ConsumerRecord<String, byte[]>, String> messageId =
                    record -> EventJson.read(record.value(), CustomerMessageSubmitted.class)
                            .messageId()
                            .toString();
            probe.await(r -> expected.contains(messageId.apply(r)), written.size(), Duration.ofSeconds(90));
            Map<String, Long> published = probe.drain(Duration.ofSeconds(2)).stream()
                    .map(messageId)
                    .filter(expected::contains)
                    .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
            assertThat(published).hasSize(written.size());
            assertThat(published.values()).as("each exactly once").containsOnly(1L);
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(count(
                                "select count(*) from outbox_event where published_at is null and topic = ?",
                                Topics.CUSTOMER_MESSAGES))
                        .isZero());
    }

    /**
     * One record the broker refuses for good (here: too large for its topic) must not hold back, or make the relay
     * send again, the acknowledged records of other conversations in the same rounds; it goes out once the broker
     * takes it.
     */
    @Test
    void aRefusedRecordDoesNotRepublishTheOthersOfItsRound() throws Exception {
        String optingIn = newCustomer();
        String writer = newCustomer();
        List<String> written = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()));
                TopicProbe messages = TopicProbe.fromNow(bootstrap(), Topics.CUSTOMER_MESSAGES);
                TopicProbe preferences = TopicProbe.fromNow(bootstrap(), Topics.NOTIFICATION_PREFERENCES)) {
            setMaxMessageBytes(admin, "64");
            try {
                given().auth()
                        .oauth2(customer(optingIn)
                                .email("kunde@example.org", true)
                                .sign())
                        .contentType(ContentType.JSON)
                        .body("{\"enabled\":true}")
                        .put("/api/v1/me/notifications")
                        .then()
                        .statusCode(200);
                for (int i = 0; i < 5; i++) {
                    written.add(write(writer, "Neben einem abgewiesenen Datensatz " + i));
                }
                Set<String> expected = new HashSet<>(written);
                messages.await(r -> expected.contains(messageIdOf(r)), written.size(), Duration.ofSeconds(30));
                // Several relay rounds pass while the preference is refused again and again.
                await().atMost(Duration.ofSeconds(20))
                        .untilAsserted(() -> assertThat(count(
                                        "select count(*) from outbox_event where published_at is null and event_key = ?",
                                        optingIn))
                                .isOne());
                // ... and it stays refused, unmarked, while the relay keeps rounding.
                await().during(Duration.ofMillis(1_500))
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> count(
                                        "select count(*) from outbox_event where published_at is null and event_key = ?",
                                        optingIn)
                                == 1);
                Map<String, Long> published = messages.drain(Duration.ofSeconds(1)).stream()
                        .map(OutboxResilienceTest::messageIdOf)
                        .filter(expected::contains)
                        .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
                assertThat(published).hasSize(written.size());
                assertThat(published.values()).as("each exactly once").containsOnly(1L);
            } finally {
                setMaxMessageBytes(admin, "1048588");
            }
            preferences.await(r -> optingIn.equals(r.key()), 1, Duration.ofSeconds(30));
            List<ConsumerRecord<String, byte[]>> preference = preferences.drain(Duration.ofSeconds(2)).stream()
                    .filter(r -> optingIn.equals(r.key()))
                    .toList();
            assertThat(preference).as("the preference published once").hasSize(1);
            assertThat(EventJson.read(preference.get(0).value(), NotificationPreferenceChanged.class)
                            .enabled())
                    .isTrue();
        }
        assertThat(count("select count(*) from outbox_event where published_at is null and event_key = ?", optingIn))
                .isZero();
    }

    private static void setMaxMessageBytes(Admin admin, String value) throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.NOTIFICATION_PREFERENCES);
        admin.incrementalAlterConfigs(Map.of(
                        topic,
                        List.of(new AlterConfigOp(
                                new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, value),
                                AlterConfigOp.OpType.SET))))
                .all()
                .get(30, TimeUnit.SECONDS);
    }

    private static String messageIdOf(ConsumerRecord<String, byte[]> record) {
        return EventJson.read(record.value(), CustomerMessageSubmitted.class)
                .messageId()
                .toString();
    }

    private static double unpublishedGauge() {
        return given().get("/q/metrics")
                .asString()
                .lines()
                .filter(line -> line.startsWith("postfach_outbox_unpublished "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1)))
                .findFirst()
                .orElse(-1);
    }
}
