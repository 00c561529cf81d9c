package de.jobcenter.postfach.kit.adapter;

import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.StaffMessageRejected;

/**
 * What an adapter adds to tell a staff member, through the channel their message came from, that mailbox-api could
 * not file it ({@code StaffMessageRejected}). One call to the target, idempotent there on the message id.
 */
public interface RejectionNotice {
    Channel channel();

    DeliveryOutcome attempt(StaffMessageRejected rejection);

    /** The German explanation for the staff member; names no content, only what to check. */
    static String explanation(StaffMessageRejected rejection) {
        return switch (rejection.reason()) {
            case UNKNOWN_CUSTOMER ->
                "Die Nachricht konnte nicht zugestellt werden: Zur angegebenen Kundennummer"
                        + " oder Kunden-ID ist kein Postfach bekannt. Bitte die Angaben prüfen und die Nachricht"
                        + " erneut senden.";
            case CONVERSATION_MISMATCH ->
                "Die Nachricht konnte nicht zugestellt werden: Die Unterhaltung gehört zu"
                        + " einer anderen Kundin oder einem anderen Kunden. Bitte die Angaben prüfen.";
            case CUSTOMER_PENDING_EXPIRED ->
                "Die Nachricht konnte nicht zugestellt werden: Die Kundin oder der"
                        + " Kunde hat das Postfach nicht rechtzeitig eingerichtet. Bitte einen anderen Weg wählen.";
            case INVALID ->
                "Die Nachricht konnte nicht zugestellt werden: Sie war unvollständig oder ungültig."
                        + " Bitte erneut senden.";
        };
    }
}
