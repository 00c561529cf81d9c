package de.jobcenter.postfach.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A simulator's page as a browser sees it: fetched over HTTP, its reply forms read as a browser would submit them,
 * and posted as a browser posts a form ({@code application/x-www-form-urlencoded}, then following the 303).
 */
final class SimulatorPage {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern INPUT = Pattern.compile("<input ([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-z-]+)(?:=\"([^\"]*)\")?");
    private static final Pattern TEXTAREA =
            Pattern.compile("<textarea [^>]*name=\"([^\"]+)\"[^>]*>\\n?([^<]*)</textarea>");
    private static final Pattern FIELD_ID =
            Pattern.compile("<(?:input|textarea) (?![^>]*type=\"hidden\")[^>]*id=\"([^\"]+)\"");

    private final String baseUrl;
    final String html;

    private SimulatorPage(String baseUrl, String html) {
        this.baseUrl = baseUrl;
        this.html = html;
    }

    /** {@code GET path} (e.g. {@code /} or a redirect's location): expects a German HTML page. */
    static SimulatorPage open(String baseUrl, String path) throws Exception {
        HttpResponse<String> page = HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        return new SimulatorPage(baseUrl, page.body());
    }

    /** The reply form of the entry {@code key}: the block from {@code <details id="antwort-<key>">} to its end. */
    String replyForm(String key) {
        int start = html.indexOf("<details id=\"antwort-" + key + "\"");
        assertThat(start).as("reply form for %s on the page", key).isNotNegative();
        return html.substring(start, html.indexOf("</details>", start) + "</details>".length());
    }

    /** What a browser submits from the form of {@code key} as it stands: hidden, text, checked and textarea fields. */
    Map<String, String> formFields(String key) {
        String form = replyForm(key);
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher input = INPUT.matcher(form);
        while (input.find()) {
            Map<String, String> attributes = new LinkedHashMap<>();
            Matcher attribute = ATTRIBUTE.matcher(input.group(1));
            while (attribute.find()) {
                attributes.put(attribute.group(1), attribute.group(2) == null ? "" : unescape(attribute.group(2)));
            }
            if (!"checkbox".equals(attributes.get("type")) || attributes.containsKey("checked")) {
                fields.put(attributes.get("name"), attributes.getOrDefault("value", ""));
            }
        }
        Matcher textarea = TEXTAREA.matcher(form);
        while (textarea.find()) {
            fields.put(textarea.group(1), unescape(textarea.group(2)));
        }
        return fields;
    }

    /**
     * The page shows the error summary with {@code message} for the field of the form {@code key}, linked to the
     * field, and the field itself is marked invalid and described by the message.
     */
    void assertProblemLinkedToField(String key, String field, String label, String message) {
        String id = SimulatorHttp.fieldId(key, field);
        assertThat(html)
                .contains("<div id=\"meldung\" class=\"meldung fehler\" role=\"alert\"")
                .contains("<a href=\"#" + id + "\">" + label + ": " + message + "</a>")
                .contains("<p class=\"feldfehler\" id=\"" + id + "-fehler\"><span class=\"unsichtbar\">Fehler: </span>"
                        + message + "</p>")
                .contains("id=\"" + id + "\" name=\"" + field + "\" aria-required=\"true\" aria-invalid=\"true\""
                        + " aria-describedby=\"" + id + "-fehler\"");
    }

    /** Every visible field of the page has a {@code <label for>} naming its id. */
    void assertEveryFieldIsLabelled() {
        Matcher field = FIELD_ID.matcher(html);
        int fields = 0;
        while (field.find()) {
            fields++;
            assertThat(html).contains("<label for=\"" + field.group(1) + "\">");
        }
        assertThat(fields).as("visible form fields").isPositive();
    }

    /** Posts {@code fields} as a browser posts the form; returns the answer without following the redirect. */
    HttpResponse<String> submit(Map<String, String> fields) throws Exception {
        String body = fields.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return post(baseUrl, "application/x-www-form-urlencoded", body);
    }

    /** Posts {@code fields}, expects 303 back to the page and opens the page it leads to. */
    SimulatorPage submitAndFollow(Map<String, String> fields) throws Exception {
        HttpResponse<String> answer = submit(fields);
        assertThat(answer.statusCode()).isEqualTo(303);
        String location = answer.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/?meldung=");
        return open(baseUrl, location);
    }

    /** Posts JSON to the staff-replies endpoint, as tests and scripts do; returns the simulator's answer. */
    static HttpResponse<String> postJson(String baseUrl, String json) throws Exception {
        return post(baseUrl, "application/json", json);
    }

    private static HttpResponse<String> post(String baseUrl, String contentType, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl + SimulatorHttp.STAFF_REPLIES_PATH))
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String unescape(String text) {
        return text.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
    }
}
