package de.jobcenter.postfach.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EakteSimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static EakteSimulator eakte;

    @BeforeAll
    static void start() {
        eakte = EakteSimulator.start(0);
    }

    @AfterAll
    static void stop() {
        eakte.stop();
    }

    @BeforeEach
    void forgetEverything() {
        eakte.reset();
    }

    @Test
    void sameIdempotencyKeyTwiceFilesOneDocumentAndAnswersConflictWithTheSameId() throws Exception {
        String messageId = UUID.randomUUID().toString();

        HttpResponse<String> first =
                post("/api/v1/incoming-documents", messageId, incomingDocument(messageId, "Antrag"));
        HttpResponse<String> second =
                post("/api/v1/incoming-documents", messageId, incomingDocument(messageId, "Antrag"));

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(409);
        String documentId = JSON.readTree(first.body()).get("documentId").asText();
        assertThat(documentId).isNotBlank();
        assertThat(JSON.readTree(second.body()).get("documentId").asText()).isEqualTo(documentId);
        assertThat(eakte.documents()).hasSize(1);
        assertThat(eakte.documents().get(0).get("subject").asText()).isEqualTo("Antrag");
        assertThat(eakte.documents().get(0).get("eakteDocumentId").asText()).isEqualTo(documentId);
        assertThat(eakte.requestCount()).isEqualTo(2);
    }

    @Test
    void deliveryWithoutIdempotencyKeyIsRefusedAndNothingIsStored() throws Exception {
        HttpResponse<String> response = post("/api/v1/incoming-documents", null, incomingDocument("m-1", "Antrag"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(eakte.documents()).isEmpty();
    }

    @Test
    void unavailableSimulatorAnswersServiceUnavailableUntilSwitchedBack() throws Exception {
        eakte.setAvailable(false);

        assertThat(post("/api/v1/incoming-documents", "k-1", incomingDocument("m-1", "Antrag"))
                        .statusCode())
                .isEqualTo(503);
        assertThat(get("/api/v1/incoming-documents").statusCode()).isEqualTo(503);

        eakte.setAvailable(true);

        assertThat(post("/api/v1/incoming-documents", "k-1", incomingDocument("m-1", "Antrag"))
                        .statusCode())
                .isEqualTo(201);
        assertThat(eakte.documents()).hasSize(1);
    }

    @Test
    void plannedFailuresAnswerTheGivenStatusThenDeliveriesSucceed() throws Exception {
        eakte.failNext(2, 500);

        assertThat(post("/api/v1/incoming-documents", "k-1", incomingDocument("m-1", "A"))
                        .statusCode())
                .isEqualTo(500);
        assertThat(post("/api/v1/incoming-documents", "k-1", incomingDocument("m-1", "A"))
                        .statusCode())
                .isEqualTo(500);
        assertThat(post("/api/v1/incoming-documents", "k-1", incomingDocument("m-1", "A"))
                        .statusCode())
                .isEqualTo(201);
        assertThat(eakte.requestCount()).isEqualTo(3);
        assertThat(eakte.documents()).hasSize(1);
    }

    @Test
    void archiveReceiptCarriesTheSha256OfTheBodyAndIsRepeatedForTheSameKey() throws Exception {
        String messageId = UUID.randomUUID().toString();
        String body = "Sehr geehrte Damen und Herren,\nanbei mein Antrag. Grüße";
        String key = messageId + ":INBOUND";

        HttpResponse<String> first = post("/api/v1/archive", key, archiveRequest(messageId, "INBOUND", body));
        HttpResponse<String> second = post("/api/v1/archive", key, archiveRequest(messageId, "INBOUND", body));

        assertThat(first.statusCode()).isEqualTo(201);
        JsonNode receipt = JSON.readTree(first.body());
        String expectedSha256 = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(receipt.get("sha256").asText()).isEqualTo(expectedSha256);
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(second.body())).isEqualTo(receipt);
        assertThat(eakte.archived()).hasSize(1);
    }

    @Test
    void archiveKeyThatDoesNotMatchTheBodyIsRefused() throws Exception {
        String messageId = UUID.randomUUID().toString();

        HttpResponse<String> response =
                post("/api/v1/archive", messageId + ":OUTBOUND", archiveRequest(messageId, "INBOUND", "Text"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(eakte.archived()).isEmpty();
    }

    @Test
    void overviewPageIsGermanAndShowsArrivedDocumentsEscaped() throws Exception {
        post("/api/v1/incoming-documents", "k-1", incomingDocument("m-1", "<script>alert(1)</script> & Co"));

        HttpResponse<String> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body())
                .contains("<html lang=\"de\">")
                .contains("Eingegangene Dokumente (1)")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co")
                .doesNotContain("<script>");
    }

    @Test
    void listsWhatArrivedAsJson() throws Exception {
        post("/api/v1/incoming-documents", "k-1", incomingDocument("m-1", "Antrag"));

        JsonNode listed = JSON.readTree(get("/api/v1/incoming-documents").body());

        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("idempotencyKey").asText()).isEqualTo("k-1");
    }

    private static String incomingDocument(String messageId, String subject) {
        return JSON.createObjectNode()
                .put("documentId", messageId)
                .put("officeId", "JC-BERLIN-MITTE")
                .put("customerNumber", "123D456789")
                .put("customerId", "sub-1")
                .put("conversationId", UUID.randomUUID().toString())
                .putNull("inReplyTo")
                .put("concern", "GENERAL")
                .put("subject", subject)
                .put("body", "Guten Tag")
                .put("receivedAt", "2025-01-01T10:00:00Z")
                .put("paymentRelevant", false)
                .toString();
    }

    private static String archiveRequest(String messageId, String direction, String body) {
        return JSON.createObjectNode()
                .put("messageId", messageId)
                .put("direction", direction)
                .put("officeId", "JC-BERLIN-MITTE")
                .put("customerId", "sub-1")
                .put("concern", "GENERAL")
                .put("subject", "Antrag")
                .put("body", body)
                .put("carriedBy", "EAKTE")
                .put("occurredAt", "2025-01-01T10:00:00Z")
                .toString();
    }

    private static HttpResponse<String> post(String path, String idempotencyKey, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(eakte.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(eakte.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
