package de.jobcenter.postfach.outlook.inbound;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * What staff wrote, as plain text: HTML turned into text by a real HTML parser (jsoup; nothing of the markup
 * survives, nothing is executed), then the quoted history cut off — the reply chain Outlook appends below an
 * answer (and below a signature), in German and English.
 */
public final class MailText {
    private static final Pattern ORIGINAL_MESSAGE = Pattern.compile(
            "^-{2,}\\s*(Original\\s*-?\\s*Message|Urspr(ü|ue)ngliche\\s+Nachricht|Weitergeleitete\\s+Nachricht"
                    + "|Forwarded\\s+message)\\s*-{2,}\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SEPARATOR = Pattern.compile("^_{10,}\\s*$");
    private static final Pattern HEADER_FROM =
            Pattern.compile("^\\*?(Von|From)\\s*:\\*?\\s*.*", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADER_SENT = Pattern.compile(
            "^\\*?(Gesendet|Sent|Datum|Date|An|To|Betreff|Subject)\\s*:\\*?.*", Pattern.CASE_INSENSITIVE);
    private static final Pattern AM_SCHRIEB =
            Pattern.compile("^Am\\s.+\\sschrieb\\s.*:\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern ON_WROTE = Pattern.compile("^On\\s.+\\swrote\\s*:\\s*$", Pattern.CASE_INSENSITIVE);
    private static final int HEADER_BLOCK_LINES = 6;

    private MailText() {}

    /** Plain text of an HTML body: block elements and line breaks become lines, quotes ({@code blockquote}) go. */
    public static String fromHtml(String html) {
        Document document = Jsoup.parse(html);
        // Quoted text (blockquote) is history like lines quoted with ">"; Outlook's own reply header block is
        // found in the text below.
        document.select("head, script, style, template, blockquote").remove();
        StringBuilder out = new StringBuilder();
        document.body().traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    String t = text.getWholeText().replaceAll("[\\s\u00a0]+", " ");
                    if (endsWithNewline(out) && t.startsWith(" ")) {
                        t = t.substring(1);
                    }
                    out.append(t);
                } else if (node instanceof Element element) {
                    switch (element.normalName()) {
                        case "br" -> out.append('\n');
                        case "hr" -> newLine(out).append("________________________________\n");
                        case "li" -> newLine(out).append("- ");
                        default -> {
                            if (element.isBlock()) {
                                newLine(out);
                            }
                        }
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element
                        && element.isBlock()
                        && !element.normalName().equals("hr")) {
                    if (element.normalName().equals("p") && element.text().isBlank()) {
                        // Outlook writes a blank line as an empty paragraph.
                        newLine(out).append('\n');
                    } else {
                        newLine(out);
                    }
                }
            }
        });
        return out.toString()
                .lines()
                .map(String::stripTrailing)
                .collect(Collectors.joining("\n"))
                .replaceAll("\n{3,}", "\n\n")
                .strip();
    }

    /** The answer without the history quoted below it, and without lines quoted with {@code >}. */
    public static String withoutQuotedHistory(String text) {
        List<String> lines =
                text.replace("\r\n", "\n").replace('\r', '\n').lines().toList();
        int cut = lines.size();
        for (int i = 0; i < lines.size(); i++) {
            if (startsReplyChain(lines, i)) {
                cut = i;
                break;
            }
        }
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < cut; i++) {
            String line = lines.get(i);
            if (!line.stripLeading().startsWith(">")) {
                kept.add(line.stripTrailing());
            }
        }
        return String.join("\n", kept).replaceAll("\n{3,}", "\n\n").strip();
    }

    private static boolean startsReplyChain(List<String> lines, int i) {
        String line = lines.get(i).strip();
        if (ORIGINAL_MESSAGE.matcher(line).matches()) {
            return true;
        }
        if (SEPARATOR.matcher(line).matches() && nextNonBlankIsFromHeader(lines, i + 1)) {
            return true;
        }
        if (HEADER_FROM.matcher(line).matches() && headerFollows(lines, i + 1)) {
            return true;
        }
        String withNext = i + 1 < lines.size() ? line + " " + lines.get(i + 1).strip() : line;
        return AM_SCHRIEB.matcher(line).matches()
                || ON_WROTE.matcher(line).matches()
                || (line.startsWith("Am ") && AM_SCHRIEB.matcher(withNext).matches())
                || (line.startsWith("On ") && ON_WROTE.matcher(withNext).matches());
    }

    private static boolean nextNonBlankIsFromHeader(List<String> lines, int from) {
        for (int i = from; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.isEmpty()) {
                return HEADER_FROM.matcher(line).matches();
            }
        }
        return false;
    }

    private static boolean headerFollows(List<String> lines, int from) {
        for (int i = from; i < Math.min(lines.size(), from + HEADER_BLOCK_LINES); i++) {
            if (HEADER_SENT.matcher(lines.get(i).strip()).matches()) {
                return true;
            }
        }
        return false;
    }

    private static boolean endsWithNewline(StringBuilder out) {
        return out.length() == 0 || out.charAt(out.length() - 1) == '\n';
    }

    private static StringBuilder newLine(StringBuilder out) {
        if (!endsWithNewline(out)) {
            out.append('\n');
        }
        return out;
    }
}
