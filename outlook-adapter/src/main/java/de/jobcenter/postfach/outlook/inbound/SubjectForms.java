package de.jobcenter.postfach.outlook.inbound;

import de.jobcenter.postfach.outlook.correlation.ReplyTokens;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subject forms staff use (documented in the README): the payment marker, the reply token the adapter put
 * into its mail, and the form that starts a conversation, {@code Kundennummer 123D456789: Betreff}.
 */
public final class SubjectForms {
    /** Staff write this into the subject of a payment-relevant message. */
    public static final String PAYMENT_MARKER = "[zahlungsrelevant]";

    private static final Pattern MARKER = Pattern.compile(Pattern.quote(PAYMENT_MARKER), Pattern.CASE_INSENSITIVE);
    /** The label the adapter puts before the customer's subject ("Postfach [PF-…]: ..."), once the token is gone. */
    private static final Pattern POSTFACH_LABEL = Pattern.compile("\\bPostfach\\s*:\\s*", Pattern.CASE_INSENSITIVE);
    /** Reply and forward prefixes of German and English Outlook. */
    private static final String PREFIXES = "(?:(?:AW|RE|WG|FW|FWD|Antwort|Weiterleitung)\\s*:\\s*)*";
    /** BA customer number: three digits, a letter, six digits (e.g. 123D456789). */
    private static final Pattern NEW_CONVERSATION = Pattern.compile(
            "^\\s*" + PREFIXES + "Kundennummer\\s*:?\\s*([0-9]{3}[A-Za-z][0-9]{6})\\s*:\\s*(.*)$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private SubjectForms() {}

    /** A conversation staff start: the customer number and the subject the customer will see. */
    public record NewConversation(String customerNumber, String subject) {}

    public static boolean isPaymentRelevant(String subject) {
        return subject != null && MARKER.matcher(subject).find();
    }

    /** The subject as the customer sees it: without the token, the marker and the adapter's label. */
    public static String forCustomer(String subject) {
        String s = ReplyTokens.IN_SUBJECT.matcher(subject).replaceAll(" ");
        s = MARKER.matcher(s).replaceAll(" ");
        s = POSTFACH_LABEL.matcher(s).replaceFirst("");
        return collapse(s);
    }

    /** The new-conversation form, if the subject has it (and carries no reply token). */
    public static Optional<NewConversation> newConversation(String subject) {
        if (subject == null || ReplyTokens.find(subject).isPresent()) {
            return Optional.empty();
        }
        Matcher m = NEW_CONVERSATION.matcher(MARKER.matcher(subject).replaceAll(" "));
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new NewConversation(m.group(1).toUpperCase(Locale.ROOT), collapse(m.group(2))));
    }

    private static String collapse(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }
}
