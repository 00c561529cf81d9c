package de.jobcenter.postfach.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for E-AKTE, the job centres' electronic file, over real HTTP: it files incoming documents
 * and archives messages with the idempotency E-AKTE promises (the same {@code Idempotency-Key} again
 * answers 409 with the first receipt and stores nothing), so the eakte-adapter is tested against the
 * protocol and not a mock. Tests look at what arrived and make it fail or go away; people see it at
 * {@code GET /}. Runs standalone with {@link #main(String[])} for the local stack.
 */
public final class EakteSimulator implements AutoCloseable {

    public static final String INCOMING_DOCUMENTS_PATH = "/api/v1/incoming-documents";
    public static final String ARCHIVE_PATH = "/api/v1/archive";
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String PORT_ENV = "EAKTE_SIMULATOR_PORT";
    public static final int DEFAULT_STANDALONE_PORT = 8091;

    private static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final List<String> INCOMING_REQUIRED = List.of("officeId", "concern", "subject", "body");
    private static final List<String> ARCHIVE_REQUIRED = List.of("messageId", "direction", "officeId", "body");
    private static final Pattern ARCHIVE_KEY = Pattern.compile("^(.+):(INBOUND|OUTBOUND)$");
    private static final DateTimeFormatter PAGE_TIME =
            DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss").withZone(ZoneId.of("Europe/Berlin"));

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicInteger requestCount = new AtomicInteger();
    private final Map<String, ObjectNode> documentsByKey = new LinkedHashMap<>();
    private final Map<String, ObjectNode> archiveByKey = new LinkedHashMap<>();
    private volatile boolean available = true;
    private int failuresLeft;
    private int failureStatus;

    private EakteSimulator(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(port), 0);
        executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "eakte-simulator");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Starts the simulator on {@code port}; 0 picks a free port. */
    public static EakteSimulator start(int port) {
        try {
            EakteSimulator simulator = new EakteSimulator(port);
            simulator.server.start();
            return simulator;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the E-AKTE simulator on port " + port, e);
        }
    }

    /** Standalone: {@code EakteSimulator [port]}, else {@value #PORT_ENV}, else {@value #DEFAULT_STANDALONE_PORT}. */
    public static void main(String[] args) throws InterruptedException {
        String env = System.getenv(PORT_ENV);
        int port = args.length > 0
                ? Integer.parseInt(args[0])
                : env != null && !env.isBlank() ? Integer.parseInt(env.trim()) : DEFAULT_STANDALONE_PORT;
        EakteSimulator simulator = start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::stop, "eakte-simulator-stop"));
        System.out.println("E-AKTE simulator ready at " + simulator.baseUrl());
        Thread.currentThread().join();
    }

    /** {@code http://localhost:<port>}: the adapter's E-AKTE base URL. */
    public String baseUrl() {
        return "http://localhost:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Incoming documents filed so far, oldest first: the request body plus {@code eakteDocumentId}, {@code idempotencyKey}, {@code storedAt}. */
    public synchronized List<JsonNode> documents() {
        return copies(documentsByKey.values());
    }

    /** Archived messages so far, oldest first: the request body plus {@code eakteDocumentId}, {@code sha256}, {@code idempotencyKey}, {@code storedAt}. */
    public synchronized List<JsonNode> archived() {
        return copies(archiveByKey.values());
    }

    /** POST requests to the two E-AKTE endpoints so far, whatever they were answered: every delivery attempt. */
    public int requestCount() {
        return requestCount.get();
    }

    /** While unavailable, every request is answered 503, as by E-AKTE in maintenance. */
    public void setAvailable(boolean available) {
        this.available = available;
    }

    /** The next {@code count} POST requests are answered with {@code status} and change nothing. */
    public synchronized void failNext(int count, int status) {
        if (count < 0 || status < 400 || status > 599) {
            throw new IllegalArgumentException("failNext(" + count + ", " + status + ")");
        }
        failuresLeft = count;
        failureStatus = status;
    }

    /** Forgets everything that arrived, the counter and any planned failure; available again. */
    public synchronized void reset() {
        documentsByKey.clear();
        archiveByKey.clear();
        requestCount.set(0);
        failuresLeft = 0;
        available = true;
    }

    public void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public void close() {
        stop();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            boolean delivery =
                    "POST".equals(method) && (INCOMING_DOCUMENTS_PATH.equals(path) || ARCHIVE_PATH.equals(path));
            if (delivery) {
                requestCount.incrementAndGet();
            }
            if (!available) {
                exchange.getResponseHeaders().set("Retry-After", "1");
                problem(exchange, 503, "E-AKTE nicht verfügbar", "The simulator is switched to unavailable.");
                return;
            }
            if (delivery && takePlannedFailure(exchange)) {
                return;
            }
            switch (path) {
                case "/" -> {
                    if (allow(exchange, "GET")) {
                        send(exchange, 200, "text/html; charset=utf-8", page());
                    }
                }
                case INCOMING_DOCUMENTS_PATH -> {
                    if ("GET".equals(method)) {
                        sendJson(exchange, 200, array(documents()));
                    } else if (allow(exchange, "GET, POST")) {
                        fileIncomingDocument(exchange);
                    }
                }
                case ARCHIVE_PATH -> {
                    if ("GET".equals(method)) {
                        sendJson(exchange, 200, array(archived()));
                    } else if (allow(exchange, "GET, POST")) {
                        archive(exchange);
                    }
                }
                default -> problem(exchange, 404, "Not Found", "No resource at " + path);
            }
        } catch (RuntimeException e) {
            problem(exchange, 500, "Internal Server Error", e.getClass().getSimpleName());
        } finally {
            exchange.close();
        }
    }

    private synchronized boolean takePlannedFailure(HttpExchange exchange) throws IOException {
        if (failuresLeft == 0) {
            return false;
        }
        failuresLeft--;
        problem(exchange, failureStatus, "Planned failure", "The test asked for this failure.");
        return true;
    }

    private boolean allow(HttpExchange exchange, String methods) throws IOException {
        if (List.of(methods.split(", ")).contains(exchange.getRequestMethod())) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", methods);
        problem(exchange, 405, "Method Not Allowed", exchange.getRequestMethod() + " is not supported here.");
        return false;
    }

    private void fileIncomingDocument(HttpExchange exchange) throws IOException {
        String key = exchange.getRequestHeaders().getFirst(IDEMPOTENCY_KEY);
        if (key == null || key.isBlank()) {
            problem(exchange, 400, "Idempotency-Key missing", "Every delivery needs an Idempotency-Key header.");
            return;
        }
        ObjectNode request = readObject(exchange, INCOMING_REQUIRED);
        if (request == null) {
            return;
        }
        ObjectNode receipt = json.createObjectNode();
        synchronized (this) {
            ObjectNode existing = documentsByKey.get(key);
            if (existing != null) {
                receipt.put("documentId", existing.get("eakteDocumentId").asText());
                sendJson(exchange, 409, receipt);
                return;
            }
            String documentId = "eakte-" + UUID.randomUUID();
            request.put("eakteDocumentId", documentId);
            request.put("idempotencyKey", key);
            request.put("storedAt", Instant.now().toString());
            documentsByKey.put(key, request);
            receipt.put("documentId", documentId);
        }
        sendJson(exchange, 201, receipt);
    }

    private void archive(HttpExchange exchange) throws IOException {
        String key = exchange.getRequestHeaders().getFirst(IDEMPOTENCY_KEY);
        if (key == null || key.isBlank()) {
            problem(
                    exchange,
                    400,
                    "Idempotency-Key missing",
                    "Archiving needs Idempotency-Key: <messageId>:<direction>.");
            return;
        }
        Matcher keyParts = ARCHIVE_KEY.matcher(key);
        if (!keyParts.matches()) {
            problem(exchange, 400, "Idempotency-Key malformed", "Expected <messageId>:<INBOUND|OUTBOUND>.");
            return;
        }
        ObjectNode request = readObject(exchange, ARCHIVE_REQUIRED);
        if (request == null) {
            return;
        }
        if (!keyParts.group(1).equals(request.get("messageId").asText())
                || !keyParts.group(2).equals(request.get("direction").asText())) {
            problem(exchange, 400, "Idempotency-Key mismatch", "The key must be the body's <messageId>:<direction>.");
            return;
        }
        ObjectNode receipt = json.createObjectNode();
        synchronized (this) {
            ObjectNode existing = archiveByKey.get(key);
            if (existing != null) {
                receipt.put("documentId", existing.get("eakteDocumentId").asText());
                receipt.put("sha256", existing.get("sha256").asText());
                sendJson(exchange, 409, receipt);
                return;
            }
            String documentId = "eakte-archive-" + UUID.randomUUID();
            String sha256 = sha256Hex(request.get("body").asText());
            request.put("eakteDocumentId", documentId);
            request.put("sha256", sha256);
            request.put("idempotencyKey", key);
            request.put("storedAt", Instant.now().toString());
            archiveByKey.put(key, request);
            receipt.put("documentId", documentId);
            receipt.put("sha256", sha256);
        }
        sendJson(exchange, 201, receipt);
    }

    /** The body as a JSON object with the required text fields, or null after answering 400/413. */
    private ObjectNode readObject(HttpExchange exchange, List<String> required) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            problem(exchange, 413, "Payload Too Large", "At most " + MAX_BODY_BYTES + " bytes.");
            return null;
        }
        JsonNode parsed;
        try {
            parsed = json.readTree(body);
        } catch (JsonProcessingException e) {
            problem(exchange, 400, "Invalid JSON", "The body is not valid JSON.");
            return null;
        }
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

    private void problem(HttpExchange exchange, int status, String title, String detail) throws IOException {
        ObjectNode problem = json.createObjectNode();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        send(exchange, status, "application/problem+json", json.writeValueAsString(problem));
    }

    private void sendJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
        send(exchange, status, "application/json", json.writeValueAsString(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private ArrayNode array(List<JsonNode> nodes) {
        ArrayNode array = json.createArrayNode();
        nodes.forEach(array::add);
        return array;
    }

    private static List<JsonNode> copies(Collection<ObjectNode> nodes) {
        List<JsonNode> copies = new ArrayList<>(nodes.size());
        nodes.forEach(node -> copies.add(node.deepCopy()));
        return copies;
    }

    static String sha256Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("No SHA-256 on this JVM", e);
        }
    }

    private String page() {
        List<JsonNode> documents = documents();
        List<JsonNode> archived = archived();
        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>E-AKTE-Simulator</title>\n<style>\n")
                .append(
                        "body{font-family:system-ui,sans-serif;margin:2rem;color:#1a1a1a;background:#fff;line-height:1.4}\n")
                .append("table{border-collapse:collapse;margin-bottom:2rem}\n")
                .append("th,td{border:1px solid #6b6b6b;padding:.3rem .5rem;text-align:left;vertical-align:top}\n")
                .append("th{background:#ececec}\ntd.text{white-space:pre-wrap;max-width:40rem}\n")
                .append("</style>\n</head>\n<body>\n<main>\n<h1>E-AKTE-Simulator</h1>\n")
                .append("<p>Diese Seite zeigt, was die Postfach-Adapter an die simulierte E-AKTE übergeben haben. ")
                .append("Stand: ")
                .append(escape(PAGE_TIME.format(Instant.now())))
                .append(" (zum Aktualisieren die Seite neu laden).</p>\n");

        html.append("<h2 id=\"eingang\">Eingegangene Dokumente (")
                .append(documents.size())
                .append(")</h2>\n");
        if (documents.isEmpty()) {
            html.append("<p>Noch keine Dokumente eingegangen.</p>\n");
        } else {
            html.append("<table aria-labelledby=\"eingang\">\n<thead><tr>");
            for (String heading : List.of(
                    "Eingegangen",
                    "Dokument-ID",
                    "Dienststelle",
                    "Kundennummer",
                    "Anliegen",
                    "Betreff",
                    "Nachricht",
                    "Zahlungsrelevant")) {
                html.append("<th scope=\"col\">").append(heading).append("</th>");
            }
            html.append("</tr></thead>\n<tbody>\n");
            for (JsonNode document : documents) {
                html.append("<tr>")
                        .append(cell(time(document.path("storedAt").asText())))
                        .append(cell(document.path("eakteDocumentId").asText()))
                        .append(cell(document.path("officeId").asText()))
                        .append(cell(document.path("customerNumber").asText("")))
                        .append(cell(document.path("concern").asText()))
                        .append(cell(document.path("subject").asText()))
                        .append("<td class=\"text\">")
                        .append(escape(document.path("body").asText()))
                        .append("</td>")
                        .append(cell(document.path("paymentRelevant").asBoolean() ? "ja" : "nein"))
                        .append("</tr>\n");
            }
            html.append("</tbody>\n</table>\n");
        }

        html.append("<h2 id=\"archiv\">Archivierte Nachrichten (")
                .append(archived.size())
                .append(")</h2>\n");
        if (archived.isEmpty()) {
            html.append("<p>Noch nichts archiviert.</p>\n");
        } else {
            html.append("<table aria-labelledby=\"archiv\">\n<thead><tr>");
            for (String heading : List.of(
                    "Archiviert", "Dokument-ID", "Nachrichten-ID", "Richtung", "Dienststelle", "Betreff", "SHA-256")) {
                html.append("<th scope=\"col\">").append(heading).append("</th>");
            }
            html.append("</tr></thead>\n<tbody>\n");
            for (JsonNode entry : archived) {
                html.append("<tr>")
                        .append(cell(time(entry.path("storedAt").asText())))
                        .append(cell(entry.path("eakteDocumentId").asText()))
                        .append(cell(entry.path("messageId").asText()))
                        .append(cell(
                                "INBOUND".equals(entry.path("direction").asText())
                                        ? "Kunde an Jobcenter"
                                        : "Jobcenter an Kunde"))
                        .append(cell(entry.path("officeId").asText()))
                        .append(cell(entry.path("subject").asText("")))
                        .append(cell(entry.path("sha256").asText()))
                        .append("</tr>\n");
            }
            html.append("</tbody>\n</table>\n");
        }
        html.append("</main>\n</body>\n</html>\n");
        return html.toString();
    }

    private static String cell(String text) {
        return "<td>" + escape(text) + "</td>";
    }

    private static String time(String instant) {
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
