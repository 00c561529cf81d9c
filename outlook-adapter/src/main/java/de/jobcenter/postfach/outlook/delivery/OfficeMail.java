package de.jobcenter.postfach.outlook.delivery;

import de.jobcenter.postfach.contracts.MessageRouted;
import de.jobcenter.postfach.outlook.correlation.ReplyTokens;
import de.jobcenter.postfach.outlook.inbound.SubjectForms;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The mail an office mailbox receives for a customer message. The customer's subject reaches the Subject header
 * only after the contract's rules (no line breaks, at most 200 characters) and Jakarta Mail's RFC 2047 encoding;
 * everything else the customer wrote stays in the body. The subject carries the reply token, so an answer finds
 * its conversation; the body says how to answer.
 */
public final class OfficeMail {
    private OfficeMail() {}

    public static String messageId(MessageRouted message, String domain) {
        return "<" + message.messageId() + "@" + domain + ">";
    }

    public static String subject(MessageRouted message, String token) {
        return "Postfach " + ReplyTokens.inSubject(token) + ": " + oneLine(message.subject());
    }

    /**
     * @param concernLabel the office's label of the concern (the code when the replica does not know it)
     */
    public static String body(MessageRouted message, String concernLabel, ZoneId zone) {
        DateTimeFormatter time =
                DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm", Locale.GERMANY).withZone(zone);
        StringBuilder text = new StringBuilder();
        text.append("Nachricht aus dem Postfach von jobcenter.digital\n\n");
        text.append("Anliegen: ").append(concernLabel).append('\n');
        text.append("Kundennummer: ")
                .append(message.customerNumber() != null ? message.customerNumber() : "nicht angegeben")
                .append('\n');
        text.append("Eingegangen: ").append(time.format(message.submittedAt())).append('\n');
        if (message.paymentRelevant()) {
            text.append("Zahlungsrelevant: ja (die Nachricht ist revisionssicher in der E-AKTE abgelegt)\n");
        }
        if (message.inReplyTo() != null) {
            text.append("Antwort der Kundin oder des Kunden auf eine Nachricht Ihrer Dienststelle\n");
        }
        text.append("Betreff: ").append(message.subject()).append("\n\n");
        text.append(message.body()).append("\n\n");
        text.append("-- \n");
        text.append("So antworten Sie:\n");
        text.append("- Nutzen Sie „Antworten“ in Outlook und lassen Sie die Kennung [PF-…] im Betreff stehen.\n");
        text.append("  Ihr Text erscheint ohne den zitierten Verlauf im Postfach der Kundin oder des Kunden.\n");
        text.append("- Schreiben Sie „")
                .append(SubjectForms.PAYMENT_MARKER)
                .append("“ in den Betreff, wenn Ihre Antwort zahlungsrelevant ist;\n");
        text.append("  sie wird dann auch revisionssicher in der E-AKTE abgelegt.\n");
        text.append("- Nur Text, keine Anhänge: Antworten mit Anhängen werden nicht weitergeleitet.\n");
        text.append(
                "- Antworten Sie aus dem Funktionspostfach Ihrer Dienststelle oder mit Ihrer dienstlichen Adresse.\n");
        return text.toString();
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\p{Cntrl}", " ");
    }
}
