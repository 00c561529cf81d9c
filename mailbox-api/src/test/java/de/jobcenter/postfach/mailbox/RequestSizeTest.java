package de.jobcenter.postfach.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Bodies over 64 KiB are refused with a 413 problem document before anything parses them: a declared
 * {@code Content-Length} at once, a chunked body as soon as it passes the limit. Smaller chunked bodies still work.
 */
@QuarkusTest
class RequestSizeTest extends MailboxApiTest {
    private static final int LIMIT = 64 * 1024;

    @TestHTTPResource("/api/v1/messages")
    URI messages;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private HttpResponse<String> post(String customer, byte[] body, boolean chunked) throws Exception {
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        return http.send(
                HttpRequest.newBuilder(messages)
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token(customer))
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .POST(publisher)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] messageOfBytes(int size) {
        String head = "{\"officeId\":\"" + OFFICE + "\",\"concern\":\"OTHER\",\"subject\":\"Groß\",\"body\":\"";
        String tail = "\"}";
        int padding =
                size - head.getBytes(StandardCharsets.UTF_8).length - tail.getBytes(StandardCharsets.UTF_8).length;
        byte[] body = (head + "x".repeat(padding) + tail).getBytes(StandardCharsets.UTF_8);
        assertThat(body).hasSize(size);
        return body;
    }

    private void assertTooLarge(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonPath problem = JsonPath.from(response.body());
        assertThat(problem.getString("type")).isEqualTo("urn:postfach:problem:payload-too-large");
        assertThat(problem.getString("title")).isEqualTo("Die Anfrage ist zu groß.");
        assertThat(problem.getInt("status")).isEqualTo(413);
    }

    @Test
    void aDeclaredBodyOverTheLimitIsRefusedWithAProblemDocument() throws Exception {
        String customer = newCustomer();
        assertTooLarge(post(customer, messageOfBytes(LIMIT + 1), false));
        assertTooLarge(post(customer, messageOfBytes(1024 * 1024), false));
        assertThat(storedFor(customer)).isZero();
        // the connection pool still works after the refusals
        assertThat(post(customer, messageOfBytes(200), false).statusCode()).isEqualTo(201);
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWithAProblemDocument() throws Exception {
        String customer = newCustomer();
        assertTooLarge(post(customer, messageOfBytes(LIMIT + 1), true));
        assertTooLarge(post(customer, messageOfBytes(512 * 1024), true));
        assertThat(storedFor(customer)).isZero();
    }

    @Test
    void aChunkedBodyWithinTheLimitIsRead() throws Exception {
        String customer = newCustomer();
        HttpResponse<String> response = post(customer, messageOfBytes(300), true);
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(JsonPath.from(response.body()).getString("subject")).isEqualTo("Groß");
    }

    @Test
    void aBodyOfExactlyTheLimitIsParsedAndItsTextRulesApply() throws Exception {
        String customer = newCustomer();
        for (boolean chunked : new boolean[] {false, true}) {
            HttpResponse<String> response = post(customer, messageOfBytes(LIMIT), chunked);
            assertThat(response.statusCode())
                    .as((chunked ? "chunked: " : "Content-Length: ") + response.body())
                    .isEqualTo(400);
            assertThat(JsonPath.from(response.body()).getString("errors[0].field"))
                    .isEqualTo("body");
        }
        assertThat(storedFor(customer)).isZero();
    }
}
