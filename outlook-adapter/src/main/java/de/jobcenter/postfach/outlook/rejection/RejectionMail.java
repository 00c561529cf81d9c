package de.jobcenter.postfach.outlook.rejection;

import de.jobcenter.postfach.contracts.RejectionReason;
import de.jobcenter.postfach.contracts.StaffMessageRejected;
import de.jobcenter.postfach.outlook.inbound.InboundMail;
import de.jobcenter.postfach.outlook.mail.OutgoingMail;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The mail that tells an office mailbox that mailbox-api could not file a staff message. It names the message by
 * when it arrived, its customer number and its id; it quotes nothing of it.
 */
final class RejectionMail {
    static final String SUBJECT = "Postfach: Ihre Nachricht konnte nicht zugestellt werden";

    private RejectionMail() {}

    static OutgoingMail mail(
            String from, String to, StaffMessageRejected rejected, InboundMail handled, String domain, ZoneId zone) {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("dd.MM.yyyy 'um' HH:mm 'Uhr'", Locale.GERMANY)
                .withZone(zone);
        StringBuilder body = new StringBuilder();
        body.append("Guten Tag,\n\n");
        body.append("eine Nachricht Ihrer Dienststelle über das Postfach von jobcenter.digital konnte nicht in das ")
                .append("Postfach der Kundin oder des Kunden eingestellt werden.\n\n");
        if (handled != null) {
            body.append("Eingegangen: ").append(time.format(handled.receivedAt)).append('\n');
            if (handled.customerNumber != null) {
                body.append("Kundennummer: ").append(handled.customerNumber).append('\n');
            }
        }
        body.append("Kennung der Nachricht: ").append(rejected.messageId()).append('\n');
        body.append("Grund: ").append(explanation(rejected.reason())).append("\n\n");
        body.append("Die Nachricht ist nicht zugestellt. Bitte prüfen Sie die Angaben und senden Sie sie ")
                .append("gegebenenfalls erneut.\n\n");
        body.append("Diese Nachricht wurde automatisch erstellt.\n");
        return new OutgoingMail(
                from, to, SUBJECT, body.toString(), "<rejected-" + rejected.messageId() + "@" + domain + ">", true);
    }

    static String explanation(RejectionReason reason) {
        return switch (reason) {
            case UNKNOWN_CUSTOMER ->
                "Zu der Kundennummer ist kein Postfach bekannt. Bitte prüfen Sie die "
                        + "Kundennummer; die Kundin oder der Kunde muss das Postfach mindestens einmal genutzt haben.";
            case CONVERSATION_MISMATCH -> "Die Unterhaltung gehört nicht zu dieser Kundin oder diesem Kunden.";
            case CUSTOMER_PENDING_EXPIRED ->
                "Die Kundin oder der Kunde hat sich nicht rechtzeitig im Postfach "
                        + "angemeldet; die Nachricht konnte nicht zugestellt werden.";
            case INVALID -> "Die Nachricht erfüllt die Regeln des Postfachs nicht.";
        };
    }
}
