package de.jobcenter.postfach.outlook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.MessageRouted;
import de.jobcenter.postfach.contracts.StaffMessageSent;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.kit.officeconfig.OfficeConfigReplica;
import de.jobcenter.postfach.outlook.inbound.Refusal;
import de.jobcenter.postfach.outlook.support.Mails;
import de.jobcenter.postfach.outlook.support.Routed;
import de.jobcenter.postfach.outlook.support.StaffMail;
import de.jobcenter.postfach.outlook.support.TestOffices;
import de.jobcenter.postfach.testing.KafkaBroker;
import de.jobcenter.postfach.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Mails the adapter must not forward (S6, header injection of S4): nothing is published, the mail goes to the
 * review folder, and the sender gets a short German explanation that quotes nothing of the mail.
 */
@QuarkusTest
@QuarkusTestResource(OutlookTestResources.class)
class StaffMailRefusalTest {
    private static final String PERSONAL = "m.mustermann@jobcenter-ge.de";

    @Inject
    OfficeConfigReplica offices;

    private TopicProbe published;

    @BeforeEach
    void watchWhatIsPublished() {
        published = TopicProbe.fromNow(
                KafkaBroker.shared().bootstrapServers(), Topics.STAFF_MESSAGES, Topics.ARCHIVE_REQUESTS);
    }

    @AfterEach
    void closeProbe() {
        published.close();
    }

    @Test
    void refusesAnAnswerFromAnAddressOutsideTheOfficeAndTheAllowedDomains() throws Exception {
        MimeMessage delivered = Routed.deliver(Routed.message().build());
        String stranger = "jemand-" + UUID.randomUUID() + "@example.org";

        String mailId = StaffMail.from(stranger)
                .subject("AW: " + delivered.getSubject())
                .text("Ich antworte einfach mal.")
                .answering(delivered)
                .send();

        assertRefusedAndAnswered(
                mailId, stranger, Refusal.FOREIGN_SENDER, "Absenderadresse ist dafür nicht zugelassen");
    }

    @Test
    void refusesANewConversationFromAPersonalAddressOfAnAllowedDomain() {
        String mailId = StaffMail.from(PERSONAL)
                .subject("Kundennummer 123D456789: Ihr Termin")
                .text("Bitte kommen Sie vorbei.")
                .send();

        assertRefusedAndAnswered(
                mailId,
                PERSONAL,
                Refusal.FOREIGN_SENDER,
                "neue Unterhaltungen nur aus den hinterlegten Funktionspostfächern");
    }

    @Test
    void refusesAnUnknownToken() {
        String mailId = StaffMail.from(TestOffices.NORD_MAILBOX)
                .subject("AW: Postfach [PF-AAAAAAAAAAAAAAAA]: Terminwunsch")
                .text("Am Dienstag.")
                .send();

        assertRefusedAndAnswered(
                mailId, TestOffices.NORD_MAILBOX, Refusal.UNKNOWN_TOKEN, "Kennung [PF-…] im Betreff ist nicht bekannt");
    }

    @Test
    void refusesATokenOfAnotherOfficesConversation() throws Exception {
        MimeMessage delivered = Routed.deliver(Routed.message().build());

        String mailId = StaffMail.from(TestOffices.SUED_MAILBOX)
                .subject("AW: " + delivered.getSubject())
                .text("Wir aus dem Süden antworten.")
                .answering(delivered)
                .send();

        assertRefusedAndAnswered(
                mailId,
                TestOffices.SUED_MAILBOX,
                Refusal.TOKEN_OF_ANOTHER_OFFICE,
                "gehört zu einer Unterhaltung einer anderen");
    }

    @Test
    void refusesEncodedLineBreaksInTheSubject() {
        String mailId = StaffMail.from(TestOffices.NORD_MAILBOX)
                .rawSubject("=?UTF-8?Q?Kundennummer_123D456789=3A_Termin=0D=0ABcc=3A_angreifer=40example=2Eorg?=")
                .text("Text")
                .send();

        assertRefusedAndAnswered(
                mailId, TestOffices.NORD_MAILBOX, Refusal.HEADER_INJECTION, "unzulässige Steuerzeichen");
    }

    @Test
    void refusesEncodedLineBreaksInTheSendersName() {
        String mailId = StaffMail.from("=?UTF-8?Q?Max=0D=0ABcc=3A_angreifer=40example=2Eorg?= <" + PERSONAL + ">")
                .subject("Kundennummer 123D456789: Termin")
                .text("Text")
                .send();

        assertRefusedAndAnswered(mailId, PERSONAL, Refusal.HEADER_INJECTION, "unzulässige Steuerzeichen");
    }

    @Test
    void refusesTwoSendersAndAnswersNeither() {
        String stranger = "zweiter-" + UUID.randomUUID() + "@example.org";
        String mailId = StaffMail.from(TestOffices.NORD_MAILBOX)
                .alsoFrom(stranger)
                .subject("Kundennummer 123D456789: Termin")
                .text("Text")
                .send();

        Mails.awaitMovedTo(Mails.REVIEW, mailId);
        assertNothingPublished(mailId);
        assertThat(refusalAnswers(TestOffices.NORD_MAILBOX, mailId)).isEmpty();
        assertThat(Mails.receivedBy(stranger)).isEmpty();
    }

