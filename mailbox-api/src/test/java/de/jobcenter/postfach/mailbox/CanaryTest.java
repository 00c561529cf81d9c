package de.jobcenter.postfach.mailbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import de.jobcenter.postfach.contracts.RouteRef;
import de.jobcenter.postfach.contracts.StaffMessageSent;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.mailbox.idempotency.IdempotentWrites;
import de.jobcenter.postfach.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/**
 * S5 within mailbox-api: a unique string in subjects and bodies — written, answered, refused, oversized, filed by
 * staff, rejected — never reaches a log line, a metric, a Kafka header or a problem document. Also shows the
 * business metrics exist.
 */
@QuarkusTest
class CanaryTest extends MailboxApiTest {
    private final String canary = "Kanarienvogel" + UUID.randomUUID().toString().replace("-", "");

    @Test
    void messageContentNeverReachesLogsMetricsHeadersOrProblems() {
        List<String> logs = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                StringBuilder line = new StringBuilder(String.valueOf(record.getMessage()));
                if (record instanceof org.jboss.logmanager.ExtLogRecord ext) {
                    line.append(' ').append(ext.getFormattedMessage());
                }
                if (record.getParameters() != null) {
                    for (Object parameter : record.getParameters()) {
                        line.append(' ').append(parameter);
                    }
                }
                if (record.getThrown() != null) {
                    StringWriter trace = new StringWriter();
                    record.getThrown().printStackTrace(new PrintWriter(trace));
                    line.append(' ').append(trace);
                }
                logs.add(line.toString());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        List<String> problems = new CopyOnWriteArrayList<>();
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.all().toArray(String[]::new))) {
            String customer = newCustomer();
            String key = UUID.randomUUID().toString();
            String messageId = as(customer)
                    .header(IdempotentWrites.HEADER, key)
                    .contentType(ContentType.JSON)
                    .body(message(OFFICE, "OTHER", "Betreff " + canary, "Text " + canary))
                    .post("/api/v1/messages")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("messageId");
            // refusals that see the canary
            problems.add(post(customer, key, message(OFFICE, "OTHER", "Anders " + canary, "x")));
            problems.add(post(customer, null, message(OFFICE, "OTHER", canary + "\u0000", canary + "\u0007")));
            problems.add(post(customer, null, message(OFFICE, "OTHER", canary.repeat(20), "x")));
            problems.add(post(customer, null, message(OFFICE, "APPOINTMENT_REQUEST", canary, canary)));
            problems.add(post(customer, null, "{\"subject\":\"" + canary + "\",\"body\":"));
            problems.add(post(customer, null, "{\"subject\":\"" + canary + "\",\"unknown\":1}"));
            problems.add(post(customer, null, "{\"subject\":{\"text\":\"" + canary + "\"}}"));
            problems.add(post(customer, null, ("{\"body\":\"" + canary + "x".repeat(70_000) + "\"}")));
            problems.add(post(customer, canary + "\tx", message(OFFICE, "OTHER", "x", "x")));

            UUID staff = staffAnswer(customer, messageId, "Antwort " + canary);
            as(customer)
                    .contentType(ContentType.JSON)
                    .body(Map.of("body", "Antwort " + canary))
                    .post("/api/v1/messages/" + staff + "/replies")
                    .then()
                    .statusCode(201);
            publish(
                    Topics.STAFF_MESSAGES,
                    new StaffMessageSent(
                            UUID.randomUUID(),
                            null,
                            null,
                            "unknown-" + UUID.randomUUID(),
                            null,
                            OFFICE,
                            "OTHER",
                            "Abgelehnt " + canary,
                            "Abgelehnt " + canary,
                            false,
                            RouteRef.eakte(OFFICE),
                            Instant.now()));
            List<ConsumerRecord<String, byte[]>> records =
                    probe.await(r -> r.topic().equals(Topics.STAFF_MESSAGES_REJECTED), 1, Duration.ofSeconds(30));
            records = probe.drain(Duration.ofSeconds(2));

            assertThat(records)
                    .as("the canary travels in record values")
                    .anyMatch(r -> TopicProbe.valueContains(r, canary));
            for (ConsumerRecord<String, byte[]> record : records) {
                assertThat(record.key()).doesNotContain(canary);
                for (Header header : record.headers()) {
                    assertThat(new String(header.value(), StandardCharsets.UTF_8))
                            .as("header " + header.key() + " on " + record.topic())
                            .doesNotContain(canary);
                }
            }
        } finally {
            root.removeHandler(capture);
        }
        assertThat(problems)
                .hasSize(9)
                .allSatisfy(problem -> assertThat(problem).doesNotContain(canary));
        assertThat(logs).isNotEmpty().allSatisfy(line -> assertThat(line).doesNotContain(canary));

        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).doesNotContain(canary);
        assertThat(metrics)
                .contains("postfach_outbox_unpublished")
                .contains("postfach_outbox_oldest_unpublished_age_seconds")
                .contains("postfach_messages_written_total{kind=\"message\"")
                .contains("postfach_messages_written_total{kind=\"reply\"")
                .contains("postfach_staff_messages_filed_total")
                .contains("postfach_staff_messages_rejected_total{reason=\"UNKNOWN_CUSTOMER\"");
    }

    private String post(String customer, String key, Object body) {
        var request = as(customer).contentType(ContentType.JSON).body(body);
        if (key != null) {
            request.header(IdempotentWrites.HEADER, key);
        }
        var response = request.post("/api/v1/messages");
        assertThat(response.statusCode()).isBetween(400, 499);
        return response.asString();
    }
}
