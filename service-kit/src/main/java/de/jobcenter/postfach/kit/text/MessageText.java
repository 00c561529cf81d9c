package de.jobcenter.postfach.kit.text;

import de.jobcenter.postfach.kit.problem.FieldError;
import java.text.Normalizer;
import java.util.List;

/**
 * The text rules for what customers write: NFC-normalised and trimmed, counted in code points; a subject has no
 * line breaks or tabs; a body may have them; no other control characters anywhere.
 */
public final class MessageText {
    public static final int SUBJECT_MAX = 200;
    public static final int BODY_MAX = 10_000;

    private MessageText() {}

    public static String subject(String raw, String field, List<FieldError> errors) {
        return check(raw, field, SUBJECT_MAX, false, errors);
    }

    public static String body(String raw, String field, List<FieldError> errors) {
        return check(raw, field, BODY_MAX, true, errors);
    }

    private static String check(String raw, String field, int max, boolean multiline, List<FieldError> errors) {
        if (raw == null) {
            errors.add(new FieldError(field, "Bitte ausfüllen."));
            return null;
        }
        String text = Normalizer.normalize(raw, Normalizer.Form.NFC).strip();
        if (text.isEmpty()) {
            errors.add(new FieldError(field, "Bitte ausfüllen."));
            return null;
        }
        int length = text.codePointCount(0, text.length());
        if (length > max) {
            errors.add(new FieldError(field, "Höchstens " + max + " Zeichen (jetzt " + length + ")."));
            return null;
        }
        boolean badChar = text.codePoints().anyMatch(cp -> isForbidden(cp, multiline));
        if (badChar) {
            errors.add(new FieldError(
                    field,
                    multiline
                            ? "Enthält unzulässige Steuerzeichen."
                            : "Enthält unzulässige Steuerzeichen, Zeilenumbrüche oder Tabulatoren."));
            return null;
        }
        return text;
    }

    private static boolean isForbidden(int cp, boolean multiline) {
        if (multiline && (cp == '\n' || cp == '\t' || cp == '\r')) {
            return false;
        }
        int type = Character.getType(cp);
        return Character.isISOControl(cp)
                || type == Character.SURROGATE
                || type == Character.UNASSIGNED && cp > 0xFFFF && !Character.isValidCodePoint(cp)
                || cp == 0x2028
                || cp == 0x2029
                || cp == 0xFEFF
                || (cp >= 0x202A && cp <= 0x202E) // bidi embedding and override
                || (cp >= 0x2066 && cp <= 0x2069); // bidi isolates
    }
}
