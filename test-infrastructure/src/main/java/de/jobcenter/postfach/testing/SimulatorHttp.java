package de.jobcenter.postfach.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The HTTP side that the simulators of target systems ({@link EakteSimulator}, {@link VccSimulator}) share: a JDK
 * {@link HttpServer} on its own daemon threads, answers as JSON, problem details and German HTML pages, request
 * bodies read with a size limit, and the controls with which tests make the simulated system misbehave: switched off
 * (503), the next requests failing as planned, answers held back after storing. Each simulator owns one and keeps
 * its protocol (routes, storage, idempotency) to itself.
 */
final class SimulatorHttp {

    /** Answers one request; a {@link RuntimeException} is answered 500, and the exchange is closed either way. */
    @FunctionalInterface
    interface Routes {
        void answer(HttpExchange exchange) throws IOException;
    }

    static final int MAX_BODY_BYTES = 1024 * 1024;

    private static final DateTimeFormatter PAGE_TIME =
            DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss").withZone(ZoneId.of("Europe/Berlin"));

    private static final String PAGE_STYLE = String.join(
            "\n",
            "body{font-family:system-ui,sans-serif;margin:2rem;color:#1a1a1a;background:#fff;line-height:1.4}",
            "table{border-collapse:collapse;margin-bottom:2rem}",
            "th,td{border:1px solid #6b6b6b;padding:.3rem .5rem;text-align:left;vertical-align:top}",
            "th{background:#ececec}",
            "td.text{white-space:pre-wrap;max-width:40rem}",
            "a,summary{color:#0b4fa8}",
            ":focus-visible{outline:3px solid #0b4fa8;outline-offset:2px}",
            "summary{cursor:pointer;text-decoration:underline}",
            "fieldset{border:1px solid #6b6b6b;margin:.5rem 0;padding:.5rem .75rem;min-width:22rem}",
            "legend{font-weight:bold}",
            ".feld{margin:.5rem 0}",
            ".feld label{display:block;font-weight:bold}",
            ".feld.ankreuzen label{display:inline;font-weight:normal}",
            "input[type=text],textarea{width:100%;box-sizing:border-box;font:inherit;border:1px solid #6b6b6b;"
                    + "padding:.25rem}",
            "[aria-invalid=true]{border:2px solid #b3001b}",
            ".feldfehler{color:#b3001b;font-weight:bold;margin:.25rem 0}",
            "button{font:inherit;background:#0b4fa8;color:#fff;border:2px solid #0b4fa8;padding:.35rem .9rem;"
                    + "cursor:pointer}",
            "button:hover{background:#083b7d}",
            ".meldung{border-left:.4rem solid;padding:.5rem 1rem;margin:1rem 0 2rem;max-width:60rem}",
            ".erfolg{border-color:#1e6b34;background:#edf7ef}",
            ".fehler{border-color:#b3001b;background:#fdf0f1}",
            ".fehler h2{margin-top:0;font-size:1.25rem}",
            ".unsichtbar{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);"
                    + "white-space:nowrap;border:0}",
            "");

    /** The query parameter that names the notice to show after a form was posted. */
    /** Where people and tests post a staff reply for the simulator to send to the adapter. */
    static final String STAFF_REPLIES_PATH = "/simulator/staff-replies";
    /** The adapters' limits for a staff reply's subject and body, in characters (code points). */
    static final int SUBJECT_MAX = 200;

    static final int BODY_MAX = 10_000;
    static final String NOTICE_PARAMETER = "meldung";
    /** The hidden form field that names the entry (document, ticket) a reply form belongs to. */
    static final String FORM_KEY = "formular";

    /** The fields a reply form may carry, in the order they are passed on: the JSON names of a staff reply. */
    private static final List<String> REPLY_FIELDS = List.of(
            "sourceId",
            "officeId",
            "inReplyTo",
            "externalReference",
            "conversationId",
            "customerNumber",
            "customerId",
            "concern",
            "subject",
            "body",
            "paymentRelevant");

    private static final Map<String, String> FIELD_LABELS =
            Map.of("subject", "Betreff", "body", "Antwort", "paymentRelevant", "Zahlungsrelevant");
    private static final Pattern FORM_KEY_PATTERN = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final int MAX_NOTICES = 200;

