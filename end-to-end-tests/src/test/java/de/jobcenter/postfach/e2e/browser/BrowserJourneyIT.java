package de.jobcenter.postfach.e2e.browser;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import de.jobcenter.postfach.testing.LocalInfrastructure;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Issue 8: the whole local stack as {@code ./postfach up} starts it, driven like people use it. An editor of Jobcenter
 * Hamburg Nord logs into the configuration tool through Keycloak and moves a concern to an Outlook mailbox, a reviewer
 * approves, the central administration rolls out now; a customer (token from Keycloak) writes with that concern, the
 * mail arrives in the office's Outlook mailbox (GreenMail, IMAP), staff answer it by mail, the customer finds the
 * answer in the inbox of the mailbox API and an info e-mail in their own mailbox that says nothing of the message.
 * axe-core (WCAG 2.0/2.1 A and AA) checks every page of ours the browser visits; Keycloak's login page is not ours.
 */
class BrowserJourneyIT {
    private static final String CONFIG = "http://localhost:8083";
    private static final String MAILBOX_API = "http://localhost:8081";
    private static final String MAIL_VIEWER = "http://localhost:" + LocalInfrastructure.MAIL_VIEWER_PORT + "/";
    private static final String KEYCLOAK = "http://localhost:8180";
    private static final String OFFICE = "JC-HAMBURG-NORD";
    private static final String OFFICE_NAME = "Jobcenter Hamburg Nord";
    private static final String PASSWORD = "demo";
    private static final String CUSTOMER_MAIL = "customer@example.org";
    private static final String CUSTOMER_NUMBER = "123D456789";
    private static final String INFO_MAIL_SUBJECT = "Neue Nachricht in Ihrem Postfach";
    private static final Duration MAIL_TIMEOUT = Duration.ofSeconds(90);
    private static final DateTimeFormatter QUOTE_DATE =
            DateTimeFormatter.ofPattern("dd.MM.yyyy 'um' HH:mm").withZone(ZoneId.of("Europe/Berlin"));
    private static final Pattern ACTIVE_VERSION = Pattern.compile("Version (\\d+), aktiv seit");
    /** Replicas whose office configuration must know the rollout before the customer writes. */
    private static final Map<String, String> REPLICAS = Map.of(
            "mailbox-api", MAILBOX_API,
            "routing-service", "http://localhost:8082",
            "outlook-adapter", "http://localhost:8085");

    private static final Path ROOT =
            Path.of(System.getProperty("postfach.repository.root", "..")).toAbsolutePath();
    private static final Path WORK = ROOT.resolve("end-to-end-tests/target/browser-e2e");

    private static LocalStack stack;
    private static Browser browser;

    /** Something only this run writes: found where it must be, never where it must not be. */
    private final String canary =
            "Kanari-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

    @BeforeAll
    static void startTheStackAndABrowser() {
        String axe = System.getProperty("axe.script");
        Prerequisites.require(axe == null ? null : Path.of(axe));
        Duration startTimeout = Duration.ofSeconds(Long.getLong("browser-e2e.start-timeout-seconds", 720));
        if (LocalStack.willBuild(ROOT)) {
            // On a clean checkout the script installs the build and writes its class path first, as for a person.
            System.out.println("./postfach up builds first (a service jar or test-infrastructure/target/classpath.txt"
                    + " is missing); allowing 25 more minutes");
            startTimeout = startTimeout.plus(Duration.ofMinutes(25));
        }
        stack = LocalStack.up(ROOT, WORK, startTimeout);
        browser = Browser.start(WORK, Path.of(axe));
    }

    @AfterAll
    static void stopEverything() {
        if (browser != null) {
            System.out.println("axe-core (wcag2a, wcag2aa, wcag21a, wcag21aa) found no violation on these "
                    + browser.checkedPages().size() + " pages:");
            browser.checkedPages().forEach(page -> System.out.println("  - " + page));
            browser.close();
        }
        if (stack != null) {
            List<String> leftovers = stack.stop();
            assertThat(leftovers)
                    .as("processes and ports of the stack left after SIGTERM to ./postfach up (they were killed)")
                    .isEmpty();
        }
    }

