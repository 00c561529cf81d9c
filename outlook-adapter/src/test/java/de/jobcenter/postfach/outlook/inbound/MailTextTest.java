package de.jobcenter.postfach.outlook.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MailTextTest {

    @Test
    void cutsTheGermanOutlookHeaderBlockAndKeepsTheSignature() {
        String text = """
                Guten Tag Frau Muster,

                Ihr Termin ist am Dienstag um 10 Uhr.

                Mit freundlichen Grüßen
                Max Mustermann
                --\s
                Jobcenter Hamburg Nord

                Von: Postfach jobcenter.digital <postfach@jobcenter-ge.de>
                Gesendet: Montag, 2. März 2026 10:15
                An: postfach-nord@jobcenter-ge.de
                Betreff: Postfach [PF-ABCDEFGHIJKLMNOP]: Terminwunsch

                Nachricht aus dem Postfach von jobcenter.digital
                """;

        assertThat(MailText.withoutQuotedHistory(text)).isEqualTo("""
                Guten Tag Frau Muster,

                Ihr Termin ist am Dienstag um 10 Uhr.

                Mit freundlichen Grüßen
                Max Mustermann
                --
                Jobcenter Hamburg Nord""");
    }

    @Test
    void cutsTheEnglishOutlookHeaderBlockAfterItsSeparatorLine() {
        String text = "Your appointment is on Tuesday.\r\n\r\n________________________________\r\n"
                + "From: Postfach <postfach@jobcenter-ge.de>\r\nSent: Monday, March 2, 2026 10:15 AM\r\n"
                + "To: postfach-nord@jobcenter-ge.de\r\nSubject: Termin\r\n\r\nOriginal text";

        assertThat(MailText.withoutQuotedHistory(text)).isEqualTo("Your appointment is on Tuesday.");
    }

    @Test
    void cutsAtOriginalMessageSeparators() {
        assertThat(MailText.withoutQuotedHistory("Danke.\n-----Original Message-----\nFrom: x\nalt"))
                .isEqualTo("Danke.");
        assertThat(MailText.withoutQuotedHistory("Danke.\n-----Ursprüngliche Nachricht-----\nVon: x\nalt"))
                .isEqualTo("Danke.");
    }

    @Test
    void cutsAtAmSchriebAlsoWhenItWrapsOntoASecondLine() {
        assertThat(MailText.withoutQuotedHistory(
                        "Ja, gern.\n\nAm 02.03.2026 um 10:15 schrieb Postfach <p@x.de>:\n> alt"))
                .isEqualTo("Ja, gern.");
        assertThat(MailText.withoutQuotedHistory("Ja, gern.\n\nAm Mo., 2. März 2026 um 10:15 schrieb Postfach\n"
                        + "<postfach@jobcenter-ge.de>:\n> alt"))
                .isEqualTo("Ja, gern.");
        assertThat(MailText.withoutQuotedHistory("Yes.\n\nOn Mon, Mar 2, 2026 at 10:15 Postfach wrote:\n> old"))
                .isEqualTo("Yes.");
    }

    @Test
    void dropsLinesQuotedWithAGreaterThanSign() {
        assertThat(MailText.withoutQuotedHistory("> Wann ist mein Termin?\nAm Dienstag.\n>> alt\nBis dann."))
                .isEqualTo("Am Dienstag.\nBis dann.");
    }

    @Test
    void keepsAFromLineThatStartsNoHeaderBlock() {
        assertThat(MailText.withoutQuotedHistory("Von: Montag bis Freitag erreichen Sie uns.\nDanke."))
                .isEqualTo("Von: Montag bis Freitag erreichen Sie uns.\nDanke.");
    }

    @Test
    void turnsOutlookHtmlIntoPlainTextWithoutMarkupScriptsOrStyles() {
        String html = """
                <html><head><style>p { color: red }</style><script>alert('x')</script></head>
                <body><div class="WordSection1">
                <p class="MsoNormal">Guten Tag,</p>
                <p class="MsoNormal">&nbsp;</p>
                <p class="MsoNormal">bitte bringen Sie <b>Ihren
                Ausweis</b> &amp; den Bescheid mit.<br>Termin: Dienstag, 10&nbsp;Uhr</p>
                <ul><li>Ausweis</li><li>Bescheid</li></ul>
                <img src="x" onerror="alert(1)"><a href="javascript:alert(2)">Hinweise</a>
                <p class="MsoNormal">Mit freundlichen Grüßen<br>Ihr Jobcenter</p>
                </div></body></html>""";

        assertThat(MailText.fromHtml(html)).isEqualTo("""
                Guten Tag,

                bitte bringen Sie Ihren Ausweis & den Bescheid mit.
                Termin: Dienstag, 10 Uhr
                - Ausweis
                - Bescheid
                Hinweise
                Mit freundlichen Grüßen
                Ihr Jobcenter""");
    }

    @Test
    void dropsTheReplyChainOfAnHtmlAnswer() {
        String html = "<div><p>Ihr Antrag ist bewilligt.</p><p>Viele Grüße<br>M. Muster</p>"
                + "<div id=\"appendonsend\"></div><hr style=\"display:inline-block;width:98%\">"
                + "<div id=\"divRplyFwdMsg\" dir=\"ltr\"><font face=\"Calibri\"><b>Von:</b> Postfach "
                + "&lt;postfach@jobcenter-ge.de&gt;<br><b>Gesendet:</b> Montag, 2. März 2026 10:15<br>"
                + "<b>An:</b> postfach-nord@jobcenter-ge.de<br><b>Betreff:</b> Termin</font></div>"
                + "<div>Nachricht aus dem Postfach</div><blockquote>zitiert</blockquote></div>";

        assertThat(MailText.withoutQuotedHistory(MailText.fromHtml(html)))
                .isEqualTo("Ihr Antrag ist bewilligt.\nViele Grüße\nM. Muster");
    }
}
