package de.jobcenter.postfach.config.web;

import static org.assertj.core.api.Assertions.assertThat;

import de.jobcenter.postfach.config.ConfigServiceTest;
import de.jobcenter.postfach.config.TestData;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.OfficeConfigurationActivated;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.testing.OidcLoginServer;
import de.jobcenter.postfach.testing.TopicProbe;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The web UI in a real browser (Debian's headless Chromium): the whole path from an editor's change to its
 * publication done with the keyboard alone, and axe-core on every page the UI ships, the login server's page included.
 * One browser for the class; it is quit after the last test.
 */
@QuarkusTest
class BrowserTest extends ConfigServiceTest {
    private static Browser browser;

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void browserWithoutSession() {
        if (browser == null) {
            browser = Browser.start();
        }
        browser.forgetSessions();
    }

    @AfterAll
    static void quitBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    private static void person(String username, List<String> roles, String... offices) {
        OidcLoginServer.shared()
                .user(new OidcLoginServer.User(username, WebUiTest.PASSWORD, null, roles, List.of(offices)));
    }

    private void logOutWithKeyboard() {
        browser.tabToLink("Abmelden");
        browser.pressAndAwait(Keys.ENTER, ExpectedConditions.urlContains("/abgemeldet"));
    }

    /**
     * Edit → submit → approve with Tab, Shift+Tab, Enter, Space and typing only (and the arrow key that moves the
     * selection inside a radio group, as a radio group is operated from the keyboard); then a central administrator
     * rolls out, the office page shows the new active version and the record is on the topic.
     */
    @Test
    void anEditorAndAReviewerWorkWithTheKeyboardOnlyAndTheRolloutPublishesTheChange() {
        String officeId = createJobcenter("JC-TASTATUR");
        String officeName = "Jobcenter Test " + officeId;
        String editor = "tastatur-ed-" + officeId;
        String reviewer = "tastatur-rv-" + officeId;
        String admin = "tastatur-admin";
        person(editor, List.of(EDITOR), officeId);
        person(reviewer, List.of(REVIEWER), officeId);
        person(admin, List.of(CENTRAL_ADMIN));
        String mailbox = "kdu-" + officeId.toLowerCase() + "@jobcenter-ge.de";

        // The editor logs in and goes, by the skip link and Tab, to the office and its edit form.
        browser.open(url("/"));
        browser.assertAccessible("login page of the login server");
        browser.logInWithKeyboard(editor, WebUiTest.PASSWORD);
        assertThat(browser.path()).isEqualTo("/");
        browser.tabToLink("Zum Inhalt springen");
        browser.press(Keys.ENTER);
        browser.tabToLink(officeName);
        browser.pressAndAwait(Keys.ENTER, ExpectedConditions.urlContains("/dienststellen/" + officeId));
        browser.tabToLink("Konfiguration bearbeiten");
        browser.pressAndAwait(Keys.ENTER, ExpectedConditions.urlContains("/bearbeiten"));

        // Jump to the concern, choose Outlook, forget the mailbox and save: the errors come back.
        browser.tabToLink("Fragen zu Miete und Heizkosten");
        browser.press(Keys.ENTER);
        WebElement eakte = browser.tabToId("concerns.RENT_AND_HEATING.channel");
        assertThat(eakte.isSelected()).isTrue();
        browser.press(Keys.ARROW_DOWN);
        WebElement outlook = browser.focused();
        assertThat(outlook.getAttribute("value"))
                .as(outlook.getAttribute("outerHTML"))
                .isEqualTo("OUTLOOK");
        assertThat(outlook.isSelected()).isTrue();
        browser.shiftTab();
        assertThat(browser.focused().getAttribute("id")).isEqualTo("concerns.RENT_AND_HEATING.offered");
        browser.press(Keys.TAB);
        assertThat(browser.focused().getAttribute("value")).isEqualTo("OUTLOOK");
        browser.tabToButton("Entwurf speichern");
        browser.pressAndAwait(Keys.ENTER, d -> d.getTitle().startsWith("Fehler:"));

        // Focus is on the error summary; its link leads to the field, where the mailbox is typed and sent with Enter.
        assertThat(browser.focused().getAttribute("id")).isEqualTo("fehlerliste");
        assertThat(browser.focused().getText())
                .contains("Es gibt 1 Problem")
                .contains("Fragen zu Miete und Heizkosten – Outlook-Postfach: Bitte das Outlook-Postfach angeben.");
        WebElement mailboxInput = browser.driver().findElement(By.id("concerns.RENT_AND_HEATING.outlookMailbox"));
        assertThat(mailboxInput.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(mailboxInput.getAttribute("aria-describedby"))
                .contains("concerns.RENT_AND_HEATING.outlookMailbox-fehler");
        browser.assertAccessible("edit form with errors");
        browser.press(Keys.TAB);
        browser.press(Keys.ENTER);
        assertThat(browser.focused().getAttribute("id")).isEqualTo("concerns.RENT_AND_HEATING.outlookMailbox");
        browser.press(mailbox);
        browser.pressAndAwait(Keys.ENTER, ExpectedConditions.urlContains("/aenderung"));

        // The diff; submit.
        assertThat(browser.text())
                .contains("Der Entwurf ist gespeichert.")
                .contains("Fragen zu Miete und Heizkosten: Eingangskanal E-AKTE Outlook")
                .contains("Fragen zu Miete und Heizkosten: Outlook-Postfach — " + mailbox);
        browser.assertAccessible("diff of the open change (author)");
        browser.tabToButton("Zur Prüfung einreichen");
        browser.pressAndAwait(Keys.ENTER, ExpectedConditions.urlContains("hinweis=eingereicht"));
        assertThat(browser.text()).contains("Die Änderung ist zur Prüfung eingereicht.");
        logOutWithKeyboard();
        browser.assertAccessible("signed-out page");

        // The reviewer logs in, finds the change in the review queue and approves it with Space.
        browser.tabToLink("Erneut anmelden");
        browser.pressAndAwait(Keys.ENTER, d -> d.getTitle().contains("Anmelden"));
        browser.logInWithKeyboard(reviewer, WebUiTest.PASSWORD);
        browser.tabToLink("Prüfungen");
        browser.pressAndAwait(Keys.ENTER, ExpectedConditions.urlContains("/pruefungen"));
        browser.assertAccessible("review queue");
        browser.tabToLink("Änderung von " + officeName + " prüfen");
        browser.pressAndAwait(Keys.ENTER, ExpectedConditions.urlContains("/aenderung"));
        browser.assertAccessible("open change with approve and reject (reviewer)");
        browser.tabToButton("Änderung freigeben");
        browser.pressAndAwait(Keys.SPACE, ExpectedConditions.urlContains("hinweis=freigegeben"));
        assertThat(browser.text()).contains("Die Änderung ist freigegeben.");
        logOutWithKeyboard();

        // A central administrator rolls out now.
        browser.open(url("/"));
        browser.logInWithKeyboard(admin, WebUiTest.PASSWORD);
        browser.tabToLink("Rollout");
        browser.pressAndAwait(Keys.ENTER, ExpectedConditions.urlContains("/rollout"));
        browser.assertAccessible("rollout schedule (central administration)");
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.OFFICE_CONFIG)) {
            browser.tabToButton("Jetzt ausrollen");
            browser.pressAndAwait(Keys.ENTER, ExpectedConditions.urlContains("lauf="));
            assertThat(browser.text()).contains("Der Rollout ist abgeschlossen:");

            browser.open(url("/dienststellen/" + officeId));
            assertThat(browser.text()).contains("Version 2, aktiv seit");
            WebElement row = browser.driver()
                    .findElement(By.xpath("//tr[th[normalize-space()='Fragen zu Miete und Heizkosten']]"));
            assertThat(row.getText()).contains("Outlook").contains(mailbox);

            ConsumerRecord<String, byte[]> record = probe.await(
                            r -> officeId.equals(r.key())
                                    && EventJson.read(r.value(), OfficeConfigurationActivated.class)
                                                    .version()
                                            == 2,
                            1,
                            Duration.ofSeconds(30))
                    .get(0);
            OfficeConfigurationActivated event = EventJson.read(record.value(), OfficeConfigurationActivated.class);
            assertThat(event.outlookMailboxes()).containsExactly(mailbox);
        }
    }

    /** axe-core (WCAG 2.0/2.1 A and AA) on every page of the UI and on the login server's pages. */
    @Test
    void everyPageHasNoAccessibilityViolations() {
        // An office with history and a submitted change of someone else; another one to edit.
        String busy = createJobcenter("JC-AXE");
        approvedChange(busy, TestData.configuration().outlook("RENT_AND_HEATING", "kdu@jobcenter-ge.de"));
        rollOutNow();
        String pending = saveDraft(
                busy,
                TestData.configuration()
                        .outlook("RENT_AND_HEATING", "kdu@jobcenter-ge.de")
                        .notOffered("EDUCATION_AND_PARTICIPATION", "Bitte an die Kommune wenden: https://example.org"));
        submit(busy, pending);
        String quiet = createJobcenter("JC-AXE");
        String editor = "axe-ed-" + busy;
        String reviewer = "axe-rv-" + busy;
        person(editor, List.of(EDITOR), busy, quiet);
        person(reviewer, List.of(REVIEWER), busy);
        int checkedBefore = browser.checkedPages().size();

        browser.open(url("/"));
        browser.tabToId("username");
        browser.press(editor);
        browser.press(Keys.TAB, "falsch", Keys.ENTER);
        browser.await(d -> d.getTitle().startsWith("Fehler:"));
        assertThat(browser.focused().getAttribute("id")).isEqualTo("fehler");
        browser.assertAccessible("login page with an error");
        browser.tabToId("password");
        browser.press(WebUiTest.PASSWORD);
        browser.pressAndAwait(Keys.ENTER, d -> !d.getTitle().contains("Test-Anmeldedienst"));

        browser.assertAccessible("overview");
        browser.open(url("/dienststellen/" + busy));
        browser.assertAccessible("office page");
        browser.open(url("/dienststellen/" + busy + "/versionen"));
        assertThat(browser.text()).contains("Geprüfte Änderung");
        browser.assertAccessible("history");
        browser.open(url("/dienststellen/" + busy + "/vorschau"));
        browser.assertAccessible("preview of every concern");
        browser.open(url("/dienststellen/" + busy + "/vorschau?anliegen=EDUCATION_AND_PARTICIPATION"));
        assertThat(browser.text()).contains("Mit der offenen Änderung");
        browser.assertAccessible("preview of one concern");
        browser.open(url("/dienststellen/" + busy + "/aenderung"));
        browser.assertAccessible("diff of someone else's change");
        browser.open(url("/dienststellen/" + busy + "/bearbeiten"));
        assertThat(browser.text()).contains("Für diese Dienststelle gibt es bereits eine offene Änderung");
        browser.assertAccessible("edit page while another change is open");
        browser.open(url("/dienststellen/" + quiet + "/bearbeiten"));
        browser.assertAccessible("edit form");
        browser.tabToId("concerns.COPY_REQUEST.channel");
        browser.press(Keys.ARROW_DOWN, Keys.TAB, "kopien@example.org");
        browser.tabToButton("Entwurf speichern");
        browser.pressAndAwait(Keys.ENTER, d -> d.getTitle().startsWith("Fehler:"));
        browser.assertAccessible("edit form with a wrong mailbox domain");
        browser.open(url("/pruefungen"));
        browser.assertAccessible("review queue (empty)");
        browser.open(url("/rollout"));
        browser.assertAccessible("rollout schedule");
        browser.open(url("/dienststellen/JC-NICHT-MEINE"));
        assertThat(browser.text()).contains("Keine Berechtigung für diese Dienststelle.");
        browser.assertAccessible("error page 403");
        browser.open(url("/gibt-es-nicht"));
        assertThat(browser.text()).contains("Nicht gefunden.");
        browser.assertAccessible("error page 404");

        // The reviewer: a rejection without a reason, then a change approved elsewhere meanwhile (409).
        browser.forgetSessions();
        browser.open(url("/"));
        browser.logInWithKeyboard(reviewer, WebUiTest.PASSWORD);
        browser.open(url("/dienststellen/" + busy + "/aenderung"));
        browser.tabToButton("Änderung ablehnen");
        browser.pressAndAwait(Keys.ENTER, d -> d.getTitle().startsWith("Fehler:"));
        assertThat(browser.focused().getAttribute("id")).isEqualTo("fehlerliste");
        browser.assertAccessible("rejection without a reason");
        as(reviewerOf(busy))
                .post("/api/v1/offices/" + busy + "/changes/" + pending + "/approve")
                .then()
                .statusCode(200);
        browser.tabToButton("Änderung freigeben");
        browser.pressAndAwait(Keys.ENTER, d -> d.getTitle().contains("Bearbeitungsstand"));
        assertThat(browser.text()).contains("Fehlercode 409");
        browser.assertAccessible("error page 409");

        assertThat(browser.checkedPages()).hasSize(checkedBefore + 16);
    }
}