    @Test
    void aChannelChangedInTheBrowserCarriesACustomerMessageToOutlookAndTheStaffAnswerBackToTheCustomer()
            throws Exception {
        String mailbox = "e2e-" + canary.toLowerCase() + "@jobcenter-ge.de";

        // ---- the editor: a concern to Outlook ----
        step("editor-hamburg logs in through Keycloak", () -> {
            browser.open(CONFIG + "/");
            logIn("editor-hamburg");
            assertThat(browser.text()).contains("Dienststellen").contains(OFFICE_NAME);
            browser.assertAccessible("overview (editor)");
        });
        int versionBefore = step("the office page shows the active configuration", () -> {
            browser.followLink(OFFICE_NAME, ExpectedConditions.urlContains("/dienststellen/" + OFFICE));
            browser.assertAccessible("office page (editor)");
            return activeVersion();
        });
        Concern concern = step("the edit form: a concern not on Outlook gets the Outlook mailbox " + mailbox, () -> {
            browser.followLink("Konfiguration bearbeiten", ExpectedConditions.urlContains("/bearbeiten"));
            withdrawAnOpenChangeOfAnEarlierRun();
            browser.assertAccessible("edit form");
            Concern chosen = concernToMove();
            WebElement outlook = browser.find(By.id("concerns." + chosen.code() + ".channel-OUTLOOK"));
            browser.find(By.xpath("//label[@for='" + outlook.getAttribute("id") + "']"))
                    .click();
            assertThat(outlook.isSelected()).isTrue();
            browser.type(browser.find(By.id("concerns." + chosen.code() + ".outlookMailbox")), mailbox);
            browser.press("Entwurf speichern", ExpectedConditions.urlContains("/aenderung"));
            assertThat(browser.text())
                    .contains("Der Entwurf ist gespeichert.")
                    .contains(chosen.label() + ": Outlook-Postfach " + chosen.mailboxBefore() + " " + mailbox);
            if (chosen.mailboxBefore().equals("—")) {
                assertThat(browser.text())
                        .containsPattern(Pattern.quote(chosen.label() + ": Eingangskanal") + " .* Outlook");
            }
            browser.assertAccessible("diff of the open change (author)");
            return chosen;
        });
        step("the editor submits the change and logs out", () -> {
            browser.press("Zur Prüfung einreichen", ExpectedConditions.urlContains("hinweis=eingereicht"));
            assertThat(browser.text()).contains("Die Änderung ist zur Prüfung eingereicht.");
            browser.assertAccessible("open change after submitting");
            logOut();
        });

        // ---- the reviewer: approve ----
        step("reviewer-hamburg logs in and approves the change", () -> {
            browser.followLink("Erneut anmelden", ExpectedConditions.urlContains(KEYCLOAK));
            logIn("reviewer-hamburg");
            browser.followLink("Prüfungen", ExpectedConditions.urlContains("/pruefungen"));
            browser.assertAccessible("review queue");
            browser.followLink("Änderung von " + OFFICE_NAME + " prüfen", ExpectedConditions.urlContains("/aenderung"));
            assertThat(browser.text())
                    .contains(concern.label() + ": Outlook-Postfach " + concern.mailboxBefore() + " " + mailbox);
            browser.assertAccessible("open change (reviewer)");
            browser.press("Änderung freigeben", ExpectedConditions.urlContains("hinweis=freigegeben"));
            assertThat(browser.text()).contains("Die Änderung ist freigegeben.");
            browser.assertAccessible("open change after approval");
        });
        step("a reviewer may not roll out: the rollout page offers no „Jetzt ausrollen“", () -> {
            browser.followLink("Rollout", ExpectedConditions.urlContains("/rollout"));
            assertThat(browser.hasButton("Jetzt ausrollen")).isFalse();
            browser.assertAccessible("rollout schedule (reviewer)");
            logOut();
        });

        // ---- the central administration: roll out now ----
        int version = step("central-admin rolls out now; the office page shows the new version", () -> {
            browser.followLink("Erneut anmelden", ExpectedConditions.urlContains(KEYCLOAK));
            logIn("central-admin");
            browser.followLink("Rollout", ExpectedConditions.urlContains("/rollout"));
            browser.assertAccessible("rollout schedule (central administration)");
            browser.press("Jetzt ausrollen", ExpectedConditions.urlContains("lauf="));
            assertThat(browser.text()).containsPattern("Der Rollout ist abgeschlossen: [1-9]\\d* aktiviert");
            browser.assertAccessible("rollout schedule after rolling out");
            browser.open(CONFIG + "/dienststellen/" + OFFICE);
            int active = activeVersion();
            assertThat(active).isEqualTo(versionBefore + 1);
            WebElement row = browser.find(By.xpath("//table[caption[normalize-space()='Anliegen der aktiven"
                    + " Konfiguration']]//tr[th[normalize-space()='" + concern.label() + "']]"));
            assertThat(row.getText()).contains("Outlook").contains(mailbox);
            browser.assertAccessible("office page with the new active version");
            logOut();
            return active;
        });
        step(
                "mailbox-api, routing-service and outlook-adapter know version " + version,
                () -> REPLICAS.forEach((service, url) -> await().alias(
                                service + " reads version " + version + " of " + OFFICE)
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> replicaVersion(url), v -> v.isPresent() && v.get() >= version)));

