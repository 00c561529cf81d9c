package de.jobcenter.postfach.outlook.delivery;

import de.jobcenter.postfach.contracts.MessageRouted;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The mail an office mailbox receives for a customer message. The customer's subject reaches the Subject header
 * only after the contract's rules (no line breaks, at most 200 characters) and Jakarta Mail's RFC 2047 encoding;
 * everything else the customer wrote stays in the body.
 */
public final class OfficeMail {
    private static final DateTimeFormatter GERMAN_TIME =
            DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm", Locale.GERMANY).withZone(ZoneId.of("Europe/Berlin"));

    private OfficeMail() {}

    public static String messageId(MessageRouted message, String domain) {
        return "<" + message.messageId() + "@" + domain + ">";
    }

    public static String subject(MessageRouted message) {
        String marker = message.paymentRelevant() ? " [zahlungsrelevant]" : "";
        return "Postfach: " + oneLine(message.subject()) + marker;
    }

    public static String body(MessageRouted message) {
        StringBuilder text = new StringBuilder();
        text.append("Nachricht aus dem Postfach von jobcenter.digital\n\n");
        text.append("Anliegen: ").append(message.concern()).append('\n');
        if (message.customerNumber() != null) {
            text.append("Kundennummer: ").append(message.customerNumber()).append('\n');
        }
        text.append("Eingegangen: ")
                .append(GERMAN_TIME.format(message.submittedAt()))
                .append('\n');
        text.append("Betreff: ").append(message.subject()).append("\n\n");
        text.append(message.body()).append("\n\n");
        text.append("-- \n");
        text.append("So antworten Sie: Nutzen Sie „Antworten“ in Outlook und lassen Sie den Betreff unverändert.\n");
        text.append("Ihre Antwort erscheint im Postfach der Kundin oder des Kunden.\n");
        text.append("Schreiben Sie „[zahlungsrelevant]“ in den Betreff, wenn Ihre Antwort zahlungsrelevant ist.\n");
        return text.toString();
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\p{Cntrl}", " ");
    }
}
