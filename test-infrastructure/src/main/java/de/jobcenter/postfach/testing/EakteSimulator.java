package de.jobcenter.postfach.testing;

import static de.jobcenter.postfach.testing.SimulatorHttp.cell;
import static de.jobcenter.postfach.testing.SimulatorHttp.textCell;
import static de.jobcenter.postfach.testing.SimulatorHttp.time;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
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

    private static final List<String> INCOMING_REQUIRED = List.of("officeId", "concern", "subject", "body");
    private static final List<String> ARCHIVE_REQUIRED = List.of("messageId", "direction", "officeId", "body");
    private static final Pattern ARCHIVE_KEY = Pattern.compile("^(.+):(INBOUND|OUTBOUND)$");

    /** Where a test or a person asks the simulator to send a staff reply, as E-AKTE does when staff answer. */
    public static final String SIMULATOR_REPLIES_PATH = SimulatorHttp.STAFF_REPLIES_PATH;
    /** eakte-adapter's inbound endpoint for staff messages. */
    public static final String ADAPTER_MESSAGES_PATH = "/api/v1/eakte/messages";

    private final SimulatorHttp http;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<ObjectNode> staffReplies = new ArrayList<>();
    private volatile String adapterBaseUrl;
    private volatile Supplier<String> adapterToken;
    private final ObjectMapper json;
    private final AtomicInteger requestCount = new AtomicInteger();
    private final Map<String, ObjectNode> documentsByKey = new LinkedHashMap<>();
    private final Map<String, ObjectNode> archiveByKey = new LinkedHashMap<>();

    private EakteSimulator(int port) {
        http = new SimulatorHttp(
                "E-AKTE",
                "eakte-simulator",
                port,
                threads -> Executors.newFixedThreadPool(4, threads),
                Map.of(),
                this::route);
        json = http.json();
    }

    /** Starts the simulator on {@code port}; 0 picks a free port. */
    public static EakteSimulator start(int port) {
        EakteSimulator simulator = new EakteSimulator(port);
        simulator.http.start();
        return simulator;
    }

    /** Standalone: {@code EakteSimulator [port]}, else {@value #PORT_ENV}, else {@value #DEFAULT_STANDALONE_PORT}. */
    public static void main(String[] args) throws InterruptedException {
        EakteSimulator simulator = start(SimulatorHttp.standalonePort(args, PORT_ENV, DEFAULT_STANDALONE_PORT));
        simulator.http.serveUntilShutdown(simulator::stop);
    }

    /** {@code http://localhost:<port>}: the adapter's E-AKTE base URL. */
    public String baseUrl() {
        return http.baseUrl();
    }

    public int port() {
        return http.port();
    }

    /** Incoming documents filed so far, oldest first: the request body plus {@code eakteDocumentId}, {@code idempotencyKey}, {@code storedAt}. */
    public synchronized List<JsonNode> documents() {
        return SimulatorHttp.copies(documentsByKey.values());
    }

    /** Archived messages so far, oldest first: the request body plus {@code eakteDocumentId}, {@code sha256}, {@code idempotencyKey}, {@code storedAt}. */
    public synchronized List<JsonNode> archived() {
        return SimulatorHttp.copies(archiveByKey.values());
    }

    /** POST requests to the two E-AKTE endpoints so far, whatever they were answered: every delivery attempt. */
    public int requestCount() {
        return requestCount.get();
    }

    /** While unavailable, every request is answered 503, as by E-AKTE in maintenance. */
    public void setAvailable(boolean available) {
        http.setAvailable(available);
    }

    /** The next {@code count} POST requests are answered with {@code status} and change nothing. */
    public void failNext(int count, int status) {
        http.failNext(count, status);
    }

    /**
     * The eakte-adapter that {@link #sendStaffReply} posts to, and where its bearer token comes from (a client of
     * the identity provider with the adapter's E-AKTE client role).
     */
    public void connectAdapter(String adapterBaseUrl, Supplier<String> bearerToken) {
        this.adapterBaseUrl = adapterBaseUrl.endsWith("/")
                ? adapterBaseUrl.substring(0, adapterBaseUrl.length() - 1)
                : adapterBaseUrl;
        this.adapterToken = bearerToken;
    }

    /** The adapter's answer to a staff reply: its status and JSON body (with {@code messageId} when accepted). */
    public record Answer(int status, JsonNode body) {
        public String messageId() {
            return body == null || !body.hasNonNull("messageId")
                    ? null
                    : body.get("messageId").asText();
        }
    }

    /**
     * Posts a staff message to the connected adapter, as E-AKTE does when staff answer ("direct reply") or start a
     * conversation: {@code sourceId, officeId, conversationId?, inReplyTo?, customerNumber?, customerId?, concern?,
     * subject, body, paymentRelevant, sentAt}. A missing {@code sourceId} or {@code sentAt} is filled in.
     */
    public Answer sendStaffReply(Map<String, ?> reply) {
        String adapter = adapterBaseUrl;
        Supplier<String> token = adapterToken;
        if (adapter == null || token == null) {
            throw new IllegalStateException("No adapter connected: call connectAdapter(url, token) first");
        }
        ObjectNode body = json.valueToTree(reply);
        if (!body.hasNonNull("sourceId")) {
            body.put("sourceId", "EAKTE-" + UUID.randomUUID());
        }
        if (!body.hasNonNull("sentAt")) {
            body.put("sentAt", Instant.now().toString());
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(adapter + ADAPTER_MESSAGES_PATH))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token.get())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                    .build();
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            JsonNode answer = http.parseOrNull(response.body());
            recordReply(body, response.statusCode(), answer);
            return new Answer(response.statusCode(), answer);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reach eakte-adapter at " + adapter, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while posting a staff reply", e);
        }
    }

    /** Staff replies sent with {@link #sendStaffReply}: the reply plus {@code answerStatus} and {@code messageId}. */
    public synchronized List<JsonNode> staffReplies() {
        return SimulatorHttp.copies(staffReplies);
    }

    private synchronized void recordReply(ObjectNode reply, int status, JsonNode answer) {
        ObjectNode recorded = reply.deepCopy();
        recorded.put("answerStatus", status);
        if (answer != null && answer.hasNonNull("messageId")) {
            recorded.put("messageId", answer.get("messageId").asText());
        }
        recorded.put("postedAt", Instant.now().toString());
        staffReplies.add(recorded);
    }

    private void forwardStaffReply(HttpExchange exchange) throws IOException {
        http.answerStaffReply(
                exchange,
                adapterBaseUrl == null || adapterToken == null
                        ? "The simulator has no eakte-adapter to post to."
                        : null,
                "EAKTE-",
                reply -> {
                    Answer answer = sendStaffReply(json.convertValue(reply, Map.class));
                    return new SimulatorHttp.AdapterAnswer(answer.status(), answer.body());
                });
    }

    /** Forgets everything that arrived, the counter and any planned failure; available again. */
    public synchronized void reset() {
        documentsByKey.clear();
        archiveByKey.clear();
        staffReplies.clear();
        requestCount.set(0);
        http.resetControls();
    }

    public void stop() {
        http.stop();
    }

    @Override
    public void close() {
        stop();
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        boolean delivery = "POST".equals(method) && (INCOMING_DOCUMENTS_PATH.equals(path) || ARCHIVE_PATH.equals(path));
        if (delivery) {
            requestCount.incrementAndGet();
        }
        if (SIMULATOR_REPLIES_PATH.equals(path)) {
            forwardStaffReply(exchange);
            return;
        }
        if (http.refusedWhileUnavailable(exchange)) {
            return;
        }
        if (delivery && http.failedAsPlanned(exchange)) {
            return;
        }
        switch (path) {
            case "/" -> {
                if (http.allow(exchange, "GET")) {
                    http.sendHtml(exchange, page(http.notice(exchange)));
                }
            }
            case INCOMING_DOCUMENTS_PATH -> {
                if ("GET".equals(method)) {
                    http.sendJson(exchange, 200, http.array(documents()));
                } else if (http.allow(exchange, "GET, POST")) {
                    fileIncomingDocument(exchange);
                }
            }
            case ARCHIVE_PATH -> {
                if ("GET".equals(method)) {
                    http.sendJson(exchange, 200, http.array(archived()));
                } else if (http.allow(exchange, "GET, POST")) {
                    archive(exchange);
                }
            }
            default -> http.problem(exchange, 404, "Not Found", "No resource at " + path);
        }
    }

    private void fileIncomingDocument(HttpExchange exchange) throws IOException {
        String key = exchange.getRequestHeaders().getFirst(IDEMPOTENCY_KEY);
        if (key == null || key.isBlank()) {
            http.problem(exchange, 400, "Idempotency-Key missing", "Every delivery needs an Idempotency-Key header.");
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
                http.sendJson(exchange, 409, receipt);
                return;
            }
            String documentId = "eakte-" + UUID.randomUUID();
            request.put("eakteDocumentId", documentId);
            request.put("idempotencyKey", key);
            request.put("storedAt", Instant.now().toString());
            documentsByKey.put(key, request);
            receipt.put("documentId", documentId);
        }
        http.sendJson(exchange, 201, receipt);
    }

    private void archive(HttpExchange exchange) throws IOException {
        String key = exchange.getRequestHeaders().getFirst(IDEMPOTENCY_KEY);
        if (key == null || key.isBlank()) {
            http.problem(
                    exchange,
                    400,
                    "Idempotency-Key missing",
                    "Archiving needs Idempotency-Key: <messageId>:<direction>.");
            return;
        }
        Matcher keyParts = ARCHIVE_KEY.matcher(key);
        if (!keyParts.matches()) {
            http.problem(exchange, 400, "Idempotency-Key malformed", "Expected <messageId>:<INBOUND|OUTBOUND>.");
            return;
        }
        ObjectNode request = readObject(exchange, ARCHIVE_REQUIRED);
        if (request == null) {
            return;
        }
        if (!keyParts.group(1).equals(request.get("messageId").asText())
                || !keyParts.group(2).equals(request.get("direction").asText())) {
            http.problem(
                    exchange, 400, "Idempotency-Key mismatch", "The key must be the body's <messageId>:<direction>.");
            return;
        }
        ObjectNode receipt = json.createObjectNode();
        synchronized (this) {
            ObjectNode existing = archiveByKey.get(key);
            if (existing != null) {
                receipt.put("documentId", existing.get("eakteDocumentId").asText());
                receipt.put("sha256", existing.get("sha256").asText());
                http.sendJson(exchange, 409, receipt);
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
        http.sendJson(exchange, 201, receipt);
    }

    /** The body as a JSON object with the required text fields, or null after answering 400/413. */
    private ObjectNode readObject(HttpExchange exchange, List<String> required) throws IOException {
        byte[] body = http.readBody(exchange);
        if (body == null) {
            return null;
        }
        JsonNode parsed;
        try {
            parsed = json.readTree(body);
        } catch (JsonProcessingException e) {
            http.problem(exchange, 400, "Invalid JSON", "The body is not valid JSON.");
            return null;
        }
        return http.requireObject(exchange, parsed, required);
    }

    static String sha256Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("No SHA-256 on this JVM", e);
        }
    }

    private String page(SimulatorHttp.Notice notice) {
        StringBuilder html = SimulatorHttp.pageStart(
                "E-AKTE-Simulator",
                "Diese Seite zeigt, was die Postfach-Adapter an die simulierte E-AKTE übergeben haben. Auf ein"
                        + " eingegangenes Dokument antworten Sie als Sachbearbeitung mit „Antworten“ in seiner Zeile.",
                notice);
        SimulatorHttp.section(
                html,
                "eingang",
                "Eingegangene Dokumente",
                documents(),
                "Noch keine Dokumente eingegangen.",
                List.of(
                        "Eingegangen",
                        "Dokument-ID",
                        "Dienststelle",
                        "Kundennummer",
                        "Anliegen",
                        "Betreff",
                        "Nachricht",
                        "Zahlungsrelevant",
                        "Antwort"),
                document -> cell(time(document.path("storedAt").asText()))
                        + cell(document.path("eakteDocumentId").asText())
                        + cell(document.path("officeId").asText())
                        + cell(document.path("customerNumber").asText(""))
                        + cell(document.path("concern").asText())
                        + cell(document.path("subject").asText())
                        + textCell(document.path("body").asText())
                        + cell(document.path("paymentRelevant").asBoolean() ? "ja" : "nein")
                        + SimulatorHttp.replyCell(
                                document,
                                "eakteDocumentId",
                                "EAKTE-",
                                notice,
                                "officeId",
                                "inReplyTo=documentId",
                                "conversationId",
                                "customerNumber",
                                "customerId",
                                "concern"));
        SimulatorHttp.section(
                html,
                "archiv",
                "Archivierte Nachrichten",
                archived(),
                "Noch nichts archiviert.",
                List.of(
                        "Archiviert",
                        "Dokument-ID",
                        "Nachrichten-ID",
                        "Richtung",
                        "Dienststelle",
                        "Betreff",
                        "SHA-256"),
                entry -> cell(time(entry.path("storedAt").asText()))
                        + cell(entry.path("eakteDocumentId").asText())
                        + cell(entry.path("messageId").asText())
                        + cell(
                                "INBOUND".equals(entry.path("direction").asText())
                                        ? "Kunde an Jobcenter"
                                        : "Jobcenter an Kunde")
                        + cell(entry.path("officeId").asText())
                        + cell(entry.path("subject").asText(""))
                        + cell(entry.path("sha256").asText()));
        SimulatorHttp.section(
                html,
                "antworten",
                "Antworten an Kundinnen und Kunden",
                staffReplies(),
                "Noch keine Antworten gesendet.",
                List.of("Gesendet", "Quell-ID", "Dienststelle", "Betreff", "Antwort des Adapters"),
                reply -> cell(time(reply.path("postedAt").asText()))
                        + cell(reply.path("sourceId").asText(""))
                        + cell(reply.path("officeId").asText(""))
                        + cell(reply.path("subject").asText(""))
                        + cell("HTTP " + reply.path("answerStatus").asInt()));
        return SimulatorHttp.pageEnd(html);
    }
}