        // ---- the customer writes ----
        String customer = stack.token("customer");
        step(
                "the customer switches the info e-mail on",
                () -> given().baseUri(MAILBOX_API)
                        .auth()
                        .oauth2(customer)
                        .contentType(ContentType.JSON)
                        .body(Map.of("enabled", true))
                        .put("/api/v1/me/notifications")
                        .then()
                        .statusCode(200)
                        .body("enabled", org.hamcrest.Matchers.equalTo(true))
                        .body("email", org.hamcrest.Matchers.equalTo(CUSTOMER_MAIL)));
        String subject = "Frage zu meinem Bescheid " + canary;
        String body = "Guten Tag,\nich habe eine Frage zu meinem Bescheid (" + canary + ").\nViele Grüße";
        JsonPath written = step("the customer writes to " + OFFICE + " with „" + concern.label() + "“", () -> {
            Response response = given().baseUri(MAILBOX_API)
                    .auth()
                    .oauth2(customer)
                    .contentType(ContentType.JSON)
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(Map.of("officeId", OFFICE, "concern", concern.code(), "subject", subject, "body", body))
                    .post("/api/v1/messages");
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
            return response.jsonPath();
        });
        String messageId = written.getString("messageId");
        String conversationId = written.getString("conversationId");

        // ---- the office's Outlook mailbox ----
        MimeMessage delivered = step("the message arrives in the Outlook mailbox " + mailbox, () -> {
            MimeMessage mail = LocalMail.awaitMail(
                    mailbox,
                    mailbox,
                    "the mail of the customer's message",
                    m -> LocalMail.subject(m).endsWith(subject),
                    MAIL_TIMEOUT);
            assertThat(LocalMail.subject(mail)).matches("Postfach \\[PF-[A-Z2-7]{16}]: " + Pattern.quote(subject));
            assertThat(addresses(mail.getFrom())).containsExactly(LocalInfrastructure.REPLY_MAILBOX);
            assertThat(addresses(mail.getRecipients(Message.RecipientType.TO))).containsExactly(mailbox);
            assertThat(LocalMail.text(mail))
                    .contains(body.lines().toList())
                    .contains(CUSTOMER_NUMBER)
                    .contains(concern.label());
            await().alias("status DELIVERED of the customer's message")
                    .atMost(Duration.ofSeconds(30))
                    .until(
                            () -> given().baseUri(MAILBOX_API)
                                    .auth()
                                    .oauth2(customer)
                                    .get("/api/v1/messages/" + messageId)
                                    .jsonPath()
                                    .getString("status"),
                            "DELIVERED"::equals);
            return mail;
        });

        // ---- staff answer by mail ----
        String answer = "Guten Tag,\n\nIhr Bescheid ist richtig berechnet (" + canary + "-Antwort).\n\n"
                + "Mit freundlichen Grüßen\nIhr Jobcenter Hamburg Nord";
        step("staff answer the mail from the Outlook mailbox (Antworten: token and In-Reply-To kept)", () -> {
            MimeMessage reply = (MimeMessage) delivered.reply(false);
            reply.setFrom(new InternetAddress(mailbox));
            reply.setSentDate(new Date());
            reply.setSubject("AW: " + delivered.getSubject(), "UTF-8");
            reply.setText(
                    answer + "\n\nAm "
                            + QUOTE_DATE.format(Optional.ofNullable(delivered.getSentDate())
                                    .orElseGet(Date::new)
                                    .toInstant())
                            + " schrieb Postfach <"
                            + LocalInfrastructure.REPLY_MAILBOX + ">:\n"
                            + LocalMail.text(delivered)
                                    .lines()
                                    .map(l -> "> " + l)
                                    .reduce("", (a, b) -> a + b + "\n"),
                    "UTF-8");
            assertThat(addresses(reply.getRecipients(Message.RecipientType.TO)))
                    .containsExactly(LocalInfrastructure.REPLY_MAILBOX);
            assertThat(reply.getHeader("In-Reply-To", null)).isEqualTo(delivered.getMessageID());
            LocalMail.send(reply);
        });

