package de.jobcenter.postfach.config.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import de.jobcenter.postfach.config.ConfigServiceTest;
import de.jobcenter.postfach.config.TestData;
import de.jobcenter.postfach.testing.OidcLoginServer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The web UI over real HTTP, logged in through the login server's form (authorization-code flow): redirects to the
 * login page, the same access rules as the API (403 pages, 409 for a wrong state), CSRF refusals, validation errors
 * with summary and inline messages, the login in the audit trail and the logout.
 */
@QuarkusTest
class WebUiTest extends ConfigServiceTest {
    static final String PASSWORD = "Passwort-123";
    private static final Pattern CHANGE_ID = Pattern.compile("/aenderungen/([0-9a-f-]{36})/");

    @TestHTTPResource("/")
    URL base;

    private URI base() {
        try {
            return base.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Registers a person at the login server and logs them in. */
    static WebSession login(URI base, String username, List<String> roles, String... offices) {
        OidcLoginServer.shared().user(new OidcLoginServer.User(username, PASSWORD, null, roles, List.of(offices)));
        return WebSession.login(base, username, PASSWORD);
    }

    private WebSession editor(String officeId) {
        return login(base(), "web-ed-" + officeId, List.of(EDITOR), officeId);
    }

    private WebSession reviewer(String officeId) {
        return login(base(), "web-rv-" + officeId, List.of(REVIEWER), officeId);
    }

    private static String changeIdOn(WebSession.Answer page) {
        Matcher matcher = CHANGE_ID.matcher(page.body());
        assertThat(matcher.find()).as("a form of the change on the page").isTrue();
        return matcher.group(1);
    }

    private static String changeState(String officeId) {
        return as(admin())
                .get("/api/v1/offices/" + officeId + "/changes")
                .then()
                .extract()
                .path("[0].state");
    }

    private static void assertRefusal(WebSession.Answer page, int status, String title) {
        assertThat(page.status()).as(page.body()).isEqualTo(status);
        assertThat(page.body())
                .contains("<html lang=\"de\">")
                .contains("<h1>" + title + "</h1>")
                .contains("Fehlercode " + status)
                .doesNotContain("Exception")
                .doesNotContain("at de.jobcenter");
    }

    @Test
    void pagesWithoutALoginRedirectToTheLoginServerWhileTheApiAnswers401() {
        for (String path :
                List.of("/", "/dienststellen/JC-X", "/dienststellen/JC-X/bearbeiten", "/pruefungen", "/rollout")) {
            Response response = given().redirects().follow(false).get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(302);
            assertThat(response.header("Location"))
                    .as(path)
                    .startsWith(OidcLoginServer.shared().authorizationEndpoint())
                    .contains("client_id=" + OidcLoginServer.CONFIG_WEB_CLIENT_ID)
                    .contains("code_challenge=")
                    .contains("nonce=");
        }
        given().redirects()
                .follow(false)
                .get("/api/v1/offices")
                .then()
                .statusCode(401)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void theOverviewShowsThePersonsOfficesAndTheLoginIsAuditedOncePerSession() {
        String mine = createJobcenter("JC-WEB");
        String other = createJobcenter("JC-WEB");
        WebSession session = editor(mine);
        assertThat(session.landing().status()).isEqualTo(200);
        assertThat(session.landing().body())
                .contains("<title>Dienststellen – Konfiguration Postfachservice</title>")
                .contains("href=\"/dienststellen/" + mine + "\"")
                .doesNotContain(other)
                .contains("web-ed-" + mine)
                .contains("Abmelden");
        session.get("/dienststellen/" + mine);
        session.get("/rollout");

        List<Map<String, Object>> logins = as(admin())
                .queryParam("size", 200)
                .get("/api/v1/audit")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("entries.findAll { it.action == 'LOGIN' && it.actorName == 'web-ed-" + mine + "' }");
        assertThat(logins).hasSize(1);
        assertThat(logins.get(0).get("actorId")).isEqualTo(OidcLoginServer.subjectOf("web-ed-" + mine));
    }

    @Test
    void theOfficePageShowsTheActiveConfigurationHistoryAndPreview() {
        String officeId = createJobcenter("JC-WEB");
        WebSession session = editor(officeId);

        WebSession.Answer office = session.get("/dienststellen/" + officeId);
        assertThat(office.status()).isEqualTo(200);
        assertThat(office.body())
                .contains(">Anliegen der aktiven Konfiguration</caption>")
                .contains("<th scope=\"row\">Fragen zu Miete und Heizkosten</th>")
                .contains("Version 1, aktiv seit")
                .contains("Es gibt keine offene Änderung.")
                .contains("Erstkonfiguration");

        WebSession.Answer preview = session.get("/dienststellen/" + officeId + "/vorschau?anliegen=RENT_AND_HEATING");
        assertThat(preview.body())
                .contains("Mit der aktiven Konfiguration (Version 1)")
                .contains("Eine Nachricht mit dem Anliegen „Fragen zu Miete und Heizkosten“ an Jobcenter Test "
                        + officeId + " ginge an die E-AKTE der Dienststelle.")
                .contains("Es gibt keine offene Änderung; die aktive Konfiguration gilt weiter.");

        assertThat(session.get("/dienststellen/" + officeId + "/versionen").body())
                .contains(">Alle Versionen, neueste zuerst</caption>")
                .contains("Erstkonfiguration");
    }

    @Test
    void anEditorChangesSubmitsAndAReviewerApprovesThroughTheForms() {
        String officeId = createJobcenter("JC-WEB");
        WebSession editor = editor(officeId);
        WebSession.Answer form = editor.get("/dienststellen/" + officeId + "/bearbeiten");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("Ausgangspunkt ist die aktive Konfiguration (Version 1)");

        WebSession.Answer change = editor.post(
                "/dienststellen/" + officeId + "/bearbeiten",
                form,
                FormBody.initial()
                        .outlook("RENT_AND_HEATING", "kdu@jobcenter-ge.de")
                        .fields());
        assertThat(change.status()).as(change.body()).isEqualTo(200);
        assertThat(change.path()).isEqualTo("/dienststellen/" + officeId + "/aenderung");
        assertThat(change.body())
                .contains("Der Entwurf ist gespeichert.")
                .contains("<th scope=\"row\">Fragen zu Miete und Heizkosten: Eingangskanal</th>")
                .contains("<td>E-AKTE</td>")
                .contains("<td>Outlook</td>")
                .contains("<td>kdu@jobcenter-ge.de</td>");
        String changeId = changeIdOn(change);

        WebSession.Answer submitted = editor.post(
                "/dienststellen/" + officeId + "/aenderungen/" + changeId + "/einreichen", change, Map.of());
        assertThat(submitted.body()).contains("Die Änderung ist zur Prüfung eingereicht.");
        assertThat(changeState(officeId)).isEqualTo("SUBMITTED");

        WebSession reviewer = reviewer(officeId);
        WebSession.Answer queue = reviewer.get("/pruefungen");
        assertThat(queue.body()).contains("href=\"/dienststellen/" + officeId + "/aenderung\"");
        WebSession.Answer review = reviewer.get("/dienststellen/" + officeId + "/aenderung");
        assertThat(review.body()).contains("Änderung freigeben").contains("Begründung der Ablehnung");
        WebSession.Answer approved = reviewer.post(
                "/dienststellen/" + officeId + "/aenderungen/" + changeId + "/freigeben", review, Map.of());
        assertThat(approved.body()).contains("Die Änderung ist freigegeben.");
        assertThat(changeState(officeId)).isEqualTo("APPROVED");
    }

    @Test
    void theAuthorReworksARejectedChangeOrWithdrawsIt() {
        String officeId = createJobcenter("JC-WEB");
        WebSession editor = editor(officeId);
        WebSession.Answer form = editor.get("/dienststellen/" + officeId + "/bearbeiten");
        WebSession.Answer change = editor.post(
                "/dienststellen/" + officeId + "/bearbeiten",
                form,
                FormBody.initial()
                        .outlook("COPY_REQUEST", "kopien@jobcenter-ge.de")
                        .fields());
        String changeId = changeIdOn(change);
        editor.post("/dienststellen/" + officeId + "/aenderungen/" + changeId + "/einreichen", change, Map.of());
        as(reviewerOf(officeId))
                .body(Map.of("reason", "Bitte das Funktionspostfach nehmen."))
                .post("/api/v1/offices/" + officeId + "/changes/" + changeId + "/reject")
                .then()
                .statusCode(200);

        WebSession.Answer rejected = editor.get("/dienststellen/" + officeId + "/aenderung");
        assertThat(rejected.body())
                .contains("Abgelehnt")
                .contains("Bitte das Funktionspostfach nehmen.")
                .contains("Weiter bearbeiten")
                .contains("Änderung zurückziehen");
        WebSession.Answer rework = editor.get("/dienststellen/" + officeId + "/bearbeiten");
        assertThat(rework.body())
                .contains("Sie überarbeiten Ihre abgelehnte Änderung.")
                .contains("value=\"kopien@jobcenter-ge.de\"");

        WebSession.Answer withdrawn = editor.post(
                "/dienststellen/" + officeId + "/aenderungen/" + changeId + "/zurueckziehen", rejected, Map.of());
        assertThat(withdrawn.path()).isEqualTo("/dienststellen/" + officeId);
        assertThat(withdrawn.body())
                .contains("Die Änderung ist zurückgezogen.")
                .contains("Es gibt keine offene Änderung.");
        assertThat(changeState(officeId)).isEqualTo("WITHDRAWN");
    }

    @Test
    void validationErrorsAreShownAllAtOnceInALinkedSummaryAndNextToTheirFields() {
        String officeId = createJobcenter("JC-WEB");
        WebSession editor = editor(officeId);
        WebSession.Answer form = editor.get("/dienststellen/" + officeId + "/bearbeiten");

        WebSession.Answer errors = editor.post(
                "/dienststellen/" + officeId + "/bearbeiten",
                form,
                FormBody.initial()
                        .outlook("RENT_AND_HEATING", "kdu@example.org")
                        .notOffered("EDUCATION_AND_PARTICIPATION", "")
                        .set("fallbackRoute.channel", "OUTLOOK")
                        .fields());

        assertThat(errors.status()).isEqualTo(400);
        String page = errors.body();
        assertThat(page)
                .contains("<title>Fehler: Konfiguration bearbeiten")
                .contains("<div class=\"fehlerliste\" id=\"fehlerliste\" tabindex=\"-1\" autofocus>")
                .contains("Es gibt 3 Probleme")
                .contains("<a href=\"#fallbackRoute.outlookMailbox\">Ausweichroute – Outlook-Postfach:")
                .contains("<a href=\"#concerns.RENT_AND_HEATING.outlookMailbox\">Fragen zu Miete und Heizkosten –"
                        + " Outlook-Postfach: Nur Postfächer der Domänen")
                .contains("<a href=\"#concerns.EDUCATION_AND_PARTICIPATION.hintText\">")
                .contains("Nichts wurde gespeichert.");
        assertThat(tag(page, "input", "concerns.RENT_AND_HEATING.outlookMailbox"))
                .contains("aria-invalid=\"true\"")
                .contains("aria-describedby=\"concerns.RENT_AND_HEATING.outlookMailbox-hinweis"
                        + " concerns.RENT_AND_HEATING.outlookMailbox-fehler\"")
                .contains("value=\"kdu@example.org\"");
        assertThat(page)
                .contains("<p class=\"feldfehler\" id=\"concerns.RENT_AND_HEATING.outlookMailbox-fehler\">"
                        + "<span class=\"unsichtbar\">Fehler: </span>Nur Postfächer der Domänen");
        assertThat(tag(page, "textarea", "concerns.EDUCATION_AND_PARTICIPATION.hintText"))
                .contains("aria-invalid=\"true\"");
        assertThat(tag(page, "input", "concerns.EDUCATION_AND_PARTICIPATION.offered"))
                .doesNotContain("checked");
        as(editorOf(officeId))
                .get("/api/v1/offices/" + officeId + "/change")
                .then()
                .statusCode(404);
    }

    /** The opening tag of the element with this id. */
    private static String tag(String page, String element, String id) {
        Matcher matcher = Pattern.compile("<" + element + "[^>]*\\sid=\"" + Pattern.quote(id) + "\"[^>]*>")
                .matcher(page);
        assertThat(matcher.find()).as(element + " #" + id).isTrue();
        return matcher.group();
    }

    @Test
    void aRejectionWithoutAReasonIsShownAtTheReasonField() {
        String officeId = createJobcenter("JC-WEB");
        String changeId =
                saveDraft(officeId, TestData.configuration().outlook("COPY_REQUEST", "kopien@jobcenter-ge.de"));
        submit(officeId, changeId);
        WebSession reviewer = reviewer(officeId);
        WebSession.Answer review = reviewer.get("/dienststellen/" + officeId + "/aenderung");

        WebSession.Answer refused = reviewer.post(
                "/dienststellen/" + officeId + "/aenderungen/" + changeId + "/ablehnen", review, Map.of("reason", " "));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body())
                .contains("Es gibt 1 Problem")
                .contains("<a href=\"#reason\">Begründung der Ablehnung: Bitte begründen")
                .contains("id=\"reason-fehler\"");
        assertThat(tag(refused.body(), "textarea", "reason"))
                .contains("aria-invalid=\"true\"")
                .contains("aria-describedby=\"reason-hinweis reason-fehler\"");
        assertThat(changeState(officeId)).isEqualTo("SUBMITTED");

        WebSession.Answer rejected = reviewer.post(
                "/dienststellen/" + officeId + "/aenderungen/" + changeId + "/ablehnen",
                review,
                Map.of("reason", "Bitte das Funktionspostfach des Teams nehmen."));
        assertThat(rejected.body()).contains("Die Änderung ist abgelehnt");
        assertThat(changeState(officeId)).isEqualTo("REJECTED");
    }

    @Test
    void actingOnAnotherOfficeIsRefusedWithA403PageAndChangesNothing() {
        String mine = createJobcenter("JC-WEB");
        String other = createJobcenter("JC-WEB");
        String changeId = saveDraft(other, TestData.configuration().outlook("COPY_REQUEST", "kopien@jobcenter-ge.de"));
        submit(other, changeId);
        WebSession session = login(base(), "web-edrv-" + mine, List.of(EDITOR, REVIEWER), mine);
        WebSession.Answer ownPage = session.get("/dienststellen/" + mine + "/bearbeiten");
        String title = "Keine Berechtigung für diese Dienststelle.";

        assertRefusal(session.get("/dienststellen/" + other), 403, title);
        assertRefusal(session.get("/dienststellen/" + other + "/bearbeiten"), 403, title);
        assertRefusal(session.get("/dienststellen/" + other + "/aenderung"), 403, title);
        assertRefusal(session.get("/dienststellen/" + other + "/vorschau"), 403, title);
        assertRefusal(
                session.post(
                        "/dienststellen/" + other + "/bearbeiten",
                        ownPage,
                        FormBody.initial().fields()),
                403,
                title);
        assertRefusal(
                session.post("/dienststellen/" + other + "/aenderungen/" + changeId + "/freigeben", ownPage, Map.of()),
                403,
                title);
        assertRefusal(
                session.post(
                        "/dienststellen/" + other + "/aenderungen/" + changeId + "/ablehnen",
                        ownPage,
                        Map.of("reason", "Nein.")),
                403,
                title);
        assertRefusal(
                session.post(
                        "/dienststellen/" + other + "/aenderungen/" + changeId + "/zurueckziehen", ownPage, Map.of()),
                403,
                title);
        assertThat(changeState(other)).isEqualTo("SUBMITTED");
    }

    @Test
    void approvingOnesOwnChangeIsRefusedWithA403Page() {
        String officeId = createJobcenter("JC-WEB");
        WebSession both = login(base(), "web-both-" + officeId, List.of(EDITOR, REVIEWER), officeId);
        WebSession.Answer form = both.get("/dienststellen/" + officeId + "/bearbeiten");
        WebSession.Answer change = both.post(
                "/dienststellen/" + officeId + "/bearbeiten",
                form,
                FormBody.initial()
                        .outlook("COPY_REQUEST", "kopien@jobcenter-ge.de")
                        .fields());
        String changeId = changeIdOn(change);
        WebSession.Answer submitted =
                both.post("/dienststellen/" + officeId + "/aenderungen/" + changeId + "/einreichen", change, Map.of());
        assertThat(submitted.body())
                .contains("Diese Änderung haben Sie selbst verfasst")
                .doesNotContain("Änderung freigeben</button>");

        assertRefusal(
                both.post(
                        "/dienststellen/" + officeId + "/aenderungen/" + changeId + "/freigeben", submitted, Map.of()),
                403,
                "Die eigene Änderung kann nicht selbst freigegeben oder abgelehnt werden.");
        assertThat(changeState(officeId)).isEqualTo("SUBMITTED");
    }

    @Test
    void approvingWithoutTheReviewerRoleIsRefusedWithA403Page() {
        String officeId = createJobcenter("JC-WEB");
        String changeId =
                saveDraft(officeId, TestData.configuration().outlook("COPY_REQUEST", "kopien@jobcenter-ge.de"));
        submit(officeId, changeId);
        WebSession editor = login(base(), "web-ed2-" + officeId, List.of(EDITOR), officeId);
        WebSession.Answer page = editor.get("/dienststellen/" + officeId + "/aenderung");
        assertThat(page.body()).doesNotContain("Änderung freigeben</button>");

        assertRefusal(
                editor.postInSession(
                        "/dienststellen/" + officeId + "/aenderungen/" + changeId + "/freigeben", Map.of()),
                403,
                "Für diese Aktion fehlt die nötige Rolle.");
        assertThat(changeState(officeId)).isEqualTo("SUBMITTED");
    }

    @Test
    void approvingAChangeThatIsNoLongerSubmittedIsA409Page() {
        String officeId = createJobcenter("JC-WEB");
        String changeId =
                approvedChange(officeId, TestData.configuration().outlook("COPY_REQUEST", "kopien@jobcenter-ge.de"));
        WebSession reviewer = reviewer(officeId);
        WebSession.Answer page = reviewer.get("/dienststellen/" + officeId + "/aenderung");

        assertRefusal(
                reviewer.postInSession(
                        "/dienststellen/" + officeId + "/aenderungen/" + changeId + "/freigeben", Map.of()),
                409,
                "Die Änderung ist dafür nicht im passenden Bearbeitungsstand.");
        assertThat(changeState(officeId)).isEqualTo("APPROVED");
    }

    @Test
    void centralAdministratorsRollOutButNeverEditAJobcentreAndOthersMayNotRollOut() {
        String officeId = createJobcenter("JC-WEB");
        WebSession admin = login(base(), "web-admin", List.of(CENTRAL_ADMIN));
        assertRefusal(
                admin.get("/dienststellen/" + officeId + "/bearbeiten"),
                403,
                "Die Konfiguration eines Jobcenters bearbeiten und prüfen nur seine eigenen Beschäftigten.");
        assertThat(admin.get("/rollout").body()).contains("Jetzt ausrollen").contains("Alle neu veröffentlichen");

        WebSession editor = editor(officeId);
        WebSession.Answer schedule = editor.get("/rollout");
        assertThat(schedule.body()).contains("Nächster Rollout").doesNotContain("Jetzt ausrollen");
        WebSession.Answer anyForm = editor.get("/dienststellen/" + officeId + "/bearbeiten");
        assertRefusal(
                editor.post("/rollout/jetzt", anyForm, Map.of()), 403, "Für diese Aktion fehlt die nötige Rolle.");
        assertRefusal(
                editor.post("/rollout/neu-veroeffentlichen", anyForm, Map.of()),
                403,
                "Für diese Aktion fehlt die nötige Rolle.");
    }

    @Test
    void aPersonWithoutAStaffRoleSeesA403Page() {
        WebSession customer = login(base(), "web-kundin", List.of());
        assertRefusal(customer.landing(), 403, "Keine Berechtigung.");
    }

    @Test
    void formsWithoutOrWithAWrongCsrfTokenOrOfAnotherTypeAreRefusedAndChangeNothing() {
        String officeId = createJobcenter("JC-WEB");
        WebSession editor = editor(officeId);
        WebSession.Answer form = editor.get("/dienststellen/" + officeId + "/bearbeiten");
        assertThat(editor.cookie("csrf-token")).isNotBlank();
        String edit = "/dienststellen/" + officeId + "/bearbeiten";
        Map<String, String> fields = FormBody.initial()
                .outlook("COPY_REQUEST", "kopien@jobcenter-ge.de")
                .fields();
        String notTrusted =
                "Das Formular wurde nicht angenommen: Es stammt nicht aus dieser Sitzung oder ist abgelaufen.";

        assertRefusal(editor.postRaw(edit, WebSession.form(fields)), 403, notTrusted);
        Map<String, String> forged = new java.util.LinkedHashMap<>(fields);
        forged.put("csrf-token", "AAAAAAAAAAAAAAAAAAAAAA");
        assertRefusal(editor.postRaw(edit, WebSession.form(forged)), 403, notTrusted);
        WebSession.Answer json = editor.postAs(edit, "application/json", "{}");
        assertThat(json.status()).isEqualTo(415);
        assertRefusal(
                editor.postAs(edit, "text/plain", "fallbackRoute.channel=EAKTE"),
                415,
                "Das Format der Anfrage wird nicht unterstützt.");
        as(editorOf(officeId))
                .get("/api/v1/offices/" + officeId + "/change")
                .then()
                .statusCode(404);

        // The same session with the page's token is accepted; a workflow step without the token is refused.
        WebSession.Answer change = editor.post(edit, form, fields);
        assertThat(change.status()).isEqualTo(200);
        String changeId = changeIdOn(change);
        assertRefusal(
                editor.postRaw("/dienststellen/" + officeId + "/aenderungen/" + changeId + "/einreichen", ""),
                403,
                notTrusted);
        assertThat(changeState(officeId)).isEqualTo("DRAFT");
    }

    @Test
    void anExpiredSessionIsRenewedWithTheRefreshTokenWithoutANewLogin() {
        String officeId = createJobcenter("JC-WEB");
        OidcLoginServer server = OidcLoginServer.shared();
        server.tokenLifetime(Duration.ofSeconds(2));
        try {
            WebSession editor = editor(officeId);
            int logins = server.loginCount();
            int refreshes = server.refreshCount();
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        WebSession.Answer page = editor.get("/dienststellen/" + officeId);
                        assertThat(page.path())
                                .as("never sent back to the login page")
                                .isEqualTo("/dienststellen/" + officeId);
                        assertThat(page.status()).isEqualTo(200);
                        return server.refreshCount() > refreshes;
                    });
            assertThat(editor.get("/").body()).contains("web-ed-" + officeId);
            assertThat(server.loginCount()).isEqualTo(logins);
        } finally {
            server.tokenLifetime(OidcLoginServer.TOKEN_LIFETIME);
        }
    }

    @Test
    void anUnknownPageIsA404Page() {
        String officeId = createJobcenter("JC-WEB");
        WebSession editor = editor(officeId);
        assertRefusal(editor.get("/gibt-es-nicht"), 404, "Nicht gefunden.");
        assertRefusal(editor.get("/dienststellen/" + officeId + "/unbekannt"), 404, "Nicht gefunden.");
    }

    @Test
    void loggingOutEndsTheSessionAtTheLoginServer() {
        String officeId = createJobcenter("JC-WEB");
        WebSession editor = editor(officeId);

        WebSession.Answer signedOut = editor.get("/abmelden");
        assertThat(signedOut.path()).isEqualTo("/abgemeldet");
        assertThat(signedOut.body()).contains("<h1>Abgemeldet</h1>");

        WebSession.Answer again = editor.get("/");
        assertThat(again.uri().toString()).startsWith(OidcLoginServer.shared().authorizationEndpoint());
        given().redirects()
                .follow(false)
                .get("/abgemeldet")
                .then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.containsString("Erneut anmelden"))
                .header("Content-Security-Policy", equalTo(WebResponses.CONTENT_SECURITY_POLICY));
    }
}
