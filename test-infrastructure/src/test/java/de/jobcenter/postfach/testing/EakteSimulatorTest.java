package de.jobcenter.postfach.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EakteSimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final String TOKEN = "token-of-the-eakte-client";

    private static EakteSimulator eakte;
    private static AdapterStandIn adapter;

    @BeforeAll
    static void start() {
        eakte = EakteSimulator.start(0);
        adapter = AdapterStandIn.start();
        eakte.connectAdapter(adapter.baseUrl(), () -> TOKEN);
    }

    @AfterAll
    static void stop() {
        eakte.stop();
        adapter.close();
    }

    @BeforeEach
    void forgetEverything() {
        eakte.reset();
        adapter.reset();
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
        String documentId = eakte.documents().get(0).get("eakteDocumentId").asText();
        SimulatorPage overview = SimulatorPage.open(eakte.baseUrl(), "/");
        assertThat(overview.replyForm(documentId))
                .contains("Antwort der Sachbearbeitung auf „&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co“");
        assertThat(overview.formFields(documentId)).containsEntry("subject", "AW: <script>alert(1)</script> & Co");
    }

    @Test
    void overviewPageOffersAStaffReplyFormForAnArrivedDocument() throws Exception {
        String messageId = UUID.randomUUID().toString();
        post("/api/v1/incoming-documents", messageId, incomingDocument(messageId, "Antrag"));
        JsonNode document = eakte.documents().get(0);
        String documentId = document.get("eakteDocumentId").asText();

        SimulatorPage page = SimulatorPage.open(eakte.baseUrl(), "/");

        page.assertEveryFieldIsLabelled();
        assertThat(page.html).contains("<th scope=\"col\">Antwort</th>");
        assertThat(page.replyForm(documentId))
                .contains("<summary>Antworten<span class=\"unsichtbar\"> auf „Antrag“</span></summary>")
                .contains("<form method=\"post\" action=\"/simulator/staff-replies\">")
                .contains("<legend>Antwort der Sachbearbeitung auf „Antrag“</legend>")
                .contains("Betreff (Pflichtfeld)</label>")
                .contains("Antwort (Pflichtfeld)</label>")
                .contains("Zahlungsrelevant</label>")
                .contains("<button type=\"submit\">Antwort senden</button>");
        assertThat(page.formFields(documentId))
                .containsEntry("officeId", "JC-BERLIN-MITTE")
                .containsEntry("inReplyTo", messageId)
                .containsEntry("conversationId", document.get("conversationId").asText())
                .containsEntry("customerNumber", "123D456789")
                .containsEntry("customerId", "sub-1")
                .containsEntry("concern", "GENERAL")
                .containsEntry("subject", "AW: Antrag")
                .containsEntry("body", "")
                .doesNotContainKey("paymentRelevant");
        assertThat(page.formFields(documentId).get("sourceId")).startsWith("EAKTE-");
    }

    @Test
    void replyFormDeliversTheStaffReplyTheJsonPathDeliversAndConfirmsIt() throws Exception {
        String messageId = UUID.randomUUID().toString();
        post("/api/v1/incoming-documents", messageId, incomingDocument(messageId, "Antrag"));
        String documentId = eakte.documents().get(0).get("eakteDocumentId").asText();
        String acceptedAs = UUID.randomUUID().toString();
        adapter.answerWith(202, "{\"messageId\":\"" + acceptedAs + "\"}");
        SimulatorPage page = SimulatorPage.open(eakte.baseUrl(), "/");
        Map<String, String> form = page.formFields(documentId);
        form.put("body", "\nGuten Tag,\nIhr Antrag ist eingegangen.");
        form.put("paymentRelevant", "true");

        SimulatorPage after = page.submitAndFollow(form);

        assertThat(after.html)
                .contains("<div id=\"meldung\" class=\"meldung erfolg\" role=\"status\">")
                .contains("Antwort gesendet: Der Adapter hat sie mit HTTP 202 angenommen (Nachrichten-ID " + acceptedAs
                        + ").")
                .contains("Antworten an Kundinnen und Kunden (1)");
        assertThat(after.html.indexOf("role=\"status\"")).isLessThan(after.html.indexOf("<h2"));
        AdapterStandIn.Received fromForm = adapter.received().get(0);
        assertThat(fromForm.method()).isEqualTo("POST");
        assertThat(fromForm.path()).isEqualTo("/api/v1/eakte/messages");
        assertThat(fromForm.headers().getFirst("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(fromForm.headers().getFirst("Content-Type")).isEqualTo("application/json");

        ObjectNode asJson = JSON.createObjectNode()
                .put("sourceId", form.get("sourceId"))
                .put("officeId", "JC-BERLIN-MITTE")
                .put("inReplyTo", messageId)
                .put("conversationId", form.get("conversationId"))
                .put("customerNumber", "123D456789")
                .put("customerId", "sub-1")
                .put("concern", "GENERAL")
                .put("subject", "AW: Antrag")
                .put("body", "\nGuten Tag,\nIhr Antrag ist eingegangen.")
                .put("paymentRelevant", true);
        HttpResponse<String> jsonAnswer = SimulatorPage.postJson(eakte.baseUrl(), asJson.toString());

        assertThat(jsonAnswer.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(jsonAnswer.body()).get("adapterStatus").asInt())
                .isEqualTo(202);
        assertThat(adapter.received()).hasSize(2);
        ObjectNode sentFromForm = (ObjectNode) JSON.readTree(fromForm.body());
        ObjectNode sentFromJson =
                (ObjectNode) JSON.readTree(adapter.received().get(1).body());
        assertThat(Instant.parse(sentFromForm.remove("sentAt").asText())).isBeforeOrEqualTo(Instant.now());
        sentFromJson.remove("sentAt");
        assertThat(sentFromForm).isEqualTo(asJson).isEqualTo(sentFromJson);
    }

    @Test
    void replyFormWithoutSubjectAndTextSendsNothingAndLinksTheErrorsToTheFields() throws Exception {
        String messageId = UUID.randomUUID().toString();
        post("/api/v1/incoming-documents", messageId, incomingDocument(messageId, "Antrag"));
        String documentId = eakte.documents().get(0).get("eakteDocumentId").asText();
        SimulatorPage page = SimulatorPage.open(eakte.baseUrl(), "/");
        Map<String, String> form = page.formFields(documentId);
        form.put("subject", "  ");

        SimulatorPage after = page.submitAndFollow(form);

        after.assertProblemLinkedToField(documentId, "subject", "Betreff", "Bitte einen Betreff angeben.");
        after.assertProblemLinkedToField(documentId, "body", "Antwort", "Bitte die Antwort schreiben.");
        assertThat(after.html)
                .contains("<h2 id=\"meldung-titel\">Es gibt ein Problem</h2>")
                .contains("Die Antwort wurde nicht gesendet: Angaben fehlen.")
                .contains("<details id=\"antwort-" + documentId + "\" open>")
                .doesNotContain("Antwort gesendet");
        assertThat(adapter.received()).isEmpty();
        assertThat(eakte.staffReplies()).isEmpty();
    }

    @Test
    void replyTheAdapterRefusesShowsItsStatusAndKeepsWhatWasEntered() throws Exception {
        String messageId = UUID.randomUUID().toString();
        post("/api/v1/incoming-documents", messageId, incomingDocument(messageId, "Antrag"));
        String documentId = eakte.documents().get(0).get("eakteDocumentId").asText();
        adapter.answerWith(
                400,
                "{\"title\":\"Ungültige Angaben\",\"status\":400,\"errors\":[{\"field\":\"body\","
                        + "\"message\":\"Die Nachricht enthält HTML.\"}]}");
        SimulatorPage page = SimulatorPage.open(eakte.baseUrl(), "/");
        Map<String, String> form = page.formFields(documentId);
        form.put("body", "<b>Bitte</b> Unterlagen senden");

        SimulatorPage after = page.submitAndFollow(form);

        assertThat(adapter.received()).hasSize(1);
        assertThat(after.html)
                .contains("Die Antwort wurde nicht gesendet: Der Adapter hat sie mit HTTP 400 abgelehnt"
                        + " (Ungültige Angaben).")
                .contains("&lt;b&gt;Bitte&lt;/b&gt; Unterlagen senden")
                .doesNotContain("<b>Bitte");
        after.assertProblemLinkedToField(documentId, "body", "Antwort", "Die Nachricht enthält HTML.");
        assertThat(after.formFields(documentId))
                .containsEntry("body", "<b>Bitte</b> Unterlagen senden")
                .containsEntry("sourceId", form.get("sourceId"));
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
