package de.jobcenter.postfach.outlook;

import static org.assertj.core.api.Assertions.assertThat;

import de.jobcenter.postfach.contracts.CloudEventHeaders;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.RejectionReason;
import de.jobcenter.postfach.contracts.RouteRef;
import de.jobcenter.postfach.contracts.StaffMessageRejected;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.outlook.support.Mails;
import de.jobcenter.postfach.outlook.support.StaffMail;
import de.jobcenter.postfach.outlook.support.TestOffices;
import de.jobcenter.postfach.testing.KafkaBroker;
import de.jobcenter.postfach.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** mailbox-api could not file a staff message that came by mail: the office's mailbox is told, once. */
@QuarkusTest
@QuarkusTestResource(OutlookTestResources.class)
class StaffMessageRejectedTest {

    @Test
    void tellsTheOfficeMailboxOnceWhyItsMessageWasNotFiled() throws Exception {
        UUID staffMessageId = startConversation();
        RouteRef route = RouteRef.outlook(TestOffices.NORD, TestOffices.NORD_MAILBOX);
        StaffMessageRejected rejected = new StaffMessageRejected(
                staffMessageId, TestOffices.NORD, route, RejectionReason.UNKNOWN_CUSTOMER, Instant.now());
        // The same record twice, then one for another message on the same partition: once that one's mail is
        // there, the repeated record has been handled too.
        StaffMessageRejected later = new StaffMessageRejected(
                UUID.randomUUID(), TestOffices.NORD, route, RejectionReason.INVALID, Instant.now());
        String key = staffMessageId.toString();
        reject(key, rejected);
        reject(key, rejected);
        reject(key, later);

        Mails.awaitReceived(TestOffices.NORD_MAILBOX, noticeId(later.messageId()));
        assertThat(Mails.receivedBy(TestOffices.NORD_MAILBOX, noticeId(staffMessageId)))
                .hasSize(1);
        MimeMessage notice = Mails.receivedBy(TestOffices.NORD_MAILBOX, noticeId(staffMessageId))
                .get(0);
        assertThat(notice.getSubject()).isEqualTo("Postfach: Ihre Nachricht konnte nicht zugestellt werden");
        assertThat(Mails.text(notice))
                .contains("Kundennummer: 123D456789")
                .contains("Kennung der Nachricht: " + staffMessageId)
                .contains("kein Postfach bekannt")
                .doesNotContain("Ihr Termin am Montag");
    }

    @Test
    void leavesRejectionsOfOtherChannelsToTheirAdapters() {
        UUID eakteMessage = UUID.randomUUID();
        String key = eakteMessage.toString();
        reject(
                key,
                new StaffMessageRejected(
                        eakteMessage,
                        TestOffices.NORD,
                        RouteRef.eakte(TestOffices.NORD),
                        RejectionReason.UNKNOWN_CUSTOMER,
                        Instant.now()));
        StaffMessageRejected later = new StaffMessageRejected(
                UUID.randomUUID(),
                TestOffices.NORD,
                RouteRef.outlook(TestOffices.NORD, TestOffices.NORD_MAILBOX),
                RejectionReason.INVALID,
                Instant.now());
        reject(key, later);

        Mails.awaitReceived(TestOffices.NORD_MAILBOX, noticeId(later.messageId()));
        assertThat(Mails.receivedBy(TestOffices.NORD_MAILBOX, noticeId(eakteMessage)))
                .isEmpty();
    }

    private static UUID startConversation() {
        try (TopicProbe staffMessages =
                TopicProbe.fromNow(KafkaBroker.shared().bootstrapServers(), Topics.STAFF_MESSAGES)) {
            String mailId = StaffMail.from(TestOffices.NORD_MAILBOX)
                    .subject("Kundennummer 123D456789: Ihr Termin am Montag")
                    .text("Bitte kommen Sie am Montag.")
                    .send();
            UUID id = Mails.staffMessageId(mailId);
            staffMessages.await(r -> TopicProbe.valueContains(r, id.toString()), 1, Duration.ofSeconds(30));
            Mails.awaitMovedTo(Mails.PROCESSED, mailId);
            return id;
        }
    }

    private static void reject(String key, StaffMessageRejected rejected) {
        TopicProbe.send(
                KafkaBroker.shared().bootstrapServers(),
                Topics.STAFF_MESSAGES_REJECTED,
                key,
                EventJson.write(rejected),
                CloudEventHeaders.forEvent(rejected, "mailbox-api", Instant.now()));
    }

    private static String noticeId(UUID staffMessageId) {
        return "<rejected-" + staffMessageId + "@postfach.jobcenter-ge.de>";
    }
}
