package de.jobcenter.postfach.notification;

import static de.jobcenter.postfach.notification.Fixtures.PATIENCE;
import static de.jobcenter.postfach.notification.Fixtures.arrived;
import static de.jobcenter.postfach.notification.Fixtures.awaitState;
import static de.jobcenter.postfach.notification.Fixtures.bootstrap;
import static de.jobcenter.postfach.notification.Fixtures.coveredBy;
import static de.jobcenter.postfach.notification.Fixtures.newAddress;
import static de.jobcenter.postfach.notification.Fixtures.newCustomer;
import static de.jobcenter.postfach.notification.Fixtures.optIn;
import static de.jobcenter.postfach.notification.Fixtures.optOut;
import static de.jobcenter.postfach.notification.Fixtures.publish;
import static de.jobcenter.postfach.notification.Fixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.MailboxMessageArrived;
import de.jobcenter.postfach.contracts.NotificationPreferenceChanged;
import de.jobcenter.postfach.contracts.OfficeType;
import de.jobcenter.postfach.contracts.RouteRef;
import de.jobcenter.postfach.contracts.StaffMessageSent;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.contracts.Uuids;
import de.jobcenter.postfach.notification.infomail.InfoMailRetentionService;
import de.jobcenter.postfach.testing.GreenMailResource;
import de.jobcenter.postfach.testing.KafkaBrokerResource;
import de.jobcenter.postfach.testing.PostgresDatabaseResource;
import de.jobcenter.postfach.testing.TopicProbe;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/** The info e-mail end to end: events on the real broker, the replica in PostgreSQL, mails on a real SMTP server. */
@QuarkusTest
@TestProfile(NotificationTestProfile.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(
        value = PostgresDatabaseResource.class,
        initArgs = @ResourceArg(name = PostgresDatabaseResource.PREFIX_ARG, value = "notification"))
@QuarkusTestResource(
        value = GreenMailResource.class,
        initArgs = {
            @ResourceArg(name = "smtp-host-key", value = "quarkus.mailer.host"),
            @ResourceArg(name = "smtp-port-key", value = "quarkus.mailer.port")
        })
class InfoMailTest {
    private static final String MAILBOX_URL = "https://www.jobcenter.digital/postfach";

    @Inject
    AgroalDataSource db;

    @Inject
    AdjustableClock clock;

    @Inject
    InfoMailRetentionService retention;

    @Test
    void anOptedInCustomerGetsOneGermanInfoMailWithTextHtmlAndTheMailboxLink() throws Exception {
        String customer = newCustomer();
        String address = newAddress();
        optIn(db, customer, address);

        MailboxMessageArrived event = arrived(customer, OfficeType.JOBCENTER);
        publish(event);

        awaitState(db, event.messageId(), "SENT");
        List<MimeMessage> mails = Mails.awaitMails(address, 1);
        assertThat(mails).hasSize(1);
        MimeMessage mail = mails.get(0);
        assertThat(mail.getSubject()).isEqualTo("Neue Nachricht in Ihrem Postfach");
        assertThat(mail.getFrom()[0].toString()).contains("noreply@jobcenter.digital");
        assertThat(mail.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(mail.getMessageID())
                .isEqualTo(
                        "<" + Uuids.v5(Uuids.NAMESPACE, "info-mail:" + event.messageId()) + "@info.jobcenter.digital>");

        String text = Mails.plainText(mail);
        assertThat(text)
                .startsWith("Guten Tag,")
                .contains("Ihr Jobcenter hat Ihnen eine neue Nachricht in Ihr Postfach geschickt.")
                .contains("Aus Gründen des Datenschutzes steht der Inhalt nicht in dieser E-Mail.")
                .contains(MAILBOX_URL)
                .contains("Bitte antworten Sie nicht darauf.");

        String html = Mails.html(mail);
        assertThat(html)
                .contains("<html lang=\"de\">")
                .contains("<title>Neue Nachricht in Ihrem Postfach</title>")
                .contains("<meta charset=\"UTF-8\">")
                .contains("<main")
                .contains("Ihr Jobcenter hat Ihnen eine neue Nachricht in Ihr Postfach geschickt.");
        assertThat(count(html, "<h1")).isEqualTo(1);
        Matcher link = Pattern.compile("<a href=\"([^\"]+)\"[^>]*>([^<]+)</a>").matcher(html);
        assertThat(link.find()).isTrue();
        assertThat(link.group(1)).isEqualTo(MAILBOX_URL);
        assertThat(link.group(2)).isEqualTo("Zum Postfach: neue Nachricht lesen");
        assertThat(link.find()).as("one link only").isFalse();
        assertContrastOnWhiteOfAtLeast(html, 4.5);
    }

    @Test
    void aMessageFromAnEmploymentAgencySaysIhreAgenturFuerArbeit() throws Exception {
        String customer = newCustomer();
        String address = newAddress();
        optIn(db, customer, address);

        MailboxMessageArrived event = arrived(customer, OfficeType.EMPLOYMENT_AGENCY);
        publish(event);

        MimeMessage mail = Mails.awaitMails(address, 1).get(0);
        assertThat(Mails.plainText(mail))
                .contains("Ihre Agentur für Arbeit hat Ihnen eine neue Nachricht in Ihr Postfach geschickt.")
                .doesNotContain("Ihr Jobcenter");
        assertThat(Mails.html(mail)).contains("Ihre Agentur für Arbeit hat Ihnen eine neue Nachricht");
    }

    @Test
    void anOptedOutCustomerAndACustomerWithoutAddressGetNoMail() {
        String optedOut = newCustomer();
        String optedOutAddress = newAddress();
        publish(new NotificationPreferenceChanged(optedOut, false, optedOutAddress, Instant.now()));
        String withoutAddress = newCustomer();
        publish(new NotificationPreferenceChanged(withoutAddress, true, null, Instant.now()));
        MailboxMessageArrived first = arrived(optedOut, OfficeType.JOBCENTER);
        MailboxMessageArrived second = arrived(withoutAddress, OfficeType.JOBCENTER);
        org.awaitility.Awaitility.await()
                .atMost(PATIENCE)
                .until(() -> Fixtures.preferenceEnabled(db, optedOut).isPresent()
                        && Fixtures.preferenceEnabled(db, withoutAddress).isPresent());
        int before = Mails.total();

        publish(first);
        publish(second);

        awaitState(db, first.messageId(), "SKIPPED");
        awaitState(db, second.messageId(), "SKIPPED");
        assertThat(Mails.to(optedOutAddress)).isEmpty();
        assertThat(Mails.total()).isEqualTo(before);
    }

    @Test
    void anUnknownCustomerGetsNoMail() {
        int before = Mails.total();
        MailboxMessageArrived event = arrived(newCustomer(), OfficeType.JOBCENTER);

        publish(event);

        awaitState(db, event.messageId(), "SKIPPED");
        assertThat(Mails.total()).isEqualTo(before);
    }

    @Test
    void theSameEventDeliveredTwiceSendsOneMail() {
        String customer = newCustomer();
        String address = newAddress();
        optIn(db, customer, address);
        MailboxMessageArrived event = arrived(customer, OfficeType.JOBCENTER);

        publish(event);
        publish(event);
        awaitState(db, event.messageId(), "SENT");
        // Same key, same partition: once a later event is decided, both copies before it have been processed.
        MailboxMessageArrived marker = arrived(customer, OfficeType.JOBCENTER);
        publish(marker);
        awaitState(db, marker.messageId(), "COVERED");

        assertThat(Mails.to(address)).hasSize(1);
    }

    @Test
    void messagesWithinTheQuietPeriodAreCoveredByOneMailAndALaterMessageGetsItsOwn() {
        String customer = newCustomer();
        String address = newAddress();
        optIn(db, customer, address);
        MailboxMessageArrived first = arrived(customer, OfficeType.JOBCENTER);
        MailboxMessageArrived second = arrived(customer, OfficeType.JOBCENTER);
        MailboxMessageArrived third = arrived(customer, OfficeType.EMPLOYMENT_AGENCY);

        publish(first);
        publish(second);
        publish(third);

        awaitState(db, third.messageId(), "COVERED");
        assertThat(state(db, first.messageId())).contains("SENT");
        assertThat(coveredBy(db, second.messageId())).contains(first.messageId().toString());
        assertThat(coveredBy(db, third.messageId())).contains(first.messageId().toString());
        assertThat(Mails.to(address)).hasSize(1);

        clock.advance(Duration.ofMinutes(16)); // the default quiet period of 15 minutes has passed
        MailboxMessageArrived fourth = arrived(customer, OfficeType.JOBCENTER);
        publish(fourth);

        awaitState(db, fourth.messageId(), "SENT");
        assertThat(Mails.awaitMails(address, 2)).hasSize(2);
    }

    @Test
    void anOptOutAfterAnOptInStopsMailsForLaterEvents() {
        String customer = newCustomer();
        String address = newAddress();
        NotificationPreferenceChanged optIn = optIn(db, customer, address);
        MailboxMessageArrived before = arrived(customer, OfficeType.JOBCENTER);
        publish(before);
        awaitState(db, before.messageId(), "SENT");

        optOut(db, optIn);
        clock.advance(Duration.ofMinutes(16)); // so that no mail is due to the opt-out, not to the quiet period
        MailboxMessageArrived after = arrived(customer, OfficeType.JOBCENTER);
        publish(after);

        awaitState(db, after.messageId(), "SKIPPED");
        assertThat(Mails.to(address)).hasSize(1);
    }

    @Test
    void theInfoMailCarriesNothingOfTheMessageNorTheOffice() throws Exception {
        String canary = "KANARIE-" + UUID.randomUUID();
        String customer = newCustomer();
        String address = newAddress();
        optIn(db, customer, address);
        StaffMessageSent original = new StaffMessageSent(
                UUID.randomUUID(),
                UUID.randomUUID(),
                null,
                customer,
                "123D456789",
                "jc-hamburg-nord",
                "OTHER",
                "Ihr Antrag auf Bürgergeld " + canary,
                "Bitte reichen Sie die Kontoauszüge nach. " + canary,
                true,
                RouteRef.eakte("jc-hamburg-nord"),
                Instant.now());
        // what mailbox-api publishes once it has filed the staff message
        MailboxMessageArrived event = new MailboxMessageArrived(
                original.customerId(), original.messageId(), original.officeId(), OfficeType.JOBCENTER, Instant.now());
        String json = new String(EventJson.write(event), StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("subject").doesNotContain("body").doesNotContain(canary);

        List<String> logLines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                // GreenMail stands in for the customer's mail provider: what it logs is not the service's log.
                if (record.getLoggerName() == null || !record.getLoggerName().startsWith("com.icegreen")) {
                    logLines.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(capture);
        try {
            publish(event);
            awaitState(db, event.messageId(), "SENT");
        } finally {
            root.removeHandler(capture);
        }

        String everything = Mails.everything(Mails.awaitMails(address, 1).get(0));
        assertThat(everything)
                .doesNotContain(canary)
                .doesNotContain("Bürgergeld")
                .doesNotContainIgnoringCase("hamburg")
                .doesNotContain(event.officeId())
                .doesNotContain(event.messageId().toString())
                .doesNotContain(customer)
                .doesNotContain("123D456789");
        assertThat(logLines).isNotEmpty().noneMatch(line -> line.contains(address) || line.contains(canary));
        assertThat(logLines).anyMatch(line -> line.contains(event.messageId().toString()));
    }

    @Test
    void anUndecodableEventGoesToTheDeadLetterTopicAtOnce() {
        try (TopicProbe dlq = TopicProbe.fromNow(bootstrap(), Topics.dlq(Topics.MAILBOX_EVENTS))) {
            String key = newCustomer();
            TopicProbe.send(
                    bootstrap(),
                    Topics.MAILBOX_EVENTS,
                    key,
                    "{\"customerId\":\"nicht vollständig".getBytes(StandardCharsets.UTF_8),
                    java.util.Map.of());

            var dead = dlq.await(r -> key.equals(r.key()), 1, PATIENCE).get(0);
            assertThat(TopicProbe.header(dead, "dead-letter-reason"))
                    .startsWith("Cannot decode MailboxMessageArrived")
                    .doesNotContain("nicht vollständig");
        }
    }

    @Test
    void decisionsOlderThanTheRetentionPeriodAreForgotten() throws SQLException {
        String customer = newCustomer();
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        Instant now = clock.instant();
        insertDecision(old, customer, now.minus(Duration.ofDays(91)));
        insertDecision(recent, customer, now.minus(Duration.ofDays(89)));

        retention.purge();

        assertThat(state(db, old)).isEmpty();
        assertThat(state(db, recent)).contains("SKIPPED");
    }

    private void insertDecision(UUID messageId, String customerId, Instant decidedAt) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "insert into info_mail (message_id, customer_id, state, decided_at) values (?, ?, 'SKIPPED', ?)")) {
            s.setObject(1, messageId);
            s.setString(2, customerId);
            s.setTimestamp(3, Timestamp.from(decidedAt));
            s.executeUpdate();
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    /** Every text colour the HTML declares reaches the given WCAG contrast ratio against its white background. */
    private static void assertContrastOnWhiteOfAtLeast(String html, double minimum) {
        assertThat(html).contains("background-color:#ffffff");
        Matcher colour =
                Pattern.compile("(?<![-\\w])color:\\s*#([0-9a-fA-F]{6})").matcher(html);
        int seen = 0;
        while (colour.find()) {
            seen++;
            double ratio = (1.0 + 0.05) / (luminance(colour.group(1)) + 0.05);
            assertThat(ratio).as("contrast of #%s on white", colour.group(1)).isGreaterThanOrEqualTo(minimum);
        }
        assertThat(seen).isPositive();
    }

    private static double luminance(String hex) {
        double[] rgb = new double[3];
        for (int i = 0; i < 3; i++) {
            double c = Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16) / 255.0;
            rgb[i] = c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
    }
}
