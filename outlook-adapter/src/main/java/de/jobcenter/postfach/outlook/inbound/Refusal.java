package de.jobcenter.postfach.outlook.inbound;

/**
 * Why a mail in the service mailbox was not forwarded. It goes to the review folder, and the sender gets the
 * explanation (except for automatic mails, which are never answered, so no two mail systems answer each other).
 * The names are metric tags and stored codes; the texts never quote what the mail said.
 */
public enum Refusal {
    FOREIGN_SENDER(
            "Ihre Absenderadresse ist dafür nicht zugelassen. Antworten auf eine Nachricht nehmen wir nur aus den "
                    + "hinterlegten Funktionspostfächern der Dienststelle oder von dienstlichen Adressen an, neue "
                    + "Unterhaltungen nur aus den hinterlegten Funktionspostfächern."),
    NO_REFERENCE("Die Nachricht lässt sich keiner Unterhaltung zuordnen: Im Betreff fehlt die Kennung [PF-…], und er "
            + "hat nicht die Form „Kundennummer 123D456789: Betreff“ für eine neue Unterhaltung."),
    UNKNOWN_TOKEN("Die Kennung [PF-…] im Betreff ist nicht bekannt. Bitte antworten Sie mit „Antworten“ auf die "
            + "ursprüngliche Nachricht und lassen Sie die Kennung im Betreff unverändert."),
    TOKEN_OF_ANOTHER_OFFICE("Die Kennung [PF-…] im Betreff gehört zu einer Unterhaltung einer anderen Dienststelle. "
            + "Bitte antworten Sie aus dem Postfach der Dienststelle, an die die Nachricht ging."),
    HEADER_INJECTION("Betreff oder Absender enthalten unzulässige Steuerzeichen (etwa Zeilenumbrüche), oder die "
            + "Nachricht nennt mehr als einen Absender."),
    ATTACHMENT("Die Nachricht enthält Anhänge oder eingebettete Bilder (auch in einer Signatur). Anhänge können noch "
            + "nicht weitergeleitet werden; sie werden auch nicht stillschweigend entfernt. Bitte senden Sie die "
            + "Nachricht als reinen Text ohne Anhänge erneut."),
    INVALID_CONTENT("Betreff oder Text erfüllen die Regeln des Postfachs nicht (Betreff höchstens 200, Text höchstens "
            + "10 000 Zeichen, nicht leer, keine Steuerzeichen). Texte werden nicht gekürzt."),
    TOO_LARGE("Die Nachricht ist zu groß."),
    OFFICE_NOT_LIVE("Die Dienststelle nimmt derzeit keine Nachrichten über das Postfach an (noch nicht "
            + "freigeschaltet oder ausgesetzt)."),
    AMBIGUOUS_OFFICE("Ihr Postfach ist bei mehreren Dienststellen hinterlegt; eine neue Unterhaltung lässt sich "
            + "daher keiner Dienststelle zuordnen. Bitte wenden Sie sich an die Administration des Postfachs."),
    UNREADABLE("Die Nachricht hat ein Format, das wir nicht lesen können."),
    /** An out-of-office note, a delivery report, a mailing list: moved to review, never answered. */
    AUTOMATIC(null);

    private final String explanation;

    Refusal(String explanation) {
        this.explanation = explanation;
    }

    /** The German explanation for the sender; null when the sender gets no answer. */
    public String explanation() {
        return explanation;
    }

    public boolean answered() {
        return explanation != null;
    }
}
