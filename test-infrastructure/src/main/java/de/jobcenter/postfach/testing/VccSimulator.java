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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
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
    public static final String SIMULATOR_REPLIES_PATH = "/simulator/staff-replies";
    public static final String ADAPTER_REPLIES_PATH = "/api/v1/vcc/replies";
    public static final String TIMESTAMP_HEADER = "X-VCC-Timestamp";
    public static final String SIGNATURE_HEADER = "X-VCC-Signature";
    public static final String PORT_ENV = "VCC_SIMULATOR_PORT";
    public static final String ADAPTER_URL_ENV = "VCC_ADAPTER_URL";
    public static final String SECRET_ENV = "VCC_HMAC_SECRET";
    public static final int DEFAULT_STANDALONE_PORT = 8092;

    private static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final List<String> TICKET_REQUIRED = List.of("externalReference", "officeId", "subject", "body");
    private static final Pattern REJECTION_PATH =
            Pattern.compile("^" + STAFF_MESSAGES_PATH + "([0-9a-fA-F-]{36})/rejection$");
    private static final DateTimeFormatter PAGE_TIME =
            DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss").withZone(ZoneId.of("Europe/Berlin"));

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger ticketRequests = new AtomicInteger();
    private final Map<String, ObjectNode> ticketsByReference = new LinkedHashMap<>();
    private final Map<String, ObjectNode> rejectionsByMessageId = new LinkedHashMap<>();
    private final List<ObjectNode> staffReplies = new ArrayList<>();
    private final Object answerDelayLock = new Object();
    private volatile boolean available = true;
    private int failuresLeft;
    private int failureStatus;
    private Duration answerDelay = Duration.ZERO;
    private volatile String adapterBaseUrl;
    private volatile String secret;

    private VccSimulator(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(port), 0);
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "vcc-simulator");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Starts the simulator on {@code port}; 0 picks a free port. */
    public static VccSimulator start(int port) {
        try {
            VccSimulator simulator = new VccSimulator(port);
            simulator.server.start();
            return simulator;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the VCC simulator on port " + port, e);
        }
    }

    /**
     * Standalone: {@code VccSimulator [port]}, else {@value #PORT_ENV}, else {@value #DEFAULT_STANDALONE_PORT}. With
     * {@value #ADAPTER_URL_ENV} and {@value #SECRET_ENV} set, {@code POST /simulator/staff-replies} signs a staff
     * reply and sends it to the adapter.
     */
    public static void main(String[] args) throws InterruptedException {
        String env = System.getenv(PORT_ENV);
        int port = args.length > 0
                ? Integer.parseInt(args[0])
                : env != null && !env.isBlank() ? Integer.parseInt(env.trim()) : DEFAULT_STANDALONE_PORT;
        VccSimulator simulator = start(port);
        String adapter = System.getenv(ADAPTER_URL_ENV);
        String sharedSecret = System.getenv(SECRET_ENV);
        if (adapter != null && !adapter.isBlank() && sharedSecret != null && !sharedSecret.isBlank()) {
            simulator.connectAdapter(adapter.trim(), sharedSecret);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::stop, "vcc-simulator-stop"));
        System.out.println("VCC simulator ready at " + simulator.baseUrl());
        Thread.currentThread().join();
    }

    /** {@code http://localhost:<port>}: the adapter's VCC base URL. */
    public String baseUrl() {
        return "http://localhost:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Tickets opened so far, oldest first: the request body plus {@code ticketId}, {@code storedAt}. */
    public synchronized List<JsonNode> tickets() {
        return copies(ticketsByReference.values());
    }

    /** Rejection notices so far: {@code messageId}, {@code reason}, {@code explanation}, {@code receivedAt}. */
    public synchronized List<JsonNode> rejections() {
        return copies(rejectionsByMessageId.values());
    }

    /** Staff replies sent with {@link #sendStaffReply}: the reply plus {@code answerStatus} and {@code messageId}. */
    public synchronized List<JsonNode> staffReplies() {
        return copies(staffReplies);
    }

    /** POST requests to the tickets endpoint so far, whatever they were answered: every delivery attempt. */
    public int ticketRequests() {
        return ticketRequests.get();
    }

    /** While unavailable, every request to the API is answered 503, as by the VCC in maintenance. */
    public void setAvailable(boolean available) {
        this.available = available;
    }

    /** The next {@code count} POST requests to the API are answered with {@code status} and change nothing. */
    public synchronized void failNext(int count, int status) {
        if (count < 0 || status < 400 || status > 599) {
            throw new IllegalArgumentException("failNext(" + count + ", " + status + ")");
        }
        failuresLeft = count;
        failureStatus = status;
    }

    /**
     * From now on, a ticket request is stored first and answered only after {@code delay}: the window in which the
     * VCC has the ticket but the adapter does not know it yet (a crash then must not make a second ticket).
     * {@link Duration#ZERO} answers at once again, including the answers waiting now.
     */
    public void delayAnswersAfterStoring(Duration delay) {
        synchronized (answerDelayLock) {
            answerDelay = delay == null || delay.isNegative() ? Duration.ZERO : delay;
            answerDelayLock.notifyAll();
        }
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
            JsonNode answer = parseOrNull(response.body());
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
            failuresLeft = 0;
            available = true;
        }
        delayAnswersAfterStoring(Duration.ZERO);
    }

    public void stop() {
        delayAnswersAfterStoring(Duration.ZERO);
        server.stop(0);
        executor.shutdownNow();
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

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if ("/".equals(path)) {
                if (allow(exchange, "GET")) {
                    send(exchange, 200, "text/html; charset=utf-8", page());
                }
                return;
            }
            if (SIMULATOR_REPLIES_PATH.equals(path)) {
                if (allow(exchange, "POST")) {
                    forwardStaffReply(exchange);
                }
                return;
            }
            boolean api = path.startsWith("/api/");
            if (api && "POST".equals(method) && TICKETS_PATH.equals(path)) {
                ticketRequests.incrementAndGet();
            }
            if (api && !available) {
                exchange.getResponseHeaders().set("Retry-After", "1");
                problem(exchange, 503, "VCC nicht verfügbar", "The simulator is switched to unavailable.");
                return;
            }
            if (api && "POST".equals(method) && takePlannedFailure(exchange)) {
                return;
            }
            Matcher rejection = REJECTION_PATH.matcher(path);
            if (TICKETS_PATH.equals(path)) {
                if ("GET".equals(method)) {
                    sendJson(exchange, 200, array(tickets()));
                } else if (allow(exchange, "GET, POST")) {
                    openTicket(exchange);
                }
            } else if (rejection.matches()) {
                if (allow(exchange, "POST")) {
                    reject(exchange, rejection.group(1).toLowerCase());
                }
            } else {
                problem(exchange, 404, "Not Found", "No resource at " + path);
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

    private void openTicket(HttpExchange exchange) throws IOException {
        ObjectNode request = readObject(exchange, TICKET_REQUIRED);
        if (request == null) {
            return;
        }
        String reference = request.get("externalReference").asText();
        try {
            reference = UUID.fromString(reference).toString();
        } catch (IllegalArgumentException e) {
            problem(exchange, 400, "externalReference invalid", "externalReference must be a UUID.");
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
        holdAnswer();
        sendJson(exchange, status, receipt);
    }

    private void holdAnswer() {
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

    private void reject(HttpExchange exchange, String messageId) throws IOException {
        ObjectNode request = readObject(exchange, List.of("reason"));
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
        sendJson(exchange, 200, stored);
    }

    private void forwardStaffReply(HttpExchange exchange) throws IOException {
        if (adapterBaseUrl == null || secret == null) {
            problem(
                    exchange,
                    503,
                    "Kein Adapter verbunden",
                    "Start the simulator with " + ADAPTER_URL_ENV + " and " + SECRET_ENV + ".");
            return;
        }
        ObjectNode reply = readObject(exchange, List.of());
        if (reply == null) {
            return;
        }
        if (!reply.hasNonNull("sourceId")) {
            reply.put("sourceId", "VCC-" + UUID.randomUUID());
        }
        if (!reply.hasNonNull("sentAt")) {
            reply.put("sentAt", Instant.now().toString());
        }
        Answer answer = sendStaffReply(json.convertValue(reply, Map.class));
        ObjectNode result = json.createObjectNode();
        result.put("adapterStatus", answer.status());
        result.set("adapterAnswer", answer.body());
        sendJson(exchange, 200, result);
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
        JsonNode parsed = parseOrNull(body);
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

    private JsonNode parseOrNull(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return null;
        }
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
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
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

    private String page() {
        List<JsonNode> tickets = tickets();
        List<JsonNode> replies = staffReplies();
        Map<String, JsonNode> rejections = new LinkedHashMap<>();
        rejections().forEach(r -> rejections.put(r.path("messageId").asText(), r));
        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>VCC-Simulator (Service Center)</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2rem;color:#1a1a1a;background:#fff;")
                .append("line-height:1.4}\n")
                .append("table{border-collapse:collapse;margin-bottom:2rem}\n")
                .append("th,td{border:1px solid #6b6b6b;padding:.3rem .5rem;text-align:left;vertical-align:top}\n")
                .append("th{background:#ececec}\ntd.text{white-space:pre-wrap;max-width:40rem}\n")
                .append("</style>\n</head>\n<body>\n<main>\n<h1>VCC-Simulator (Service Center)</h1>\n")
                .append("<p>Diese Seite zeigt die Tickets, die der Postfach-Adapter im simulierten VCC eröffnet hat, ")
                .append("und die Antworten der Service-Center-Mitarbeitenden. Stand: ")
                .append(escape(PAGE_TIME.format(Instant.now())))
                .append(" (zum Aktualisieren die Seite neu laden).</p>\n");

        html.append("<h2 id=\"tickets\">Tickets (").append(tickets.size()).append(")</h2>\n");
        if (tickets.isEmpty()) {
            html.append("<p>Noch keine Tickets eröffnet.</p>\n");
        } else {
            table(
                    html,
                    "tickets",
                    List.of(
                            "Eröffnet",
                            "Ticket-ID",
                            "Externe Referenz",
                            "Dienststelle",
                            "Anliegen",
                            "Kundennummer",
                            "Betreff",
                            "Nachricht"));
            for (JsonNode ticket : tickets) {
                html.append("<tr>")
                        .append(cell(time(ticket.path("storedAt").asText())))
                        .append(cell(ticket.path("ticketId").asText()))
                        .append(cell(ticket.path("externalReference").asText()))
                        .append(cell(ticket.path("officeId").asText()))
                        .append(cell(ticket.path("concern").asText("")))
                        .append(cell(ticket.path("customerNumber").asText("")))
                        .append(cell(ticket.path("subject").asText()))
                        .append("<td class=\"text\">")
                        .append(escape(ticket.path("body").asText()))
                        .append("</td></tr>\n");
            }
            html.append("</tbody>\n</table>\n");
        }

        html.append("<h2 id=\"antworten\">Antworten an Kundinnen und Kunden (")
                .append(replies.size())
                .append(")</h2>\n");
        if (replies.isEmpty()) {
            html.append("<p>Noch keine Antworten gesendet.</p>\n");
        } else {
            table(
                    html,
                    "antworten",
                    List.of("Gesendet", "Quell-ID", "Dienststelle", "Betreff", "Antwort des Adapters", "Status"));
            for (JsonNode reply : replies) {
                JsonNode rejected = rejections.get(reply.path("messageId").asText());
                String status = rejected != null
                        ? "Zurückgewiesen: "
                                + rejected.path("explanation")
                                        .asText(rejected.path("reason").asText())
                        : reply.path("answerStatus").asInt() == 202 ? "Angenommen" : "Abgelehnt";
                html.append("<tr>")
                        .append(cell(time(reply.path("postedAt").asText())))
                        .append(cell(reply.path("sourceId").asText("")))
                        .append(cell(reply.path("officeId").asText("")))
                        .append(cell(reply.path("subject").asText("")))
                        .append(cell("HTTP " + reply.path("answerStatus").asInt()))
                        .append(cell(status))
                        .append("</tr>\n");
            }
            html.append("</tbody>\n</table>\n");
        }
        html.append("</main>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void table(StringBuilder html, String labelledBy, List<String> headings) {
        html.append("<table aria-labelledby=\"").append(labelledBy).append("\">\n<thead><tr>");
        for (String heading : headings) {
            html.append("<th scope=\"col\">").append(escape(heading)).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
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
