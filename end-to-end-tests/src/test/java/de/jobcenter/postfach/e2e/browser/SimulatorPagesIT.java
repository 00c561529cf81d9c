package de.jobcenter.postfach.e2e.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.jobcenter.postfach.testing.EakteSimulator;
import de.jobcenter.postfach.testing.VccSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The demo pages of the E-AKTE and VCC simulators, where people of the local stack answer as staff: with a document
 * and a ticket on them, so that their answer forms show, axe-core (WCAG 2.0/2.1 A and AA) finds no violation, and
 * every field of the answer forms has a label.
 */
class SimulatorPagesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path WORK = Path.of(System.getProperty("postfach.repository.root", ".."))
            .toAbsolutePath()
            .resolve("end-to-end-tests/target/simulator-pages");

    private static EakteSimulator eakte;
    private static VccSimulator vcc;
    private static Browser browser;

    @BeforeAll
    static void start() {
        String axe = System.getProperty("axe.script");
        Prerequisites.require(axe == null ? null : Path.of(axe));
        eakte = EakteSimulator.start(0);
        vcc = VccSimulator.start(0);
        browser = Browser.start(WORK, Path.of(axe));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (vcc != null) {
            vcc.stop();
        }
        if (eakte != null) {
            eakte.stop();
        }
    }

    @Test
    void theEakteSimulatorPageWithADocumentAndItsAnswerFormIsAccessible() throws Exception {
        String messageId = UUID.randomUUID().toString();
        String document = JSON.createObjectNode()
                .put("documentId", messageId)
                .put("officeId", "JC-BERLIN-MITTE")
                .put("customerNumber", "123D456789")
                .put("customerId", "sub-1")
                .put("conversationId", UUID.randomUUID().toString())
                .putNull("inReplyTo")
                .put("concern", "GENERAL")
                .put("subject", "Antrag auf Weiterbewilligung")
                .put("body", "Guten Tag, anbei mein Antrag.")
                .put("receivedAt", "2026-11-29T10:00:00Z")
                .put("paymentRelevant", true)
                .toString();
        assertThat(post(eakte.baseUrl() + "/api/v1/incoming-documents", messageId, document))
                .isEqualTo(201);

        browser.open(eakte.baseUrl() + "/");

        assertThat(browser.title()).isEqualTo("E-AKTE-Simulator");
        assertThat(browser.text()).contains("Antrag auf Weiterbewilligung");
        assertEveryFormFieldIsLabelled();
        browser.assertAccessible("E-AKTE simulator with a document and its answer form");
    }

    @Test
    void theVccSimulatorPageWithATicketAndItsAnswerFormIsAccessible() throws Exception {
        String ticket = JSON.createObjectNode()
                .put("externalReference", UUID.randomUUID().toString())
                .put("officeId", "JC-KOELN")
                .put("concern", "GENERAL")
                .put("customerNumber", "123D456789")
                .put("conversationId", UUID.randomUUID().toString())
                .putNull("inReplyTo")
                .put("subject", "Frage zum Termin")
                .put("body", "Hallo, wann ist mein Termin?")
                .toString();
        assertThat(post(vcc.baseUrl() + VccSimulator.TICKETS_PATH, null, ticket))
                .isEqualTo(201);

        browser.open(vcc.baseUrl() + "/");

        assertThat(browser.title()).isEqualTo("VCC-Simulator (Service Center)");
        assertThat(browser.text()).contains("Frage zum Termin");
        assertEveryFormFieldIsLabelled();
        browser.assertAccessible("VCC simulator with a ticket and its answer form");
    }

    /** Every visible field of a form has a {@code <label for>}; the answer form is really on the page. */
    private static void assertEveryFormFieldIsLabelled() {
        var fields = browser.findAll(By.cssSelector("form textarea, form input:not([type=hidden]), form select"));
        assertThat(fields).as("the answer form's fields").isNotEmpty();
        for (var field : fields) {
            String id = field.getAttribute("id");
            assertThat(id).as("a form field without id").isNotBlank();
            assertThat(browser.findAll(By.cssSelector("label[for='" + id + "']")))
                    .as("label of #" + id)
                    .isNotEmpty();
        }
    }

    private static int post(String url, String idempotencyKey, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