    private final ObjectMapper json = new ObjectMapper();
    private final String system;
    private final String threadName;
    private final Map<String, String> headersOnEveryAnswer;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Object answerDelayLock = new Object();
    private volatile boolean available = true;
    private int failuresLeft;
    private int failureStatus;
    private Duration answerDelay = Duration.ZERO;
    private final Map<String, Notice> notices = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Notice> eldest) {
            return size() > MAX_NOTICES;
        }
    };

    /**
     * Binds {@code port} (0 picks a free one) without serving yet; {@link #start()} serves.
     *
     * @param system the simulated system's name for messages and pages, e.g. {@code VCC}
     * @param threadName the name of the server's daemon threads; the standalone shutdown hook adds {@code -stop}
     * @param pool the executor for the server, made from the daemon thread factory
     * @param headersOnEveryAnswer response headers set on every answer
     * @param routes the simulator's protocol
     * @throws UncheckedIOException if the port cannot be bound
     */
    SimulatorHttp(
            String system,
            String threadName,
            int port,
            Function<ThreadFactory, ExecutorService> pool,
            Map<String, String> headersOnEveryAnswer,
            Routes routes) {
        this.system = system;
        this.threadName = threadName;
        this.headersOnEveryAnswer = Map.copyOf(headersOnEveryAnswer);
        try {
            server = HttpServer.create(new InetSocketAddress(port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the " + system + " simulator on port " + port, e);
        }
        executor = pool.apply(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> answer(routes, exchange));
    }

    /** The port for a standalone simulator: the first argument, else the environment variable, else the default. */
    static int standalonePort(String[] args, String portEnv, int defaultPort) {
        String env = System.getenv(portEnv);
        return args.length > 0
                ? Integer.parseInt(args[0])
                : env != null && !env.isBlank() ? Integer.parseInt(env.trim()) : defaultPort;
    }

    void start() {
        server.start();
    }

    /** Standalone: {@code stop} on shutdown, says where it serves, and waits until the JVM ends. */
    void serveUntilShutdown(Runnable stop) throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(stop, threadName + "-stop"));
        System.out.println(system + " simulator ready at " + baseUrl());
        Thread.currentThread().join();
    }

    String baseUrl() {
        return "http://localhost:" + port();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Releases the answers held back, then stops serving. */
    void stop() {
        delayAnswersAfterStoring(Duration.ZERO);
        server.stop(0);
        executor.shutdownNow();
    }

    ObjectMapper json() {
        return json;
    }

    // ---- controls -------------------------------------------------------------------------------------------

    void setAvailable(boolean available) {
        this.available = available;
    }

    synchronized void failNext(int count, int status) {
        if (count < 0 || status < 400 || status > 599) {
            throw new IllegalArgumentException("failNext(" + count + ", " + status + ")");
        }
        failuresLeft = count;
        failureStatus = status;
    }

    /** Available again, no planned failure, no delay (answers held back now go out). */
    void resetControls() {
        synchronized (this) {
            failuresLeft = 0;
            available = true;
        }
        delayAnswersAfterStoring(Duration.ZERO);
    }

    /** While switched to unavailable: answers 503 with {@code Retry-After: 1} and returns true. */
    boolean refusedWhileUnavailable(HttpExchange exchange) throws IOException {
        if (available) {
            return false;
        }
        exchange.getResponseHeaders().set("Retry-After", "1");
        problem(exchange, 503, system + " nicht verfügbar", "The simulator is switched to unavailable.");
        return true;
    }

    /** If a failure is planned ({@link #failNext}): answers with its status, counts it off and returns true. */
    synchronized boolean failedAsPlanned(HttpExchange exchange) throws IOException {
        if (failuresLeft == 0) {
            return false;
        }
        failuresLeft--;
        problem(exchange, failureStatus, "Planned failure", "The test asked for this failure.");
        return true;
    }

    /** {@link #holdAnswer()} waits {@code delay} from now on; {@link Duration#ZERO} releases the waiting answers. */
    void delayAnswersAfterStoring(Duration delay) {
        synchronized (answerDelayLock) {
            answerDelay = delay == null || delay.isNegative() ? Duration.ZERO : delay;
            answerDelayLock.notifyAll();
        }
    }

    /** Waits the delay set with {@link #delayAnswersAfterStoring}, or less if it is set to zero meanwhile. */
    void holdAnswer() {
        synchronized (answerDelayLock) {
            long until = System.nanoTime() + answerDelay.toNanos();
            while (!answerDelay.isZero()) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    answerDelayLock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    // ---- requests -------------------------------------------------------------------------------------------

    private void answer(Routes routes, HttpExchange exchange) throws IOException {
        try {
            routes.answer(exchange);
        } catch (RuntimeException e) {
            problem(exchange, 500, "Internal Server Error", e.getClass().getSimpleName());
        } finally {
            exchange.close();
        }
    }

    /** True if the request's method is one of {@code methods} ({@code "GET, POST"}); else answers 405. */
    boolean allow(HttpExchange exchange, String methods) throws IOException {
        if (List.of(methods.split(", ")).contains(exchange.getRequestMethod())) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", methods);
        problem(exchange, 405, "Method Not Allowed", exchange.getRequestMethod() + " is not supported here.");
        return false;
    }

    /** The body, or null after answering 413 when it is larger than {@value #MAX_BODY_BYTES} bytes. */
    byte[] readBody(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            problem(exchange, 413, "Payload Too Large", "At most " + MAX_BODY_BYTES + " bytes.");
            return null;
        }
        return body;
    }

    /** The body as a JSON object with the required text fields, or null after answering 400/413. */
    ObjectNode readObject(HttpExchange exchange, List<String> required) throws IOException {
        byte[] body = readBody(exchange);
        return body == null ? null : requireObject(exchange, parseOrNull(body), required);
    }

    /** {@code parsed} if it is a JSON object with the required text fields, or null after answering 400. */
    ObjectNode requireObject(HttpExchange exchange, JsonNode parsed, List<String> required) throws IOException {
        if (!(parsed instanceof ObjectNode object)) {
            problem(exchange, 400, "Invalid JSON", "The body must be a JSON object.");
            return null;
        }
        List<String> missing = required.stream()
                .filter(field -> !object.hasNonNull(field)
                        || !object.get(field).isTextual()
                        || object.get(field).asText().isBlank())
                .toList();
        if (!missing.isEmpty()) {
            problem(exchange, 400, "Required fields missing", "Missing or empty: " + String.join(", ", missing));
            return null;
        }
        return object;
    }

    /** The JSON in {@code body}, or null if there is none or it is not JSON. */
    JsonNode parseOrNull(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    // ---- answers --------------------------------------------------------------------------------------------

    void problem(HttpExchange exchange, int status, String title, String detail) throws IOException {
        ObjectNode problem = json.createObjectNode();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        send(exchange, status, "application/problem+json", json.writeValueAsString(problem));
    }

    void sendJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
        send(exchange, status, "application/json", json.writeValueAsString(body));
    }

    void sendHtml(HttpExchange exchange, String page) throws IOException {
        send(exchange, 200, "text/html; charset=utf-8", page);
    }

    private void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        headersOnEveryAnswer.forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    ArrayNode array(List<JsonNode> nodes) {
        ArrayNode array = json.createArrayNode();
        nodes.forEach(array::add);
        return array;
    }

    /** Deep copies, so that callers cannot change what is stored. */
    static List<JsonNode> copies(Collection<ObjectNode> nodes) {
        List<JsonNode> copies = new ArrayList<>(nodes.size());
        nodes.forEach(node -> copies.add(node.deepCopy()));
        return copies;
    }

    // ---- staff replies: JSON for tests and scripts, a form for people -----------------------------------

    /** The adapter's answer to a staff reply: its status and JSON body. */
    record AdapterAnswer(int status, JsonNode body) {}

    /** Hands a staff reply (as the adapter takes it as JSON) to the connected adapter. */
    @FunctionalInterface
    interface StaffReplySender {
        /**
         * @throws UncheckedIOException if the adapter cannot be reached
         */
        AdapterAnswer send(ObjectNode reply);
    }

    /** A field a notice points to ({@code field} is a form field's name, or null if none), and what is wrong. */
    record FieldProblem(String field, String message) {}

    /**
     * What became of a staff reply posted from a page's form, shown on the page the browser is sent back to.
     *
     * @param form the key of the form (the entry it belongs to), or empty
     * @param sent whether the adapter accepted the reply
     * @param text the sentence that says what happened
     * @param values what the form carried, to fill it in again after a refusal
     * @param problems what is wrong with which field, after a refusal
     */
    record Notice(String form, boolean sent, String text, Map<String, String> values, List<FieldProblem> problems) {
        Notice {
            values = Map.copyOf(values);
            problems = List.copyOf(problems);
        }

        static Notice refused(String form, String text, Map<String, String> values, List<FieldProblem> problems) {
            return new Notice(form, false, text, values, problems);
        }

        /** The problem with {@code field} for the form {@code key}, or null. */
        String problemWith(String key, String field) {
            if (sent || !form.equals(key)) {
                return null;
            }
            return problems.stream()
                    .filter(problem -> field.equals(problem.field()))
                    .map(FieldProblem::message)
                    .findFirst()
                    .orElse(null);
        }
    }

    /**
     * {@code POST /simulator/staff-replies}, the one way to send a staff reply by hand. As JSON (tests, scripts):
     * the reply as the adapter takes it, answered with {@code {adapterStatus, adapterAnswer}}. As a form from the
     * page ({@code application/x-www-form-urlencoded}): the same reply, then 303 back to the page, which says what
     * happened; missing fields send nothing. Either way a missing {@code sourceId} or {@code sentAt} is filled in.
     *
     * @param notConnected why no reply can be sent (no adapter connected), or null if one can
     * @param sourcePrefix the prefix of a generated source id, e.g. {@code VCC-}
     */
    void answerStaffReply(HttpExchange exchange, String notConnected, String sourcePrefix, StaffReplySender sender)
            throws IOException {
        if (!allow(exchange, "POST")) {
            return;
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            answerStaffReplyForm(exchange, notConnected, sourcePrefix, sender);
            return;
        }
        if (notConnected != null) {
            problem(exchange, 503, "Kein Adapter verbunden", notConnected);
            return;
        }
        ObjectNode reply = readObject(exchange, List.of());
        if (reply == null) {
            return;
        }
        AdapterAnswer answer = sender.send(completeReply(reply, sourcePrefix));
        ObjectNode result = json.createObjectNode();
        result.put("adapterStatus", answer.status());
        result.set("adapterAnswer", answer.body());
        sendJson(exchange, 200, result);
    }

    private void answerStaffReplyForm(
            HttpExchange exchange, String notConnected, String sourcePrefix, StaffReplySender sender)
            throws IOException {
        byte[] body = readBody(exchange);
        if (body == null) {
            return;
        }
        Map<String, String> form;
        try {
            form = parseForm(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            problem(exchange, 400, "Ungültige Formulardaten", "The body is not valid form data.");
            return;
        }
        String key = form.getOrDefault(FORM_KEY, "");
        key = FORM_KEY_PATTERN.matcher(key).matches() ? key : "";
        Map<String, String> values = new LinkedHashMap<>();
        REPLY_FIELDS.stream().filter(form::containsKey).forEach(field -> values.put(field, form.get(field)));
        Notice notice;
        List<FieldProblem> missing = missingFields(values);
        if (!missing.isEmpty()) {
            notice = Notice.refused(key, "Die Antwort wurde nicht gesendet: Angaben fehlen.", values, missing);
        } else if (notConnected != null) {
            notice = Notice.refused(
                    key,
                    "Die Antwort wurde nicht gesendet: Der Simulator ist mit keinem Adapter verbunden.",
                    values,
                    List.of());
        } else {
            notice = sendFromForm(key, values, sourcePrefix, sender);
        }
        String token = UUID.randomUUID().toString();
        synchronized (notices) {
            notices.put(token, notice);
        }
        exchange.getResponseHeaders().set("Location", "/?" + NOTICE_PARAMETER + "=" + token);
        send(exchange, 303, "text/plain; charset=utf-8", "");
    }

    private static List<FieldProblem> missingFields(Map<String, String> values) {
        List<FieldProblem> missing = new ArrayList<>();
        if (values.getOrDefault("subject", "").isBlank()) {
            missing.add(new FieldProblem("subject", "Bitte einen Betreff angeben."));
        }
        if (values.getOrDefault("body", "").isBlank()) {
            missing.add(new FieldProblem("body", "Bitte die Antwort schreiben."));
        }
        if (values.getOrDefault("officeId", "").isBlank()) {
            missing.add(new FieldProblem(null, "Die Dienststelle fehlt: bitte die Seite neu laden."));
        }
        return missing;
    }

    private Notice sendFromForm(String key, Map<String, String> values, String sourcePrefix, StaffReplySender sender) {
        ObjectNode reply = json.createObjectNode();
        values.forEach((field, value) -> {
            if (!"paymentRelevant".equals(field) && !value.isBlank()) {
                reply.put(field, value);
            }
        });
        reply.put("paymentRelevant", "true".equals(values.get("paymentRelevant")));
        AdapterAnswer answer;
        try {
            answer = sender.send(completeReply(reply, sourcePrefix));
        } catch (UncheckedIOException e) {
            return Notice.refused(
                    key, "Die Antwort wurde nicht gesendet: Der Adapter ist nicht erreichbar.", values, List.of());
        }
        JsonNode body = answer.body() == null ? json.nullNode() : answer.body();
        if (answer.status() >= 200 && answer.status() < 300) {
            String messageId = body.path("messageId").asText("");
            return new Notice(
                    key,
                    true,
                    "Antwort gesendet: Der Adapter hat sie mit HTTP " + answer.status() + " angenommen"
                            + (messageId.isEmpty() ? "." : " (Nachrichten-ID " + messageId + ")."),
                    values,
                    List.of());
        }
        String title = body.path("title").asText("");
        String detail = body.path("detail").asText("");
        List<FieldProblem> problems = new ArrayList<>();
        body.path("errors").forEach(error -> {
            String field = error.path("field").asText("");
            problems.add(new FieldProblem(
                    FIELD_LABELS.containsKey(field) ? field : null,
                    (FIELD_LABELS.containsKey(field) || field.isEmpty() ? "" : field + ": ")
                            + error.path("message").asText("")));
        });
        return Notice.refused(
                key,
                "Die Antwort wurde nicht gesendet: Der Adapter hat sie mit HTTP " + answer.status() + " abgelehnt"
                        + (title.isEmpty() ? "" : " (" + title + ")")
                        + (detail.isEmpty() ? "." : ": " + detail),
                values,
                problems);
    }

    /** {@code reply} with a generated {@code sourceId} and the current {@code sentAt} where they are missing. */
    private static ObjectNode completeReply(ObjectNode reply, String sourcePrefix) {
        if (!reply.hasNonNull("sourceId")) {
            reply.put("sourceId", sourcePrefix + UUID.randomUUID());
        }
        if (!reply.hasNonNull("sentAt")) {
            reply.put("sentAt", Instant.now().toString());
        }
        return reply;
    }

    /** The fields of {@code application/x-www-form-urlencoded} data; the first of repeated names counts. */
    static Map<String, String> parseForm(String data) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : data.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            fields.putIfAbsent(name, value);
        }
        return fields;
    }

    /** The notice the request's query names (after a form was posted), or null. */
    Notice notice(HttpExchange exchange) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return null;
        }
        String token;
        try {
            token = parseForm(query).get(NOTICE_PARAMETER);
        } catch (IllegalArgumentException e) {
            return null;
        }
        synchronized (notices) {
            return token == null ? null : notices.get(token);
        }
    }

    // ---- pages ----------------------------------------------------------------------------------------------

    /**
     * A page up to its heading and introduction: {@code title} as title and {@code h1}, then {@code introHtml} (HTML,
     * not escaped) followed by the time of the page, then the {@code notice} about a staff reply sent from the page's
     * form, if there is one.
     */
    static StringBuilder pageStart(String title, String introHtml, Notice notice) {
        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>")
                .append(title)
                .append("</title>\n<style>\n")
                .append(PAGE_STYLE)
                .append("</style>\n</head>\n<body>\n<main>\n<h1>")
                .append(title)
                .append("</h1>\n<p>")
                .append(introHtml)
                .append(" Stand: ")
                .append(escape(PAGE_TIME.format(Instant.now())))
                .append(" (zum Aktualisieren die Seite neu laden).</p>\n");
        if (notice != null) {
            noticeHtml(html, notice);
        }
        return html;
    }

    /**
     * A section: heading {@code <title> (<count>)} with the id {@code id}, then {@code none} as a paragraph if there
     * are no entries, else a table with the columns and a row per entry, whose cells {@code row} writes.
     */
    static <T> void section(
            StringBuilder html,
            String id,
            String title,
            List<T> entries,
            String none,
            List<String> columns,
            Function<T, String> row) {
        html.append("<h2 id=\"")
                .append(id)
                .append("\">")
                .append(title)
                .append(" (")
                .append(entries.size())
                .append(")</h2>\n");
        if (entries.isEmpty()) {
            html.append("<p>").append(none).append("</p>\n");
            return;
        }
        html.append("<table aria-labelledby=\"").append(id).append("\">\n<thead><tr>");
        for (String column : columns) {
            html.append("<th scope=\"col\">").append(escape(column)).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (T entry : entries) {
            html.append("<tr>").append(row.apply(entry)).append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    /** Closes the page begun with {@link #pageStart}. */
    static String pageEnd(StringBuilder html) {
        return html.append("</main>\n</body>\n</html>\n").toString();
    }

    private static void noticeHtml(StringBuilder html, Notice notice) {
        if (notice.sent()) {
            html.append("<div id=\"meldung\" class=\"meldung erfolg\" role=\"status\">\n<p>")
                    .append(escape(notice.text()))
                    .append("</p>\n</div>\n");
            return;
        }
        html.append("<div id=\"meldung\" class=\"meldung fehler\" role=\"alert\" aria-labelledby=\"meldung-titel\">\n")
                .append("<h2 id=\"meldung-titel\">Es gibt ein Problem</h2>\n<p>")
                .append(escape(notice.text()))
                .append("</p>\n");
        if (!notice.problems().isEmpty()) {
            html.append("<ul>\n");
            for (FieldProblem problem : notice.problems()) {
                html.append("<li>");
                if (problem.field() != null && !notice.form().isEmpty()) {
                    html.append("<a href=\"#")
                            .append(fieldId(notice.form(), problem.field()))
                            .append("\">")
                            .append(escape(FIELD_LABELS.get(problem.field()) + ": " + problem.message()))
                            .append("</a>");
                } else {
                    html.append(escape(problem.message()));
                }
                html.append("</li>\n");
            }
            html.append("</ul>\n");
        }
        html.append("</div>\n");
    }

    /**
     * A cell with the form with which staff answer an entry (a document, a ticket): folded until opened, open
     * again with what was entered and the problems marked when the {@code notice} refused a reply from it.
     *
     * @param entry the entry as stored; its {@code subject} is what is answered
     * @param keyField the entry's field that names it on the page (letters, digits, {@code -} and {@code _})
     * @param sourcePrefix the prefix of the reply's source id, e.g. {@code VCC-}
     * @param notice the notice shown on the page, or null
     * @param context the reply's fields taken from the entry: {@code name} for the entry's field of that name,
     *     {@code name=field} for another; blank ones are left out
     */
    static String replyCell(JsonNode entry, String keyField, String sourcePrefix, Notice notice, String... context) {
        String key = entry.path(keyField).asText();
        String about = entry.path("subject").asText();
        if (!FORM_KEY_PATTERN.matcher(key).matches()) {
            throw new IllegalArgumentException("Not a form key: " + key);
        }
        boolean again = notice != null && !notice.sent() && notice.form().equals(key);
        Map<String, String> entered = again ? notice.values() : Map.of();
        String suggested = "AW: " + about;
        if (suggested.codePointCount(0, suggested.length()) > SUBJECT_MAX) {
            suggested = suggested.substring(0, suggested.offsetByCodePoints(0, SUBJECT_MAX));
        }
        StringBuilder html = new StringBuilder(2048);
        html.append("<td><details id=\"")
                .append(fieldId(key, ""))
                .append(again ? "\" open>" : "\">")
                .append("<summary>Antworten<span class=\"unsichtbar\"> auf „")
                .append(escape(about))
                .append("“</span></summary>\n<form method=\"post\" action=\"")
                .append(STAFF_REPLIES_PATH)
                .append("\">\n<fieldset>\n<legend>Antwort der Sachbearbeitung auf „")
                .append(escape(about))
                .append("“</legend>\n<p>Pflichtfelder sind mit „(Pflichtfeld)“ gekennzeichnet.</p>\n");
        hidden(html, FORM_KEY, key);
        hidden(html, "sourceId", entered.getOrDefault("sourceId", sourcePrefix + UUID.randomUUID()));
        for (String field : context) {
            String[] names = field.split("=", 2);
            String value = entry.path(names[names.length - 1]).asText("");
            if (!value.isBlank()) {
                hidden(html, names[0], value);
            }
        }
        String subjectField = field(html, key, "subject", "Betreff (Pflichtfeld)", notice);
        html.append("<input type=\"text\" ")
                .append(subjectField)
                .append(" maxlength=\"")
                .append(SUBJECT_MAX)
                .append("\" autocomplete=\"off\" value=\"")
                .append(escape(entered.getOrDefault("subject", suggested)))
                .append("\"></div>\n");
        String bodyField = field(html, key, "body", "Antwort (Pflichtfeld)", notice);
        // the line break after the tag keeps a leading line break of the text, which HTML would drop
        html.append("<textarea ")
                .append(bodyField)
                .append(" rows=\"6\" cols=\"40\" maxlength=\"")
                .append(BODY_MAX)
                .append("\">\n")
                .append(escape(entered.getOrDefault("body", "")))
                .append("</textarea></div>\n");
        String paymentId = fieldId(key, "paymentRelevant");
        html.append("<div class=\"feld ankreuzen\"><input type=\"checkbox\" id=\"")
                .append(paymentId)
                .append("\" name=\"paymentRelevant\" value=\"true\"")
                .append("true".equals(entered.get("paymentRelevant")) ? " checked" : "")
                .append("> <label for=\"")
                .append(paymentId)
                .append("\">Zahlungsrelevant</label></div>\n")
                .append("<button type=\"submit\">Antwort senden</button>\n</fieldset>\n</form></details></td>");
        return html.toString();
    }

    /**
     * Opens a field's block with its label and its problem, if the notice has one; returns the attributes of the
     * input (id, name, required, invalid) for the caller to write.
     */
    private static String field(StringBuilder html, String key, String name, String label, Notice notice) {
        String id = fieldId(key, name);
        String problem = notice == null ? null : notice.problemWith(key, name);
        html.append("<div class=\"feld\"><label for=\"")
                .append(id)
                .append("\">")
                .append(label)
                .append("</label>\n");
        String attributes = "id=\"" + id + "\" name=\"" + name + "\" aria-required=\"true\"";
        if (problem == null) {
            return attributes;
        }
        html.append("<p class=\"feldfehler\" id=\"")
                .append(id)
                .append("-fehler\"><span class=\"unsichtbar\">Fehler: </span>")
                .append(escape(problem))
                .append("</p>\n");
        return attributes + " aria-invalid=\"true\" aria-describedby=\"" + id + "-fehler\"";
    }

    private static void hidden(StringBuilder html, String name, String value) {
        html.append("<input type=\"hidden\" name=\"")
                .append(escape(name))
                .append("\" value=\"")
                .append(escape(value))
                .append("\">\n");
    }

    /** The id of a reply form's field ({@code antwort-<key>-<field>}), or of the form's block for an empty field. */
    static String fieldId(String key, String field) {
        return "antwort-" + key + (field.isEmpty() ? "" : "-" + field);
    }

    static String cell(String text) {
        return "<td>" + escape(text) + "</td>";
    }

    /** A cell for longer text that keeps its line breaks. */
    static String textCell(String text) {
        return "<td class=\"text\">" + escape(text) + "</td>";
    }

    /** An ISO instant as Berlin time on the page, or as it is if it is not one. */
    static String time(String instant) {
        try {
            return PAGE_TIME.format(Instant.parse(instant));
        } catch (RuntimeException e) {
            return instant;
        }
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
