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
import java.security.InvalidKeyException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A stand-in for the BA Service Center's contact-center software (VCC), over real HTTP. It opens tickets with the
 * idempotency the VCC promises (the same {@code externalReference} again answers 409 with the first ticket and
 * stores nothing), takes the adapter's rejection notices for staff replies, and sends staff replies to the adapter
 * signed as the VCC signs them (HMAC-SHA256 over {@code <timestamp>.<body>}). Tests look at what arrived and make
 * it fail, go away or answer late; people see it at {@code GET /} and post a staff reply with
 * {@code POST /simulator/staff-replies}. Runs standalone with {@link #main(String[])} for the local stack.
 *
 * <p>Protocol (as servicecenter-adapter speaks it):
 * <ul>
 *   <li>{@code POST /api/v1/tickets} {@code {externalReference, officeId, concern, customerNumber, conversationId,
 *       inReplyTo, subject, body}} → 201 {@code {ticketId, externalReference}}; the same externalReference again → 409
 *       with the same ticket. 400 without externalReference (a UUID), officeId, subject or body.
 *   <li>{@code GET /api/v1/tickets} → every ticket as JSON.
 *   <li>{@code POST /api/v1/staff-messages/{messageId}/rejection} {@code {reason, explanation}} → 200: the staff
 *       reply with that message id (the id the adapter answered with) could not be filed; repeated → 200, once.
 * </ul>
 */
public final class VccSimulator implements AutoCloseable {

    public static final String TICKETS_PATH = "/api/v1/tickets";
    public static final String STAFF_MESSAGES_PATH = "/api/v1/staff-messages/";
    public static final String SIMULATOR_REPLIES_PATH = SimulatorHttp.STAFF_REPLIES_PATH;
    public static final String ADAPTER_REPLIES_PATH = "/api/v1/vcc/replies";
    public static final String TIMESTAMP_HEADER = "X-VCC-Timestamp";
    public static final String SIGNATURE_HEADER = "X-VCC-Signature";
    public static final String PORT_ENV = "VCC_SIMULATOR_PORT";
    public static final String ADAPTER_URL_ENV = "VCC_ADAPTER_URL";
    public static final String SECRET_ENV = "VCC_HMAC_SECRET";
    public static final int DEFAULT_STANDALONE_PORT = 8092;

    private static final List<String> TICKET_REQUIRED = List.of("externalReference", "officeId", "subject", "body");
    private static final Pattern REJECTION_PATH =
            Pattern.compile("^" + STAFF_MESSAGES_PATH + "([0-9a-fA-F-]{36})/rejection$");

    private final SimulatorHttp http;
    private final ObjectMapper json;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger ticketRequests = new AtomicInteger();
    private final Map<String, ObjectNode> ticketsByReference = new LinkedHashMap<>();
    private final Map<String, ObjectNode> rejectionsByMessageId = new LinkedHashMap<>();
    private final List<ObjectNode> staffReplies = new ArrayList<>();
    private volatile String adapterBaseUrl;
    private volatile String secret;

    private VccSimulator(int port) {
        http = new SimulatorHttp(
                "VCC",
                "vcc-simulator",
                port,
                Executors::newCachedThreadPool,
                Map.of("Cache-Control", "no-store"),
                this::route);
        json = http.json();
    }

    /** Starts the simulator on {@code port}; 0 picks a free port. */
    public static VccSimulator start(int port) {
        VccSimulator simulator = new VccSimulator(port);
        simulator.http.start();
        return simulator;
    }

    /**
     * Standalone: {@code VccSimulator [port]}, else {@value #PORT_ENV}, else {@value #DEFAULT_STANDALONE_PORT}. With
     * {@value #ADAPTER_URL_ENV} and {@value #SECRET_ENV} set, {@code POST /simulator/staff-replies} signs a staff
     * reply and sends it to the adapter.
     */
    public static void main(String[] args) throws InterruptedException {
        VccSimulator simulator = start(SimulatorHttp.standalonePort(args, PORT_ENV, DEFAULT_STANDALONE_PORT));
        String adapter = System.getenv(ADAPTER_URL_ENV);
        String sharedSecret = System.getenv(SECRET_ENV);
        if (adapter != null && !adapter.isBlank() && sharedSecret != null && !sharedSecret.isBlank()) {
            simulator.connectAdapter(adapter.trim(), sharedSecret);
        }
        simulator.http.serveUntilShutdown(simulator::stop);
    }

    /** {@code http://localhost:<port>}: the adapter's VCC base URL. */
    public String baseUrl() {
        return http.baseUrl();
    }

    public int port() {
        return http.port();
    }

    /** Tickets opened so far, oldest first: the request body plus {@code ticketId}, {@code storedAt}. */
    public synchronized List<JsonNode> tickets() {
        return SimulatorHttp.copies(ticketsByReference.values());
    }

    /** Rejection notices so far: {@code messageId}, {@code reason}, {@code explanation}, {@code receivedAt}. */
    public synchronized List<JsonNode> rejections() {
        return SimulatorHttp.copies(rejectionsByMessageId.values());
    }

    /** Staff replies sent with {@link #sendStaffReply}: the reply plus {@code answerStatus} and {@code messageId}. */
    public synchronized List<JsonNode> staffReplies() {
        return SimulatorHttp.copies(staffReplies);
    }

    /** POST requests to the tickets endpoint so far, whatever they were answered: every delivery attempt. */
    public int ticketRequests() {
        return ticketRequests.get();
    }

    /** While unavailable, every request to the API is answered 503, as by the VCC in maintenance. */
    public void setAvailable(boolean available) {
        http.setAvailable(available);
    }

    /** The next {@code count} POST requests to the API are answered with {@code status} and change nothing. */
    public void failNext(int count, int status) {
        http.failNext(count, status);
    }

    /**
     * From now on, a ticket request is stored first and answered only after {@code delay}: the window in which the
     * VCC has the ticket but the adapter does not know it yet (a crash then must not make a second ticket).
     * {@link Duration#ZERO} answers at once again, including the answers waiting now.
     */
    public void delayAnswersAfterStoring(Duration delay) {
        http.delayAnswersAfterStoring(delay);
    }

    /** The adapter that {@link #sendStaffReply} posts to, and the secret shared with it. */
    public void connectAdapter(String adapterBaseUrl, String secret) {
        this.adapterBaseUrl = adapterBaseUrl.endsWith("/")
                ? adapterBaseUrl.substring(0, adapterBaseUrl.length() - 1)
                : adapterBaseUrl;
        this.secret = secret;
    }

    /** The adapter's answer to a staff reply. */
    public record Answer(int status, JsonNode body) {
        /** The message id the adapter gave the reply (202), or null. */
        public String messageId() {
            return body != null && body.hasNonNull("messageId")
                    ? body.get("messageId").asText()
                    : null;
        }
    }

    /** Signs a staff reply now and posts it to the connected adapter, as the VCC does when staff answer. */
    public Answer sendStaffReply(Map<String, ?> reply) {
        return sendStaffReply(reply, Instant.now());
    }

    /** Signs a staff reply with the given signing time (e.g. a stale one) and posts it to the connected adapter. */
    public Answer sendStaffReply(Map<String, ?> reply, Instant signedAt) {
        try {
            byte[] body = json.writeValueAsBytes(reply);
            String timestamp = String.valueOf(signedAt.getEpochSecond());
            return sendSigned(body, timestamp, signature(requireSecret(), timestamp, body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The reply cannot be written as JSON", e);
        }
    }

    /** Posts exactly these bytes with exactly these headers (null leaves a header out): for replays and forgeries. */
    public Answer sendSigned(byte[] body, String timestamp, String signature) {
        String adapter = adapterBaseUrl;
        if (adapter == null) {
            throw new IllegalStateException("No adapter connected: call connectAdapter(url, secret) first");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(adapter + ADAPTER_REPLIES_PATH))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (timestamp != null) {
            request.header(TIMESTAMP_HEADER, timestamp);
        }
        if (signature != null) {
            request.header(SIGNATURE_HEADER, signature);
        }
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode answer = http.parseOrNull(response.body());
            record(body, response.statusCode(), answer);
            return new Answer(response.statusCode(), answer);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reach the adapter at " + adapter, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while posting a staff reply", e);
        }
    }

    /** {@code sha256=<hex>} of HMAC-SHA256 over {@code <timestamp>.<body>}: the VCC's signature header value. */
    public static String signature(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Forgets every ticket, reply and rejection, the counter, any planned failure and delay; available again. */
    public void reset() {
        synchronized (this) {
            ticketsByReference.clear();
            rejectionsByMessageId.clear();
            staffReplies.clear();
            ticketRequests.set(0);
        }
        http.resetControls();
    }

    public void stop() {
        http.stop();
    }

    @Override
    public void close() {
        stop();
    }

    private String requireSecret() {
        if (secret == null) {
            throw new IllegalStateException("No adapter connected: call connectAdapter(url, secret) first");
        }
        return secret;
    }

    private synchronized void record(byte[] body, int status, JsonNode answer) {
        ObjectNode reply;
        try {
            JsonNode parsed = json.readTree(body);
            reply = parsed instanceof ObjectNode object ? object : json.createObjectNode();
        } catch (IOException e) {
            reply = json.createObjectNode();
        }
        reply.put("answerStatus", status);
        if (answer != null && answer.hasNonNull("messageId")) {
            reply.put("messageId", answer.get("messageId").asText());
        }
        reply.put("postedAt", Instant.now().toString());
        staffReplies.add(reply);
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if ("/".equals(path)) {
            if (http.allow(exchange, "GET")) {
                http.sendHtml(exchange, page(http.notice(exchange)));
            }
            return;
        }
        if (SIMULATOR_REPLIES_PATH.equals(path)) {
            forwardStaffReply(exchange);
            return;
        }
        boolean api = path.startsWith("/api/");
        if (api && "POST".equals(method) && TICKETS_PATH.equals(path)) {
            ticketRequests.incrementAndGet();
        }
        if (api && http.refusedWhileUnavailable(exchange)) {
            return;
        }
        if (api && "POST".equals(method) && http.failedAsPlanned(exchange)) {
            return;
        }
        Matcher rejection = REJECTION_PATH.matcher(path);
        if (TICKETS_PATH.equals(path)) {
            if ("GET".equals(method)) {
                http.sendJson(exchange, 200, http.array(tickets()));
            } else if (http.allow(exchange, "GET, POST")) {
                openTicket(exchange);
            }
        } else if (rejection.matches()) {
            if (http.allow(exchange, "POST")) {
                reject(exchange, rejection.group(1).toLowerCase());
            }
        } else {
            http.problem(exchange, 404, "Not Found", "No resource at " + path);
        }
    }

    private void openTicket(HttpExchange exchange) throws IOException {
        ObjectNode request = http.readObject(exchange, TICKET_REQUIRED);
        if (request == null) {
            return;
        }
        String reference = request.get("externalReference").asText();
        try {
            reference = UUID.fromString(reference).toString();
        } catch (IllegalArgumentException e) {
            http.problem(exchange, 400, "externalReference invalid", "externalReference must be a UUID.");
            return;
        }
        ObjectNode receipt = json.createObjectNode();
        int status;
        synchronized (this) {
            ObjectNode existing = ticketsByReference.get(reference);
            if (existing != null) {
                receipt.put("ticketId", existing.get("ticketId").asText());
                status = 409;
            } else {
                String ticketId = "VCC-" + UUID.randomUUID();
                request.put("ticketId", ticketId);
                request.put("storedAt", Instant.now().toString());
                ticketsByReference.put(reference, request);
                receipt.put("ticketId", ticketId);
                status = 201;
            }
            receipt.put("externalReference", reference);
        }
        http.holdAnswer();
        http.sendJson(exchange, status, receipt);
    }

    private void reject(HttpExchange exchange, String messageId) throws IOException {
        ObjectNode request = http.readObject(exchange, List.of("reason"));
        if (request == null) {
            return;
        }
        ObjectNode stored;
        synchronized (this) {
            stored = rejectionsByMessageId.get(messageId);
            if (stored == null) {
                stored = json.createObjectNode();
                stored.put("messageId", messageId);
                stored.put("reason", request.get("reason").asText());
                stored.put("explanation", request.path("explanation").asText(""));
                stored.put("receivedAt", Instant.now().toString());
                rejectionsByMessageId.put(messageId, stored);
            }
            stored = stored.deepCopy();
        }
        http.sendJson(exchange, 200, stored);
    }

    private void forwardStaffReply(HttpExchange exchange) throws IOException {
        http.answerStaffReply(
                exchange,
                adapterBaseUrl == null || secret == null
                        ? "Start the simulator with " + ADAPTER_URL_ENV + " and " + SECRET_ENV + "."
                        : null,
                "VCC-",
                reply -> {
                    Answer answer = sendStaffReply(json.convertValue(reply, Map.class));
                    return new SimulatorHttp.AdapterAnswer(answer.status(), answer.body());
                });
    }

    private String page(SimulatorHttp.Notice notice) {
        List<JsonNode> tickets = tickets();
        List<JsonNode> replies = staffReplies();
        Map<String, JsonNode> rejections = new LinkedHashMap<>();
        rejections().forEach(r -> rejections.put(r.path("messageId").asText(), r));
        StringBuilder html = SimulatorHttp.pageStart(
                "VCC-Simulator (Service Center)",
                "Diese Seite zeigt die Tickets, die der Postfach-Adapter im simulierten VCC eröffnet hat, "
                        + "und die Antworten der Service-Center-Mitarbeitenden. Auf ein Ticket antworten Sie als "
                        + "Sachbearbeitung mit „Antworten“ in seiner Zeile.",
                notice);
        SimulatorHttp.section(
                html,
                "tickets",
                "Tickets",
                tickets,
                "Noch keine Tickets eröffnet.",
                List.of(
                        "Eröffnet",
                        "Ticket-ID",
                        "Externe Referenz",
                        "Dienststelle",
                        "Anliegen",
                        "Kundennummer",
                        "Betreff",
                        "Nachricht",
                        "Antwort"),
                ticket -> cell(time(ticket.path("storedAt").asText()))
                        + cell(ticket.path("ticketId").asText())
                        + cell(ticket.path("externalReference").asText())
                        + cell(ticket.path("officeId").asText())
                        + cell(ticket.path("concern").asText(""))
                        + cell(ticket.path("customerNumber").asText(""))
                        + cell(ticket.path("subject").asText())
                        + textCell(ticket.path("body").asText())
                        + SimulatorHttp.replyCell(
                                ticket,
                                "ticketId",
                                "VCC-",
                                notice,
                                "officeId",
                                "externalReference",
                                "conversationId",
                                "customerNumber",
                                "concern"));
        SimulatorHttp.section(
                html,
                "antworten",
                "Antworten an Kundinnen und Kunden",
                replies,
                "Noch keine Antworten gesendet.",
                List.of("Gesendet", "Quell-ID", "Dienststelle", "Betreff", "Antwort des Adapters", "Status"),
                reply -> {
                    JsonNode rejected = rejections.get(reply.path("messageId").asText());
                    String status = rejected != null
                            ? "Zurückgewiesen: "
                                    + rejected.path("explanation")
                                            .asText(rejected.path("reason").asText())
                            : reply.path("answerStatus").asInt() == 202 ? "Angenommen" : "Abgelehnt";
                    return cell(time(reply.path("postedAt").asText()))
                            + cell(reply.path("sourceId").asText(""))
                            + cell(reply.path("officeId").asText(""))
                            + cell(reply.path("subject").asText(""))
                            + cell("HTTP " + reply.path("answerStatus").asInt())
                            + cell(status);
                });
        return SimulatorHttp.pageEnd(html);
    }
}
