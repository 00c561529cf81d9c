package de.jobcenter.postfach.outlook.inbound;

import de.jobcenter.postfach.kit.problem.FieldError;
import de.jobcenter.postfach.outlook.mail.OutgoingMail;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The short German answer to a refused mail. Its headers are all fixed or derived from ids; its body explains
 * the reason and quotes nothing of the refused mail.
 */
final class RefusalAnswer {
    static final String SUBJECT = "Postfach: Ihre Nachricht wurde nicht weitergeleitet";
    private static final Map<String, String> FIELDS =
            Map.of("subject", "Betreff", "body", "Text", "customerNumber", "Kundennummer");

    private RefusalAnswer() {}

    /** One answer per mail and reason: read again and refused for the same reason, it is not answered again. */
    static String messageId(UUID staffMessageId, Refusal refusal, String domain) {
        return "<refused-" + staffMessageId + "-" + refusal.name().toLowerCase(Locale.ROOT) + "@" + domain + ">";
    }

    static OutgoingMail mail(
            String from,
            String to,
            UUID staffMessageId,
            String messageIdDomain,
            Refusal refusal,
            List<FieldError> details,
            Instant receivedAt,
            ZoneId zone) {
        DateTimeFormatter date =
                DateTimeFormatter.ofPattern("dd.MM.yyyy", Locale.GERMANY).withZone(zone);
        DateTimeFormatter time =
                DateTimeFormatter.ofPattern("HH:mm", Locale.GERMANY).withZone(zone);
        StringBuilder body = new StringBuilder();
        body.append("Guten Tag,\n\n");
        body.append("Ihre Nachricht an das Postfach von jobcenter.digital vom ")
                .append(date.format(receivedAt))
                .append(" um ")
                .append(time.format(receivedAt))
                .append(" Uhr wurde nicht an die Kundin oder den Kunden weitergeleitet.\n\n");
        body.append("Grund: ").append(refusal.explanation()).append('\n');
        for (FieldError detail : details) {
            body.append("- ")
                    .append(FIELDS.getOrDefault(detail.field(), detail.field()))
                    .append(": ")
                    .append(detail.message())
                    .append('\n');
        }
        body.append("\nDie Nachricht liegt zur Prüfung im Postfach des Dienstes und wird nicht weiterverarbeitet.\n");
        body.append("Antworten auf eine Kundennachricht: „Antworten“ in Outlook, Kennung [PF-…] im Betreff lassen.\n");
        body.append("Neue Unterhaltung: Betreff „Kundennummer 123D456789: Ihr Betreff“, aus dem Funktionspostfach.\n");
        body.append("\nDiese Nachricht wurde automatisch erstellt.\n");
        return new OutgoingMail(
                from, to, SUBJECT, body.toString(), messageId(staffMessageId, refusal, messageIdDomain), true);
    }
}