        // ---- the customer's inbox and info e-mail ----
        String answerId = step("the answer is in the customer's inbox (mailbox API)", () -> {
            Map<String, Object> item = await().alias("the answer in the inbox")
                    .atMost(MAIL_TIMEOUT)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(
                            () -> given()
                                    .baseUri(MAILBOX_API)
                                    .auth()
                                    .oauth2(customer)
                                    .get("/api/v1/messages?folder=inbox&size=100")
                                    .then()
                                    .statusCode(200)
                                    .extract()
                                    .jsonPath()
                                    .<Map<String, Object>>getList("items")
                                    .stream()
                                    .filter(i -> conversationId.equals(i.get("conversationId")))
                                    .findFirst(),
                            Optional::isPresent)
                    .orElseThrow();
            assertThat(item)
                    .containsEntry("direction", "RECEIVED")
                    .containsEntry("officeId", OFFICE)
                    .containsEntry("officeName", OFFICE_NAME)
                    .containsEntry("concern", concern.code())
                    .containsEntry("subject", "AW: " + subject)
                    .containsEntry("read", false);
            String id = (String) item.get("messageId");
            JsonPath read = given().baseUri(MAILBOX_API)
                    .auth()
                    .oauth2(customer)
                    .get("/api/v1/messages/" + id)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(read.getString("body")).isEqualTo(answer);
            assertThat(read.getString("inReplyTo")).isEqualTo(messageId);
            return id;
        });
        step("the info e-mail arrives at " + CUSTOMER_MAIL + " and carries nothing of the message", () -> {
            MimeMessage info = LocalMail.awaitMail(
                    CUSTOMER_MAIL,
                    PASSWORD,
                    "the info e-mail",
                    m -> INFO_MAIL_SUBJECT.equals(LocalMail.subject(m)),
                    MAIL_TIMEOUT);
            assertThat(addresses(info.getRecipients(Message.RecipientType.TO))).containsExactly(CUSTOMER_MAIL);
            assertThat(LocalMail.text(info)).contains("Postfach").contains("Ihr Jobcenter");
            for (String everything : List.of(LocalMail.raw(info), LocalMail.headers(info), LocalMail.text(info))) {
                assertThat(everything)
                        .doesNotContain(canary)
                        .doesNotContain("Bescheid ist richtig berechnet")
                        .doesNotContain(answerId)
                        .doesNotContain(messageId)
                        .doesNotContain(OFFICE)
                        .doesNotContain(OFFICE_NAME);
            }
            // the info e-mail's HTML part is a page we ship: opened as it is, axe-core must find nothing
            String html = LocalMail.html(info);
            assertThat(html).as("the info e-mail's HTML part").contains("<html lang=\"de\"");
            Path file = WORK.resolve("info-mail.html");
            Files.writeString(file, html, StandardCharsets.UTF_8);
            browser.open(file.toUri().toString());
            assertThat(browser.title()).isEqualTo(INFO_MAIL_SUBJECT);
            browser.assertAccessible("info e-mail (HTML part)");
        });
        step("the mail viewer lists the office mail, the staff answer and the info e-mail", () -> {
            browser.open(MAIL_VIEWER);
            assertThat(browser.text())
                    .contains(LocalMail.subject(delivered))
                    .contains("AW: " + LocalMail.subject(delivered))
                    .contains(INFO_MAIL_SUBJECT);
            browser.assertAccessible("mail viewer (GreenMail)");
        });
    }

    // ---- the configuration tool ----------------------------------------------------------------------------------

    /** A concern of the edit form: its code, its label, its Outlook mailbox before the change („—“ for none). */
    private record Concern(String code, String label, String mailboxBefore) {}

    /**
     * A concern the office offers, with a channel, not on Outlook yet. The stack's database outlives a run, so after
     * a few runs every such concern may be on Outlook: then one an earlier run moved (its mailbox {@code e2e-…}) gets
     * this run's mailbox instead.
     */
    private static Concern concernToMove() {
        Concern earlierRun = null;
        for (WebElement outlook :
                browser.findAll(By.cssSelector("input[type=radio][value=OUTLOOK][name^='concerns.']"))) {
            String name = outlook.getAttribute("name");
            String code = name.substring("concerns.".length(), name.length() - ".channel".length());
            if (!offered(code)) {
                continue;
            }
            String label = outlook.findElement(By.xpath("./ancestor::fieldset[contains(@class,'anliegen')]/legend"))
                    .getText()
                    .strip();
            String mailboxBefore =
                    browser.find(By.id("concerns." + code + ".outlookMailbox")).getAttribute("value");
            if (!outlook.isSelected()) {
                return new Concern(code, label, "—");
            }
            if (earlierRun == null && mailboxBefore.startsWith("e2e-")) {
                earlierRun = new Concern(code, label, mailboxBefore);
            }
        }
        if (earlierRun == null) {
            return fail("Every concern " + OFFICE + " offers is on Outlook already, none with a mailbox of an"
                    + " earlier run; nothing left to move");
        }
        System.out.println("Every concern is on Outlook already (earlier runs); moving „" + earlierRun.label()
                + "“ from " + earlierRun.mailboxBefore() + " to this run's mailbox");
        return earlierRun;
    }

    private static boolean offered(String code) {
        List<WebElement> offered = browser.findAll(By.name("concerns." + code + ".offered"));
        return !offered.isEmpty()
                && ("hidden".equals(offered.get(0).getAttribute("type"))
                        ? "true".equals(offered.get(0).getAttribute("value"))
                        : offered.get(0).isSelected());
    }

    /** A change an earlier, interrupted run left open blocks the form; its author takes it back. */
    private static void withdrawAnOpenChangeOfAnEarlierRun() {
        if (!browser.text().contains("Für diese Dienststelle gibt es bereits eine offene Änderung")) {
            return;
        }
        browser.followLink("Zur offenen Änderung", ExpectedConditions.urlContains("/aenderung"));
        if (!browser.hasButton("Änderung zurückziehen")) {
            fail("An open change of " + OFFICE + " that editor-hamburg cannot withdraw blocks the journey:\n"
                    + browser.text());
        }
        browser.press("Änderung zurückziehen", ExpectedConditions.urlContains("hinweis=zurueckgezogen"));
        browser.followLink("Konfiguration bearbeiten", ExpectedConditions.urlContains("/bearbeiten"));
    }

    private static int activeVersion() {
        Matcher m = ACTIVE_VERSION.matcher(browser.text());
        assertThat(m.find()).as("„Version N, aktiv seit“ on " + browser.url()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** Keycloak's login page (not ours: no axe here), then back to the configuration tool. */
    private static void logIn(String username) {
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        assertThat(browser.url()).startsWith(KEYCLOAK + "/realms/postfach/");
        browser.type(browser.find(By.id("username")), username);
        browser.type(browser.find(By.id("password")), PASSWORD);
        browser.clickAndAwait(
                browser.find(By.id("kc-login")), d -> d.getCurrentUrl().startsWith(CONFIG + "/"));
        assertThat(browser.text()).contains("Angemeldet:").contains("Abmelden");
    }

    private static void logOut() {
        browser.followLink(
                "Abmelden",
                ExpectedConditions.or(
                        ExpectedConditions.urlContains("/abgemeldet"),
                        ExpectedConditions.presenceOfElementLocated(By.id("kc-logout"))));
        if (browser.has(By.id("kc-logout"))) {
            browser.clickAndAwait(browser.find(By.id("kc-logout")), ExpectedConditions.urlContains("/abgemeldet"));
        }
        assertThat(browser.text()).contains("Sie haben sich vom Konfigurationswerkzeug abgemeldet.");
        browser.assertAccessible("signed-out page");
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** The office's configuration version a service's replica holds, from its metrics. */
    private static Optional<Long> replicaVersion(String baseUrl) {
        String metrics = given().baseUri(baseUrl).get("/q/metrics").asString();
        Matcher m = Pattern.compile("postfach_office_config_version\\{[^}]*office=\"" + OFFICE + "\"[^}]*} ([0-9.E]+)")
                .matcher(metrics);
        return m.find() ? Optional.of((long) Double.parseDouble(m.group(1))) : Optional.empty();
    }

    private static List<String> addresses(jakarta.mail.Address[] addresses) {
        return addresses == null
                ? List.of()
                : java.util.Arrays.stream(addresses)
                        .map(a -> ((InternetAddress) a).getAddress())
                        .toList();
    }

    @FunctionalInterface
    private interface Step<T> {
        T run() throws Exception;
    }

    @FunctionalInterface
    private interface VoidStep {
        void run() throws Exception;
    }

    private static void step(String name, VoidStep step) throws Exception {
        step(name, () -> {
            step.run();
            return null;
        });
    }

    /** One step of the journey, named in the output; a failed one leaves a screenshot and the page's HTML. */
    private static <T> T step(String name, Step<T> step) throws Exception {
        System.out.println("▶ " + name);
        try {
            return step.run();
        } catch (Exception | AssertionError e) {
            String file = name.replaceAll("[^A-Za-z0-9]+", "-");
            browser.saveEvidence(WORK.resolve("failed"), file.substring(0, Math.min(60, file.length())));
            System.out.println("✘ " + name + " — page " + browser.url() + " saved under " + WORK.resolve("failed"));
            throw e;
        }
    }
}
