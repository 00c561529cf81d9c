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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;

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

    // ---- pages ----------------------------------------------------------------------------------------------

    /**
     * A page up to its heading and introduction: {@code title} as title and {@code h1}, then {@code introHtml} (HTML,
     * not escaped) followed by the time of the page.
     */
    static StringBuilder pageStart(String title, String introHtml) {
        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>")
                .append(title)
                .append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2rem;color:#1a1a1a;background:#fff;")
                .append("line-height:1.4}\n")
                .append("table{border-collapse:collapse;margin-bottom:2rem}\n")
                .append("th,td{border:1px solid #6b6b6b;padding:.3rem .5rem;text-align:left;vertical-align:top}\n")
                .append("th{background:#ececec}\ntd.text{white-space:pre-wrap;max-width:40rem}\n")
                .append("</style>\n</head>\n<body>\n<main>\n<h1>")
                .append(title)
                .append("</h1>\n<p>")
                .append(introHtml)
                .append(" Stand: ")
                .append(escape(PAGE_TIME.format(Instant.now())))
                .append(" (zum Aktualisieren die Seite neu laden).</p>\n");
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
