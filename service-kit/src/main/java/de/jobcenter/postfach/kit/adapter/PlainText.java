package de.jobcenter.postfach.kit.adapter;

import java.util.regex.Pattern;

/**
 * Recognises HTML where plain text is expected. A staff message's body is plain text; an HTML body is refused with
 * an explanation, never converted, stripped or truncated behind the sender's back. Text that merely contains a
 * {@code <} (such as "a < b" or "<3") is not HTML.
 */
public final class PlainText {
    private static final Pattern DOCUMENT = Pattern.compile("<!doctype\\s+html|<html[\\s>]", Pattern.CASE_INSENSITIVE);
    private static final Pattern TAG = Pattern.compile(
            "</?(?:html|head|body|p|div|span|br|hr|table|thead|tbody|tr|td|th|b|i|u|em|strong|a|ul|ol|li"
                    + "|h[1-6]|font|style|script|img|meta|link|blockquote|pre|center|iframe|form|input|o:p)"
                    + "(?:\\s[^<>]*)?/?>",
            Pattern.CASE_INSENSITIVE);

    private PlainText() {}

    /** Whether the text is (or contains) HTML markup. */
    public static boolean looksLikeHtml(String text) {
        return text != null
                && (DOCUMENT.matcher(text).find() || TAG.matcher(text).find());
    }
}
