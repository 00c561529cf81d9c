package de.jobcenter.postfach.config.rules;

import java.net.URI;
import java.net.URISyntaxException;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules for texts staff write for customers (info texts, hint texts, rejection reasons): plain text with
 * optional https links; no HTML, no scripts, no other URL schemes, no control characters but the line break.
 * Customers' portals show these texts, so the rules err on the side of refusing.
 */
public final class PlainText {
    /** Most characters an info or hint text may have (Unicode code points). */
    public static final int MAX_LENGTH = 1000;

    private static final Pattern TAG = Pattern.compile("<\\s*/?\\s*[\\p{L}!?]");
    private static final Pattern ENTITY =
            Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});");
    private static final Pattern SCHEME = Pattern.compile("(?<![\\p{L}\\p{N}+.-])([A-Za-z][A-Za-z0-9+.-]{0,31})\\s*:");
    /** Script schemes: refused however they are written. */
    private static final Set<String> SCRIPT_SCHEMES = Set.of("javascript", "vbscript", "livescript");
    /**
     * Other schemes a link could use without {@code //}; refused when an address follows the colon directly
     * ({@code tel:+4930…}), so that ordinary German text like „Tel: 030 …“ stays allowed.
     */
    private static final Set<String> OTHER_SCHEMES = Set.of(
            "data",
            "mailto",
            "tel",
            "sms",
            "file",
            "blob",
            "about",
            "callto",
            "intent",
            "ftp",
            "http",
            "ws",
            "wss",
            "jar",
            "view-source",
            "chrome",
            "res",
            "ms-settings",
            "fax",
            "geo",
            "skype",
            "news",
            "urn");

    private static final Pattern HOST =
            Pattern.compile("(?i)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+");
    private static final String TRAILING_PUNCTUATION = ".,;:!?)]}\"'»«“”„";

    private PlainText() {}

    /**
     * The text as stored: Unicode NFC, line breaks as {@code \n}, trimmed; an empty text is no text.
     */
    public static String normalise(String raw) {
        if (raw == null) {
            return null;
        }
        String text = Normalizer.normalize(raw, Normalizer.Form.NFC)
                .replace("\r\n", "\n")
                .replace('\r', '\n')
                .strip();
        return text.isEmpty() ? null : text;
    }

    /** What is wrong with a normalised text, as a German message for the field; empty when it is fine. */
    public static Optional<String> problem(String text, int maxLength) {
        if (text == null) {
            return Optional.empty();
        }
        int length = text.codePointCount(0, text.length());
        if (length > maxLength) {
            return Optional.of("Höchstens " + maxLength + " Zeichen (jetzt " + length + ").");
        }
        if (text.codePoints().anyMatch(PlainText::isForbiddenCharacter)) {
            return Optional.of("Enthält unzulässige Steuerzeichen; erlaubt sind Text und Zeilenumbrüche.");
        }
        if (TAG.matcher(text).find() || ENTITY.matcher(text).find()) {
            return Optional.of("Bitte reinen Text ohne HTML eingeben.");
        }
        Matcher scheme = SCHEME.matcher(text);
        while (scheme.find()) {
            String name = scheme.group(1).toLowerCase(Locale.ROOT);
            boolean hierarchical = text.startsWith("//", scheme.end());
            boolean addressFollows = scheme.end() < text.length() && !Character.isWhitespace(text.charAt(scheme.end()));
            if (name.equals("https") && hierarchical) {
                if (!isValidHttpsLink(linkAt(text, scheme.start()))) {
                    return Optional.of("Enthält einen ungültigen Link; bitte vollständig mit https:// angeben.");
                }
            } else if (hierarchical
                    || SCRIPT_SCHEMES.contains(name)
                    || (addressFollows && OTHER_SCHEMES.contains(name))) {
                return Optional.of("Links bitte nur mit https:// angeben; andere Adressarten sind nicht erlaubt.");
            }
        }
        return Optional.empty();
    }

    private static String linkAt(String text, int start) {
        int end = start;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        String link = text.substring(start, end);
        while (!link.isEmpty() && TRAILING_PUNCTUATION.indexOf(link.charAt(link.length() - 1)) >= 0) {
            link = link.substring(0, link.length() - 1);
        }
        return link;
    }

    private static boolean isValidHttpsLink(String link) {
        try {
            URI uri = new URI(link);
            return "https".equalsIgnoreCase(uri.getScheme())
                    && uri.getRawUserInfo() == null
                    && uri.getHost() != null
                    && HOST.matcher(uri.getHost()).matches();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean isForbiddenCharacter(int cp) {
        if (cp == '\n') {
            return false;
        }
        return Character.isISOControl(cp)
                || Character.getType(cp) == Character.SURROGATE
                || Character.getType(cp) == Character.UNASSIGNED
                || cp == 0x2028
                || cp == 0x2029
                || cp == 0xFEFF
                || (cp >= 0x202A && cp <= 0x202E) // bidi embedding and override
                || (cp >= 0x2066 && cp <= 0x2069) // bidi isolates
                || (cp >= 0xFFF9 && cp <= 0xFFFB); // interlinear annotation
    }
}
