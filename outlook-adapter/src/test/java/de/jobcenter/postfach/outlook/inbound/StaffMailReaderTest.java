package de.jobcenter.postfach.outlook.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Real MIME parsing of raw mails, as they arrive from the mailbox. */
class StaffMailReaderTest {
    private final StaffMailReader reader = new StaffMailReader(100_000, "postfach@jobcenter-ge.de");

    private StaffMail read(String raw) throws Exception {
        MimeMessage mail = new MimeMessage(
                Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
        return reader.read(mail);
    }

    @Test
    void readsAPlainAnswerWithItsReferences() throws Exception {
        StaffMail mail = read("""
                From: Max Mustermann <M.Mustermann@Jobcenter-GE.de>
                To: postfach@jobcenter-ge.de
                Subject: =?UTF-8?Q?AW:_Postfach_[PF-ABCDEFGHIJKLMNOP]:_Terminw=C3=BCnsche?=
                Message-ID: <answer-1@exchange.example>
                In-Reply-To: <m-2@postfach.jobcenter-ge.de>
                References: <m-1@postfach.jobcenter-ge.de> <m-2@postfach.jobcenter-ge.de>
                MIME-Version: 1.0
                Content-Type: text/plain; charset=UTF-8

                Am Dienstag.

                Von: Postfach <postfach@jobcenter-ge.de>
                Gesendet: Montag
                """);

        assertThat(mail.problem()).isNull();
        assertThat(mail.sender()).isEqualTo("m.mustermann@jobcenter-ge.de");
        assertThat(mail.subject()).isEqualTo("AW: Postfach [PF-ABCDEFGHIJKLMNOP]: Terminwünsche");
        assertThat(mail.body()).isEqualTo("Am Dienstag.");
        assertThat(mail.references())
                .containsExactly("<m-2@postfach.jobcenter-ge.de>", "<m-1@postfach.jobcenter-ge.de>");
        assertThat(mail.sourceId()).startsWith("mail-").hasSize(5 + 64);
        assertThat(mail.automatic()).isFalse();
    }

    @Test
    void refusesEncodedLineBreaksInTheSubject() throws Exception {
        StaffMail mail = read("""
                From: postfach-nord@jobcenter-ge.de
                Subject: =?UTF-8?Q?AW=3A_Termin=0D=0ABcc=3A_angreifer=40example=2Eorg?=
                Message-ID: <answer-2@exchange.example>
                Content-Type: text/plain; charset=UTF-8

                Text
                """);

        assertThat(mail.problem()).isEqualTo(Refusal.HEADER_INJECTION);
        assertThat(mail.sender()).isEqualTo("postfach-nord@jobcenter-ge.de");
    }

    @Test
    void refusesEncodedLineBreaksInTheSendersNameButAnswersTheAddress() throws Exception {
        StaffMail mail = read("""
                From: =?UTF-8?Q?Max=0D=0ABcc=3A_x=40example=2Eorg?= <m.muster@jobcenter-ge.de>
                Subject: Termin
                Message-ID: <answer-3@exchange.example>
                Content-Type: text/plain; charset=UTF-8

                Text
                """);

        assertThat(mail.problem()).isEqualTo(Refusal.HEADER_INJECTION);
        assertThat(mail.sender()).isEqualTo("m.muster@jobcenter-ge.de");
    }

    @Test
    void refusesTwoFromHeadersAndTwoAddressesInOneAndAnswersNobody() throws Exception {
        StaffMail twoHeaders = read("""
                From: postfach-nord@jobcenter-ge.de
                From: angreifer@example.org
                Subject: Termin
                Message-ID: <answer-4@exchange.example>

                Text
                """);
        StaffMail twoAddresses = read("""
                From: postfach-nord@jobcenter-ge.de, angreifer@example.org
                Subject: Termin
                Message-ID: <answer-5@exchange.example>

                Text
                """);

        assertThat(twoHeaders.problem()).isEqualTo(Refusal.HEADER_INJECTION);
        assertThat(twoHeaders.sender()).isNull();
        assertThat(twoAddresses.problem()).isEqualTo(Refusal.HEADER_INJECTION);
        assertThat(twoAddresses.sender()).isNull();
    }

    @Test
    void refusesAnAttachmentAndAnInlineImage() throws Exception {
        StaffMail attached = read("""
                From: postfach-nord@jobcenter-ge.de
                Subject: Termin
                Message-ID: <answer-6@exchange.example>
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="b1"

                --b1
                Content-Type: text/plain; charset=UTF-8

                Siehe Anhang.
                --b1
                Content-Type: application/pdf; name="bescheid.pdf"
                Content-Disposition: attachment; filename="bescheid.pdf"
                Content-Transfer-Encoding: base64

                JVBERi0xLjQK
                --b1--
                """);
        StaffMail inlineImage = read("""
                From: postfach-nord@jobcenter-ge.de
                Subject: Termin
                Message-ID: <answer-7@exchange.example>
                MIME-Version: 1.0
                Content-Type: multipart/related; boundary="b2"

                --b2
                Content-Type: text/html; charset=UTF-8

                <p>Gruss</p><img src="cid:logo">
                --b2
                Content-Type: image/png
                Content-ID: <logo>
                Content-Transfer-Encoding: base64

                iVBORw0KGgo=
                --b2--
                """);

        assertThat(attached.problem()).isEqualTo(Refusal.ATTACHMENT);
        assertThat(inlineImage.problem()).isEqualTo(Refusal.ATTACHMENT);
    }

    @Test
    void prefersThePlainAlternativeAndConvertsHtmlOnlyMails() throws Exception {
        StaffMail alternative = read("""
                From: postfach-nord@jobcenter-ge.de
                Subject: Termin
                Message-ID: <answer-8@exchange.example>
                MIME-Version: 1.0
                Content-Type: multipart/alternative; boundary="b3"

                --b3
                Content-Type: text/plain; charset=UTF-8

                Klartext
                --b3
                Content-Type: text/html; charset=UTF-8

                <p>HTML</p>
                --b3--
                """);
        StaffMail htmlOnly = read("""
                From: postfach-nord@jobcenter-ge.de
                Subject: Termin
                Message-ID: <answer-9@exchange.example>
                MIME-Version: 1.0
                Content-Type: text/html; charset=UTF-8

                <p>Nur <i>HTML</i></p><script>alert(1)</script>
                """);

        assertThat(alternative.body()).isEqualTo("Klartext");
        assertThat(htmlOnly.problem()).isNull();
        assertThat(htmlOnly.body()).isEqualTo("Nur HTML");
    }

    @Test
    void recognisesAutomaticMails() throws Exception {
        StaffMail outOfOffice = read("""
                From: postfach-nord@jobcenter-ge.de
                Subject: Automatische Antwort: Postfach [PF-ABCDEFGHIJKLMNOP]: Termin
                Message-ID: <answer-10@exchange.example>
                Auto-Submitted: auto-replied
                Content-Type: text/plain; charset=UTF-8

                Ich bin nicht im Haus.
                """);

        assertThat(outOfOffice.automatic()).isTrue();
    }

    @Test
    void identifiesAMailWithoutMessageIdByItsContent() throws Exception {
        String raw = """
                From: postfach-nord@jobcenter-ge.de
                Subject: Termin
                Content-Type: text/plain; charset=UTF-8

                Text
                """;

        assertThat(read(raw).sourceId()).startsWith("raw-").isEqualTo(read(raw).sourceId());
    }

    @Test
    void refusesAnUnreadableCharset() throws Exception {
        StaffMail mail = read("""
                From: postfach-nord@jobcenter-ge.de
                Subject: Termin
                Message-ID: <answer-11@exchange.example>
                Content-Type: text/plain; charset=x-unbekannt

                Text
                """);

        assertThat(mail.problem()).isEqualTo(Refusal.UNREADABLE);
        assertThat(mail.sender()).isEqualTo("postfach-nord@jobcenter-ge.de");
    }
}
