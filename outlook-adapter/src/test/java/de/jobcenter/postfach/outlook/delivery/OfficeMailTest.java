package de.jobcenter.postfach.outlook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import de.jobcenter.postfach.contracts.MessageRouted;
import de.jobcenter.postfach.outlook.support.Routed;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class OfficeMailTest {

    @Test
    void keepsLineBreaksOfTheCustomersSubjectOutOfTheSubjectHeader() {
        MessageRouted routed =
                Routed.message().subject("Termin\r\nBcc: angreifer@example.org").build();

        assertThat(OfficeMail.subject(routed, "ABCDEFGHIJKLMNOP"))
                .isEqualTo("Postfach [PF-ABCDEFGHIJKLMNOP]: Termin  Bcc: angreifer@example.org")
                .doesNotContain("\r", "\n");
    }

    @Test
    void tellsStaffHowToAnswerAndWhatThePaymentMarkerIs() {
        MessageRouted routed = Routed.message().paymentRelevant().build();

        String body = OfficeMail.body(routed, "Terminwunsch", ZoneId.of("Europe/Berlin"));

        assertThat(body)
                .contains("Anliegen: Terminwunsch\n")
                .contains("Kundennummer: 987A654321\n")
                .contains("Eingegangen: 02.03.2026 10:15\n")
                .contains("Zahlungsrelevant: ja")
                .contains("Kennung [PF-…] im Betreff stehen")
                .contains("„[zahlungsrelevant]“ in den Betreff");
    }

    @Test
    void derivesTheMessageIdFromTheMessageId() {
        MessageRouted routed = Routed.message().build();

        assertThat(OfficeMail.messageId(routed, "postfach.example"))
                .isEqualTo("<" + routed.messageId() + "@postfach.example>");
    }
}
