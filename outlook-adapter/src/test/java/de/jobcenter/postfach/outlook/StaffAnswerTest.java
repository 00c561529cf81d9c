package de.jobcenter.postfach.outlook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.jobcenter.postfach.contracts.ArchiveRequested;
import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.Direction;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.MessageRouted;
import de.jobcenter.postfach.contracts.RouteRef;
import de.jobcenter.postfach.contracts.StaffMessageSent;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.outlook.support.Mails;
import de.jobcenter.postfach.outlook.support.Routed;
import de.jobcenter.postfach.outlook.support.StaffMail;
import de.jobcenter.postfach.outlook.support.TestOffices;
import de.jobcenter.postfach.testing.KafkaBroker;
import de.jobcenter.postfach.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Collections;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Staff answer from Outlook, or start a conversation; the adapter reads the service mailbox by IMAP. */
@QuarkusTest
@QuarkusTestResource(OutlookTestResources.class)
class StaffAnswerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String ANSWER = """
            Guten Tag,

            Ihr Termin ist am Dienstag um 10 Uhr.

            Mit freundlichen Grüßen
            Max Mustermann
            --
            Jobcenter Hamburg Nord""";

    private static String bootstrap() {
        return KafkaBroker.shared().bootstrapServers();
    }

    @Test
    void publishesAStaffAnswerUnderTheOfficeMailboxWithoutTheQuotedHistory() throws Exception {
        MessageRouted routed = Routed.message().build();
        MimeMessage delivered = Routed.deliver(routed);
        try (TopicProbe staffMessages = TopicProbe.fromNow(bootstrap(), Topics.STAFF_MESSAGES)) {
            String mailId = StaffMail.from("Max Mustermann <m.mustermann@jobcenter-ge.de>")
                    .subject("AW: " + delivered.getSubject())
                    .text(ANSWER + "\n\nVon: Postfach <" + OutlookTestResources.SERVICE_ADDRESS + ">\n"
                            + "Gesendet: Montag, 2. März 2026 10:15\nAn: " + TestOffices.NORD_MAILBOX
                            + "\nBetreff: " + delivered.getSubject() + "\n\n" + Mails.text(delivered))
                    .answering(delivered)
                    .send();
            UUID id = Mails.staffMessageId(mailId);

            StaffMessageSent sent = awaitSent(staffMessages, id);
            assertThat(sent.route()).isEqualTo(RouteRef.outlook(TestOffices.NORD, TestOffices.NORD_MAILBOX));
            assertThat(sent.officeId()).isEqualTo(TestOffices.NORD);
            assertThat(sent.conversationId()).isEqualTo(routed.conversationId());
            assertThat(sent.inReplyTo()).isEqualTo(routed.messageId());
            assertThat(sent.customerId()).isEqualTo(routed.customerId());
            assertThat(sent.customerNumber()).isEqualTo(routed.customerNumber());
            assertThat(sent.concern()).isEqualTo(routed.concern());
            assertThat(sent.subject()).isEqualTo("AW: Terminwunsch für nächste Woche");
            assertThat(sent.body()).isEqualTo(ANSWER);
            assertThat(sent.paymentRelevant()).isFalse();
            Mails.awaitMovedTo(Mails.PROCESSED, mailId);

            // The same mail again (as after a crash before it was moved): same id, no second message.
            Mails.copyBackToInbox(Mails.PROCESSED, mailId);
            await().atMost(TIMEOUT)
                    .until(() -> Collections.frequency(Mails.inServiceFolder(Mails.PROCESSED), mailId) == 2);
            assertThat(staffMessages.drain(Duration.ofSeconds(1)))
                    .filteredOn(r -> TopicProbe.valueContains(r, id.toString()))
                    .hasSize(1);
        }
    }

    @Test
    void turnsAnHtmlOnlyAnswerIntoPlainTextAndFindsItsConversationByInReplyTo() {
        MessageRouted routed = Routed.message().build();
        MimeMessage delivered = Routed.deliver(routed);
        try (TopicProbe staffMessages = TopicProbe.fromNow(bootstrap(), Topics.STAFF_MESSAGES)) {
            String mailId = StaffMail.from(TestOffices.NORD_MAILBOX)
                    .subject("AW: Terminwunsch für nächste Woche")
                    .html("<html><head><style>p{color:red}</style><script>alert('x')</script></head><body>"
                            + "<p class=MsoNormal>Guten Tag,</p><p class=MsoNormal>&nbsp;</p>"
                            + "<p class=MsoNormal>bitte bringen Sie <b>Ihren Ausweis</b> &amp; den Bescheid mit."
                            + "<br>Termin: Dienstag, 10&nbsp;Uhr</p><img src=x onerror=alert(1)>"
                            + "<div id=appendonsend></div><hr><div id=divRplyFwdMsg><b>Von:</b> Postfach "
                            + "&lt;postfach@jobcenter-ge.de&gt;<br><b>Gesendet:</b> Montag, 2. März 2026<br>"
                            + "<b>Betreff:</b> Terminwunsch</div><div>Nachricht aus dem Postfach</div></body></html>")
                    .answering(delivered)
                    .send();

            StaffMessageSent sent = awaitSent(staffMessages, Mails.staffMessageId(mailId));
            assertThat(sent.conversationId()).isEqualTo(routed.conversationId());
            assertThat(sent.inReplyTo()).isEqualTo(routed.messageId());
            assertThat(sent.body())
                    .isEqualTo("Guten Tag,\n\nbitte bringen Sie Ihren Ausweis & den Bescheid mit.\n"
                            + "Termin: Dienstag, 10 Uhr");
            Mails.awaitMovedTo(Mails.PROCESSED, mailId);
        }
    }

    @Test
    void publishesAPaymentRelevantAnswerWithItsOutboundArchiveRequest() throws Exception {
        MessageRouted routed = Routed.message()
                .concern("CHANGE_OF_CIRCUMSTANCES")
                .subject("Neue Miete")
                .build();
        MimeMessage delivered = Routed.deliver(routed);
        try (TopicProbe topics = TopicProbe.fromNow(bootstrap(), Topics.STAFF_MESSAGES, Topics.ARCHIVE_REQUESTS)) {
            String mailId = StaffMail.from(TestOffices.NORD_MAILBOX)
                    .subject("AW: " + delivered.getSubject() + " [zahlungsrelevant]")
                    .text("Wir haben die neue Miete berücksichtigt. Der Bescheid folgt.")
                    .answering(delivered)
                    .send();
            UUID id = Mails.staffMessageId(mailId);

            var records = topics.await(r -> TopicProbe.valueContains(r, id.toString()), 2, TIMEOUT);
            ConsumerRecord<String, byte[]> archiveRecord = records.stream()
                    .filter(r -> r.topic().equals(Topics.ARCHIVE_REQUESTS))
                    .findFirst()
                    .orElseThrow();
            ConsumerRecord<String, byte[]> sentRecord = records.stream()
                    .filter(r -> r.topic().equals(Topics.STAFF_MESSAGES))
                    .findFirst()
                    .orElseThrow();
            StaffMessageSent sent = EventJson.read(sentRecord.value(), StaffMessageSent.class);
            ArchiveRequested archive = EventJson.read(archiveRecord.value(), ArchiveRequested.class);
            assertThat(sent.paymentRelevant()).isTrue();
            assertThat(sent.subject()).isEqualTo("AW: Neue Miete");
            assertThat(archive.messageId()).isEqualTo(id);
            assertThat(archive.direction()).isEqualTo(Direction.OUTBOUND);
            assertThat(archive.carriedBy()).isEqualTo(Channel.OUTLOOK);
            assertThat(archive.customerId()).isEqualTo(routed.customerId());
            assertThat(archive.body()).isEqualTo("Wir haben die neue Miete berücksichtigt. Der Bescheid folgt.");
            Mails.awaitMovedTo(Mails.PROCESSED, mailId);
        }
    }

    @Test
    void startsAConversationFromAConfiguredMailboxByTheSubjectForm() {
        try (TopicProbe staffMessages = TopicProbe.fromNow(bootstrap(), Topics.STAFF_MESSAGES)) {
            String mailId = StaffMail.from("Jobcenter Hamburg Nord <" + TestOffices.NORD_MAILBOX + ">")
                    .subject("Kundennummer 123D456789: Ihr Termin am Montag")
                    .text("Guten Tag,\nbitte kommen Sie am Montag um 9 Uhr.")
                    .send();

            StaffMessageSent sent = awaitSent(staffMessages, Mails.staffMessageId(mailId));
            assertThat(sent.conversationId()).isNull();
            assertThat(sent.inReplyTo()).isNull();
            assertThat(sent.customerNumber()).isEqualTo("123D456789");
            assertThat(sent.customerId()).isNull();
            assertThat(sent.officeId()).isEqualTo(TestOffices.NORD);
            assertThat(sent.concern()).isEqualTo("OTHER");
            assertThat(sent.subject()).isEqualTo("Ihr Termin am Montag");
            assertThat(sent.body()).isEqualTo("Guten Tag,\nbitte kommen Sie am Montag um 9 Uhr.");
            assertThat(sent.route()).isEqualTo(RouteRef.outlook(TestOffices.NORD, TestOffices.NORD_MAILBOX));
            Mails.awaitMovedTo(Mails.PROCESSED, mailId);
        }
    }

    private static StaffMessageSent awaitSent(TopicProbe probe, UUID id) {
        ConsumerRecord<String, byte[]> record = probe.await(r -> TopicProbe.valueContains(r, id.toString()), 1, TIMEOUT)
                .get(0);
        StaffMessageSent sent = EventJson.read(record.value(), StaffMessageSent.class);
        assertThat(sent.messageId()).isEqualTo(id);
        return sent;
    }
}
