package de.jobcenter.postfach.mailbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.jobcenter.postfach.contracts.CustomerMessageSubmitted;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.testing.KafkaBroker;
import de.jobcenter.postfach.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
