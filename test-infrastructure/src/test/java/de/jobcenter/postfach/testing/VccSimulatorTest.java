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
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VccSimulatorTest {

    private static final String SECRET = "secret-shared-with-the-adapter";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static AdapterStandIn adapter;
    private static VccSimulator vcc;

    @BeforeAll
    static void start() {
        adapter = AdapterStandIn.start();
        vcc = VccSimulator.start(0);
        vcc.connectAdapter(adapter.baseUrl(), SECRET);
    }

    @AfterAll
    static void stop() {
        vcc.stop();
        adapter.close();
    }

    @BeforeEach
    void forgetEverything() {
        vcc.reset();
        adapter.reset();
    }

    @Test
    void overviewPageOffersAStaffReplyFormForEachTicket() throws Exception {
        String reference = UUID.randomUUID().toString();
        String conversationId = UUID.randomUUID().toString();
        String ticketId = openTicket(reference, conversationId, "Frage zum Bescheid", "Guten Tag");

        SimulatorPage page = SimulatorPage.open(vcc.baseUrl(), "/");

        page.assertEveryFieldIsLabelled();
        assertThat(page.html).contains("<html lang=\"de\">").contains("Tickets (1)");
        assertThat(page.replyForm(ticketId))
                .contains("<legend>Antwort der Sachbearbeitung auf „Frage zum Bescheid“</legend>")
                .contains("Betreff (Pflichtfeld)</label>")
                .contains("Antwort (Pflichtfeld)</label>");
        Map<String, String> form = page.formFields(ticketId);
        assertThat(form)
                .containsEntry("externalReference", reference)
                .containsEntry("conversationId", conversationId)
                .containsEntry("officeId", "JC-BERLIN-MITTE")
                .containsEntry("customerNumber", "123D456789")
                .containsEntry("concern", "GENERAL")
                .containsEntry("subject", "AW: Frage zum Bescheid")
                .containsEntry("body", "");
        assertThat(form.get("sourceId")).startsWith("VCC-");
    }

    @Test
    void replyFormSendsTheSignedStaffReplyTheJsonPathSends() throws Exception {
        String reference = UUID.randomUUID().toString();
        String ticketId = openTicket(reference, UUID.randomUUID().toString(), "Frage", "Guten Tag");
        SimulatorPage page = SimulatorPage.open(vcc.baseUrl(), "/");
        Map<String, String> form = page.formFields(ticketId);
        form.put("body", "Ihr Bescheid kommt nächste Woche.");

        SimulatorPage after = page.submitAndFollow(form);

        assertThat(after.html)
                .contains("class=\"meldung erfolg\" role=\"status\"")
                .contains("Antwort gesendet: Der Adapter hat sie mit HTTP 202 angenommen")
                .contains("Angenommen");
        assertThat(adapter.received()).hasSize(1);
        AdapterStandIn.Received fromForm = adapter.received().get(0);
        assertThat(fromForm.path()).isEqualTo(VccSimulator.ADAPTER_REPLIES_PATH);
        String timestamp = fromForm.headers().getFirst(VccSimulator.TIMESTAMP_HEADER);
        assertThat(Instant.ofEpochSecond(Long.parseLong(timestamp)))
                .isBetween(Instant.now().minus(Duration.ofMinutes(1)), Instant.now());
        assertThat(fromForm.headers().getFirst(VccSimulator.SIGNATURE_HEADER))
                .isEqualTo(hmacSha256(timestamp + "." + fromForm.body()));

        JsonNode asJson = JSON.readTree("""
                {"sourceId": "%s", "officeId": "JC-BERLIN-MITTE", "externalReference": "%s", "conversationId": "%s",
                 "customerNumber": "123D456789", "concern": "GENERAL", "subject": "AW: Frage",
                 "body": "Ihr Bescheid kommt nächste Woche.", "paymentRelevant": false}
                """.formatted(form.get("sourceId"), reference, form.get("conversationId")));
        HttpResponse<String> jsonAnswer = SimulatorPage.postJson(vcc.baseUrl(), asJson.toString());

        assertThat(JSON.readTree(jsonAnswer.body()).get("adapterStatus").asInt())
                .isEqualTo(202);
        AdapterStandIn.Received fromJson = adapter.received().get(1);
        assertThat(fromJson.headers().getFirst(VccSimulator.SIGNATURE_HEADER))
                .isEqualTo(
                        hmacSha256(fromJson.headers().getFirst(VccSimulator.TIMESTAMP_HEADER) + "." + fromJson.body()));
        JsonNode sentFromForm = withoutSentAt(fromForm.body());
        assertThat(sentFromForm).isEqualTo(asJson).isEqualTo(withoutSentAt(fromJson.body()));
    }

    @Test
    void replyFormWithoutTextSendsNothingAndSaysWhichFieldIsMissing() throws Exception {
        String ticketId =
                openTicket(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "Frage", "Hallo");
        SimulatorPage page = SimulatorPage.open(vcc.baseUrl(), "/");

        SimulatorPage after = page.submitAndFollow(page.formFields(ticketId));

        after.assertProblemLinkedToField(ticketId, "body", "Antwort", "Bitte die Antwort schreiben.");
        assertThat(after.html).doesNotContain("Betreff: Bitte einen Betreff angeben.");
        assertThat(adapter.received()).isEmpty();
        assertThat(vcc.staffReplies()).isEmpty();
    }

    @Test
    void ticketTextIsEscapedOnThePageAndInItsReplyForm() throws Exception {
        String ticketId = openTicket(
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString(),
                "<img src=x onerror=alert(1)> \"Frage\"",
                "<script>alert('x')</script>");

        SimulatorPage page = SimulatorPage.open(vcc.baseUrl(), "/");

        assertThat(page.html)
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .contains("value=\"AW: &lt;img src=x onerror=alert(1)&gt; &quot;Frage&quot;\"")
                .doesNotContain("<script>")
                .doesNotContain("<img");
        assertThat(page.formFields(ticketId)).containsEntry("subject", "AW: <img src=x onerror=alert(1)> \"Frage\"");
    }

    @Test
    void replyFormSaysSoWhenNoAdapterIsConnectedOrItCannotBeReached() throws Exception {
        try (VccSimulator lone = VccSimulator.start(0)) {
            String ticketId = openTicket(lone, "Frage");
            SimulatorPage page = SimulatorPage.open(lone.baseUrl(), "/");
            Map<String, String> form = page.formFields(ticketId);
            form.put("body", "Antwort");

            assertThat(page.submitAndFollow(form).html)
                    .contains("role=\"alert\"")
                    .contains("Die Antwort wurde nicht gesendet: Der Simulator ist mit keinem Adapter verbunden.");
            assertThat(SimulatorPage.postJson(lone.baseUrl(), "{}").statusCode())
                    .isEqualTo(503);

            AdapterStandIn gone = AdapterStandIn.start();
            gone.close();
            lone.connectAdapter(gone.baseUrl(), SECRET);

            assertThat(page.submitAndFollow(form).html)
                    .contains("Die Antwort wurde nicht gesendet: Der Adapter ist nicht erreichbar.");
            assertThat(lone.staffReplies()).isEmpty();
        }
    }

    private static String openTicket(String reference, String conversationId, String subject, String body)
            throws Exception {
        return openTicket(vcc, reference, conversationId, subject, body);
    }

    private static String openTicket(VccSimulator simulator, String subject) throws Exception {
        return openTicket(
                simulator, UUID.randomUUID().toString(), UUID.randomUUID().toString(), subject, "Text");
    }

    private static String openTicket(
            VccSimulator simulator, String reference, String conversationId, String subject, String body)
            throws Exception {
        String ticket = JSON.createObjectNode()
                .put("externalReference", reference)
                .put("officeId", "JC-BERLIN-MITTE")
                .put("concern", "GENERAL")
                .put("customerNumber", "123D456789")
                .put("conversationId", conversationId)
                .putNull("inReplyTo")
                .put("subject", subject)
                .put("body", body)
                .toString();
        HttpResponse<String> answer = HTTP.send(
                HttpRequest.newBuilder(URI.create(simulator.baseUrl() + VccSimulator.TICKETS_PATH))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(ticket))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(201);
        return JSON.readTree(answer.body()).get("ticketId").asText();
    }

    private static JsonNode withoutSentAt(String body) throws Exception {
        ObjectNode reply = (ObjectNode) JSON.readTree(body);
        assertThat(reply.remove("sentAt")).isNotNull();
        return reply;
    }

    private static String hmacSha256(String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }
}