    @Test
    void refusesAnAnswerWithAnAttachmentInsteadOfStrippingIt() throws Exception {
        MimeMessage delivered = Routed.deliver(Routed.message().build());

        String mailId = StaffMail.from(TestOffices.NORD_MAILBOX)
                .subject("AW: " + delivered.getSubject())
                .text("Anbei der Bescheid.")
                .attachment("bescheid.pdf", "application/pdf", "%PDF-1.4\n".getBytes())
                .answering(delivered)
                .send();

        assertRefusedAndAnswered(mailId, TestOffices.NORD_MAILBOX, Refusal.ATTACHMENT, "Anhänge");
    }

    @Test
    void refusesABodyOverTheLimitInsteadOfTruncatingIt() {
        String mailId = StaffMail.from(TestOffices.NORD_MAILBOX)
                .subject("Kundennummer 123D456789: Langer Text")
                .text("a".repeat(10_001))
                .send();

        MimeMessage answer =
                assertRefusedAndAnswered(mailId, TestOffices.NORD_MAILBOX, Refusal.INVALID_CONTENT, "nicht gekürzt");
        assertThat(Mails.text(answer)).contains("- Text: Höchstens 10000 Zeichen (jetzt 10001).");
    }

    @Test
    void refusesANewConversationOfAnOfficeNotYetLive() {
        String mailId = StaffMail.from(TestOffices.WEST_MAILBOX)
                .subject("Kundennummer 123D456789: Termin")
                .text("Text")
                .send();

        assertRefusedAndAnswered(
                mailId, TestOffices.WEST_MAILBOX, Refusal.OFFICE_NOT_LIVE, "nimmt derzeit keine Nachrichten");
    }

    @Test
    void movesAnOutOfOfficeNoteToReviewWithoutAnsweringIt() throws Exception {
        MessageRouted routed = Routed.message().build();
        MimeMessage delivered = Routed.deliver(routed);

        String mailId = StaffMail.from(TestOffices.NORD_MAILBOX)
                .subject("Automatische Antwort: " + delivered.getSubject())
                .header("Auto-Submitted", "auto-replied")
                .text("Ich bin bis Montag nicht im Haus.")
                .send();

        Mails.awaitMovedTo(Mails.REVIEW, mailId);
        assertNothingPublished(mailId);
        assertThat(refusalAnswers(TestOffices.NORD_MAILBOX, mailId)).isEmpty();
    }

    @Test
    void judgesARefusedMailAgainWhenAnOperatorMovesItBackAfterFixingTheCause() {
        String team = "team-" + UUID.randomUUID() + "@jobcenter-ge.de";
        String mailId = StaffMail.from(team)
                .subject("Kundennummer 123D456789: Ihr Termin")
                .text("Bitte kommen Sie am Montag.")
                .send();
        assertRefusedAndAnswered(mailId, team, Refusal.FOREIGN_SENDER, "neue Unterhaltungen nur aus");

        // Moved back unchanged: refused again, not answered again.
        Mails.copyBackToInbox(Mails.REVIEW, mailId);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Collections.frequency(Mails.inServiceFolder(Mails.REVIEW), mailId) == 2);
        assertThat(refusalAnswers(team, mailId)).hasSize(1);

        // The office adds the mailbox to its configuration; moved back again, the mail is published.
        TestOffices.publish(KafkaBroker.shared().bootstrapServers(), TestOffices.suedWithAnotherMailbox(2L, team));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> offices.find(TestOffices.SUED)
                        .map(o -> o.outlookMailboxes().contains(team))
                        .orElse(false));
        Mails.copyBackToInbox(Mails.REVIEW, mailId);
        String id = Mails.staffMessageId(mailId).toString();
        var records = published.await(r -> TopicProbe.valueContains(r, id), 1, Duration.ofSeconds(30));
        StaffMessageSent sent = EventJson.read(records.get(0).value(), StaffMessageSent.class);
        assertThat(sent.officeId()).isEqualTo(TestOffices.SUED);
        assertThat(sent.route().outlookMailbox()).isEqualTo(team);
        Mails.awaitMovedTo(Mails.PROCESSED, mailId);
    }

    private MimeMessage assertRefusedAndAnswered(String mailId, String sender, Refusal refusal, String explanation) {
        Mails.awaitMovedTo(Mails.REVIEW, mailId);
        MimeMessage answer = Mails.awaitReceived(sender, refusalMessageId(mailId, refusal));
        try {
            assertThat(answer.getSubject()).isEqualTo("Postfach: Ihre Nachricht wurde nicht weitergeleitet");
            assertThat(answer.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
            assertThat(answer.getAllRecipients()).hasSize(1);
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
        assertThat(Mails.text(answer)).contains(explanation).doesNotContain("angreifer");
        assertNothingPublished(mailId);
        return answer;
    }

    private void assertNothingPublished(String mailId) {
        String id = Mails.staffMessageId(mailId).toString();
        assertThat(published.drain(Duration.ofMillis(500))).noneMatch(r -> TopicProbe.valueContains(r, id));
    }

    /** The documented Message-ID of the answer to a refused mail: one per mail and reason. */
    private static String refusalMessageId(String mailId, Refusal refusal) {
        return "<refused-" + Mails.staffMessageId(mailId) + "-" + refusal.name().toLowerCase(Locale.ROOT)
                + "@postfach.jobcenter-ge.de>";
    }

    private static List<MimeMessage> refusalAnswers(String address, String mailId) {
        String prefix = "<refused-" + Mails.staffMessageId(mailId);
        return Mails.receivedBy(address).stream()
                .filter(m -> Mails.messageId(m).startsWith(prefix))
                .toList();
    }
}
