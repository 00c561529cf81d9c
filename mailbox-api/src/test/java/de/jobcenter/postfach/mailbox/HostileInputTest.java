package de.jobcenter.postfach.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import de.jobcenter.postfach.mailbox.idempotency.IdempotentWrites;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * S4: hostile inputs — invalid JSON and UTF-8, wrong types, unknown fields, nesting, control characters, header
 * injection, script/HTML and SQL where they are not text, overlong fields, odd content types, query parameters and
 * ids — each answered with a clear 4xx problem document that quotes none of it, nothing stored, never a 500.
 *
 * <p>Script, HTML and SQL in a subject or body are legitimate plain text (a customer may write "<" or "DROP"): they
 * are stored and returned verbatim, never interpreted; {@link #hostileButLegalTextIsStoredVerbatim()} shows it.
 */
@QuarkusTest
class HostileInputTest extends MailboxApiTest {
    private static final String JSON = "application/json";
    private static final String SCRIPT = "<script>alert(document.cookie)</script>";
    private static final String SQL = "'; DROP TABLE mailbox_message; --";

    /** One hostile request: where it goes, its content type, raw body and extra headers. */
    record Hostile(
            String name, String method, String path, String contentType, byte[] body, Map<String, String> headers) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** The staff message the reply cases answer; set up once. */
    private static String replyCustomer;

    private static UUID replyTarget;

    static Stream<Hostile> cases() {
        List<Hostile> cases = new ArrayList<>();
        rawBodies(cases, "POST /messages", "POST", "/api/v1/messages");
        fieldValues(cases);
        rawBodies(cases, "POST replies", "POST", "/api/v1/messages/{staff}/replies");
        replyFields(cases);
        notificationBodies(cases);
        contentTypes(cases);
        headers(cases);
        queriesAndIds(cases);
        return cases.stream();
    }

    @Test
    void thereAreAtLeastTwoHundredHostileInputs() {
        assertThat(cases().count()).isGreaterThanOrEqualTo(200);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void aHostileInputIsAClearClientErrorAndNothingIsStored(Hostile hostile) {
        boolean reply = hostile.path().contains("{staff}");
        String customer = reply ? replyTarget() : newCustomer();
        long before = reply ? count("select count(*) from mailbox_message where customer_id = ?", customer) : 0;

        RequestSpecification request = RestAssured.given()
                .config(RestAssuredConfig.config()
                        .encoderConfig(EncoderConfig.encoderConfig()
                                .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .urlEncodingEnabled(false) // the cases carry their own, deliberate encoding
                .auth()
                .oauth2(token(customer))
                .headers(hostile.headers());
        if (hostile.contentType() != null) {
            request.contentType(hostile.contentType());
        }
        if (hostile.body() != null && String.valueOf(hostile.contentType()).startsWith("application/x-www-form")) {
            request.body(new String(hostile.body(), StandardCharsets.UTF_8)); // REST Assured encodes forms itself
        } else if (hostile.body() != null) {
            request.body(hostile.body());
        }
        String path = hostile.path().replace("{staff}", String.valueOf(replyTarget));
        Response response = request.request(hostile.method(), path);

        assertThat(response.statusCode()).as(hostile.name()).isBetween(400, 499);
        assertThat(response.contentType()).as(hostile.name()).startsWith("application/problem+json");
        String problem = response.asString();
        assertThat(response.jsonPath().getString("type")).startsWith("urn:postfach:problem:");
        assertThat(response.jsonPath().getString("title")).isNotBlank();
        assertThat(problem)
                .as("the problem quotes no input")
                .doesNotContain("<script")
                .doesNotContain("DROP TABLE")
                .doesNotContain("evil.example")
                .doesNotContainIgnoringCase("exception")
                .doesNotContain("at de.jobcenter");
        if (reply) {
            assertThat(count("select count(*) from mailbox_message where customer_id = ?", customer))
                    .isEqualTo(before);
            assertThat(count("select count(*) from idempotency_key where customer_id = ?", customer))
                    .isZero();
        } else {
            assertThat(storedFor(customer)).as(hostile.name()).isZero();
        }
    }

    @Test
    void hostileButLegalTextIsStoredVerbatim() {
        String customer = newCustomer();
        for (String text :
                List.of(SCRIPT, SQL, "<img src=x onerror=alert(1)>", "{{7*7}} ${7*7} #{7*7}", "\" OR 1=1 --")) {
            String id = write(customer, OFFICE, "OTHER", text, text + "\n" + text);
            as(customer)
                    .get("/api/v1/messages/" + id)
                    .then()
                    .statusCode(200)
                    .contentType("application/json")
                    .body("subject", equalTo(text))
                    .body("body", equalTo(text + "\n" + text));
        }
        assertThat(count("select count(*) from mailbox_message where customer_id = ?", customer))
                .isEqualTo(5);
    }

    private String replyTarget() {
        synchronized (HostileInputTest.class) {
            if (replyTarget == null) {
                String customer = newCustomer();
                String first = write(customer, "Frage");
                replyTarget = staffAnswer(customer, first, "Antwort");
                replyCustomer = customer;
            }
            return replyCustomer;
        }
    }

    // ---- the cases ------------------------------------------------------------------------------------------

    private static void rawBodies(List<Hostile> cases, String what, String method, String path) {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("empty body", new byte[0]);
        bodies.put("JSON null", utf8("null"));
        bodies.put("JSON true", utf8("true"));
        bodies.put("a number", utf8("42"));
        bodies.put("a string", utf8("\"Hallo\""));
        bodies.put("an array instead of an object", utf8("[]"));
        bodies.put("an array of objects", utf8("[{\"body\":\"x\"}]"));
        bodies.put("unterminated object", utf8("{\"body\":\"x\""));
        bodies.put("only a closing brace", utf8("}"));
        bodies.put("single quotes", utf8("{'body':'x'}"));
        bodies.put("unquoted keys", utf8("{body:\"x\"}"));
        bodies.put("trailing comma", utf8("{\"body\":\"x\",}"));
        bodies.put("a comment", utf8("/* c */{\"body\":\"x\"}"));
        bodies.put("trailing garbage", utf8("{\"body\":\"x\"} garbage"));
        bodies.put("two objects", utf8("{\"body\":\"x\"}{\"body\":\"y\"}"));
        bodies.put("duplicate field", utf8("{\"body\":\"x\",\"body\":\"y\",\"subject\":\"s\"}"));
        bodies.put("NaN", utf8("{\"body\":NaN}"));
        bodies.put("deep array nesting", utf8("[".repeat(5000) + "]".repeat(5000)));
        bodies.put(
                "deep object nesting in a field",
                utf8("{\"body\":" + "{\"a\":".repeat(3000) + "1" + "}".repeat(3000) + "}"));
        bodies.put("invalid UTF-8 byte", bytes("{\"body\":\"", new byte[] {(byte) 0xC3, 0x28}, "\"}"));
        bodies.put("overlong UTF-8", bytes("{\"body\":\"", new byte[] {(byte) 0xC0, (byte) 0xAF}, "\"}"));
        bodies.put("lone continuation byte", bytes("{\"body\":\"", new byte[] {(byte) 0x80}, "\"}"));
        bodies.put("0xFF bytes", bytes("{\"body\":\"", new byte[] {(byte) 0xFF, (byte) 0xFE}, "\"}"));
        bodies.put(
                "UTF-8 encoded surrogate",
                bytes("{\"body\":\"", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "\"}"));
        bodies.put("truncated multibyte character", bytes("{\"body\":\"", new byte[] {(byte) 0xE2, (byte) 0x82}, ""));
        bodies.put("raw NUL byte", bytes("{\"body\":\"a", new byte[] {0}, "b\"}"));
        bodies.put("raw line break inside a string", utf8("{\"body\":\"a\nb\",\"subject\":\"x\ny\"}"));
        bodies.put("invalid escape", utf8("{\"body\":\"\\x41\"}"));
        bodies.put("incomplete unicode escape", utf8("{\"body\":\"\\u12\"}"));
        bodies.put("form encoding sent as JSON", utf8("body=Hallo&subject=Test"));
        bodies.put("XML sent as JSON", utf8("<message><body>Hallo</body></message>"));
        bodies.put("a 1001-digit number", utf8("{\"body\":" + "9".repeat(1001) + "}"));
        bodies.put("a huge exponent", utf8("{\"body\":1e999999999}"));
        bodies.put("a 20000-character field name", utf8("{\"" + "k".repeat(20_000) + "\":1}"));
        bodies.put("NoSQL operator", utf8("{\"body\":{\"$ne\":null}}"));
        bodies.put("prototype pollution", utf8("{\"__proto__\":{\"admin\":true},\"body\":\"x\"}"));
        bodies.forEach((name, body) -> cases.add(new Hostile(what + ": " + name, method, path, JSON, body, Map.of())));
    }

    private static void fieldValues(List<Hostile> cases) {
        Map<String, Object> hostileTexts = new LinkedHashMap<>();
        hostileTexts.put("NUL", "a\u0000b");
        hostileTexts.put("BEL", "a\u0007b");
        hostileTexts.put("ANSI escape", "\u001b[31mrot\u001b[0m");
        hostileTexts.put("DEL", "a\u007fb");
        hostileTexts.put("NEL", "a\u0085b");
        hostileTexts.put("line separator", "a\u2028b");
        hostileTexts.put("paragraph separator", "a\u2029b");
        hostileTexts.put("byte order mark inside", "a\ufeffb");
        hostileTexts.put("right-to-left override", "Rechnung\u202egpj.exe");
        hostileTexts.put("bidi isolate", "a\u2066b\u2069");
        hostileTexts.put("lone high surrogate", "a\ud800b");
        hostileTexts.put("lone low surrogate", "a\udfffb");
        hostileTexts.put("empty", "");
        hostileTexts.put("blank", "   \t  ");
        hostileTexts.put("a number", 123);
        hostileTexts.put("a huge number", new BigDecimal("1e400"));
        hostileTexts.put("a boolean", true);
        hostileTexts.put("an object", Map.of("text", "x"));
        hostileTexts.put("an array", List.of("x"));
        hostileTexts.put("null", null);
        for (String field : List.of("subject", "body")) {
            hostileTexts.forEach((name, value) -> cases.add(write(field + " " + name, field, value)));
        }
        cases.add(write("subject with a line break", "subject", "Frage\nzweite Zeile"));
        cases.add(write("subject with a tab", "subject", "Frage\tTab"));
        cases.add(write("subject with CRLF header injection", "subject", "Frage\r\nBcc: opfer@evil.example"));
        cases.add(write("subject with LF header injection", "subject", "Frage\nTo: opfer@evil.example"));
        cases.add(write("subject of 201 characters", "subject", "s".repeat(201)));
        cases.add(write("subject of 201 emoji", "subject", "😀".repeat(201)));
        cases.add(write("subject of 60000 characters", "subject", "s".repeat(60_000)));
        cases.add(write("body of 10001 characters", "body", "b".repeat(10_001)));
        cases.add(write("body of 10001 umlauts", "body", "ä".repeat(10_001)));
        cases.add(write("body with CR-only control mix", "body", "a\u000bb\u000cc"));
        Map<String, Object> badIds = new LinkedHashMap<>();
        badIds.put("SQL", "JC' OR '1'='1");
        badIds.put("SQL drop", SQL);
        badIds.put("script", SCRIPT);
        badIds.put("path traversal", "../../etc/passwd");
        badIds.put("space", "JC BERLIN");
        badIds.put("65 characters", "J".repeat(65));
        badIds.put("umlaut", "JC-KÖLN");
        badIds.put("NUL", "JC\u0000");
        badIds.put("line break", "JC\nBERLIN");
        badIds.put("a number", 7);
        badIds.put("an object", Map.of("$gt", ""));
        badIds.put("empty", "");
        for (String field : List.of("officeId", "concern")) {
            badIds.forEach((name, value) -> cases.add(write(field + " " + name, field, value)));
        }
        cases.add(write("concern in lower case", "concern", "other"));
        cases.add(write("concern with markup", "concern", "<b>OTHER</b>"));
        Map<String, Object> unknown = new LinkedHashMap<>();
        unknown.put("admin", true);
        unknown.put("customerId", "someone-else");
        unknown.put("status", "DELIVERED");
        unknown.put("messageId", UUID.randomUUID().toString());
        unknown.put("paymentRelevant", true);
        unknown.put("replyRoute", Map.of("channel", "OUTLOOK", "officeId", OFFICE, "outlookMailbox", "x@evil.example"));
        unknown.forEach((name, value) -> {
            Map<String, Object> body = valid();
            body.put(name, value);
            cases.add(new Hostile(
                    "POST /messages: unknown field " + name, "POST", "/api/v1/messages", JSON, json(body), Map.of()));
        });
    }

    private static void replyFields(List<Hostile> cases) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("body NUL", Map.of("body", "a\u0000b"));
        values.put("body empty", Map.of("body", ""));
        values.put("body of 10001 characters", Map.of("body", "b".repeat(10_001)));
        values.put("body a number", Map.of("body", 5));
        values.put("body an object", Map.of("body", Map.of("a", 1)));
        values.put("subject with CRLF injection", Map.of("body", "x", "subject", "AW\r\nBcc: opfer@evil.example"));
        values.put("subject of 201 characters", Map.of("body", "x", "subject", "s".repeat(201)));
        values.put("subject a boolean", Map.of("body", "x", "subject", false));
        values.put("subject blank", Map.of("body", "x", "subject", "  "));
        values.put(
                "unknown field inReplyTo",
                Map.of("body", "x", "inReplyTo", UUID.randomUUID().toString()));
        values.put("unknown field officeId", Map.of("body", "x", "officeId", "JC-KOELN"));
        values.put("unknown field replyRoute", Map.of("body", "x", "replyRoute", Map.of("channel", "EAKTE")));
        values.forEach((name, body) -> cases.add(new Hostile(
                "POST replies: " + name, "POST", "/api/v1/messages/{staff}/replies", JSON, json(body), Map.of())));
    }

    private static void notificationBodies(List<Hostile> cases) {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("empty body", "");
        bodies.put("empty object", "{}");
        bodies.put("enabled null", "{\"enabled\":null}");
        bodies.put("enabled as text", "{\"enabled\":\"true\"}");
        bodies.put("enabled as number", "{\"enabled\":1}");
        bodies.put("enabled as object", "{\"enabled\":{}}");
        bodies.put("an array", "[true]");
        bodies.put("unknown field email", "{\"enabled\":false,\"email\":\"opfer@evil.example\"}");
        bodies.put("unknown field customerId", "{\"enabled\":false,\"customerId\":\"x\"}");
        bodies.put("invalid JSON", "{\"enabled\":");
        bodies.forEach((name, body) -> cases.add(new Hostile(
                "PUT /me/notifications: " + name, "PUT", "/api/v1/me/notifications", JSON, utf8(body), Map.of())));
    }

    private static void contentTypes(List<Hostile> cases) {
        byte[] valid = json(valid());
        for (String type : List.of(
                "text/plain",
                "text/html",
                "application/xml",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "application/octet-stream",
                "application/json-patch+json",
                "image/png")) {
            cases.add(new Hostile("POST /messages as " + type, "POST", "/api/v1/messages", type, valid, Map.of()));
        }
        cases.add(
                new Hostile("POST /messages without content type", "POST", "/api/v1/messages", null, valid, Map.of()));
        cases.add(new Hostile(
                "POST /messages as UTF-16 with UTF-8 bytes",
                "POST",
                "/api/v1/messages",
                "application/json; charset=UTF-16",
                bytes("", new byte[] {(byte) 0xC3, 0x28}, ""),
                Map.of()));
        cases.add(new Hostile(
                "PUT /me/notifications as text/plain",
                "PUT",
                "/api/v1/me/notifications",
                "text/plain",
                utf8("{\"enabled\":false}"),
                Map.of()));
        cases.add(new Hostile(
                "POST /messages asking for HTML",
                "POST",
                "/api/v1/messages",
                JSON,
                valid,
                Map.of("Accept", "text/html")));
        cases.add(new Hostile(
                "GET /messages asking for XML",
                "GET",
                "/api/v1/messages",
                null,
                null,
                Map.of("Accept", "application/xml")));
    }

    private static void headers(List<Hostile> cases) {
        byte[] valid = json(valid());
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("empty", "");
        keys.put("256 characters", "k".repeat(256));
        keys.put("spaces", "mein schlüssel");
        keys.put("script", SCRIPT);
        keys.put("SQL", SQL);
        keys.put("tab", "a\tb");
        for (Map.Entry<String, String> key : keys.entrySet()) {
            cases.add(new Hostile(
                    "Idempotency-Key " + key.getKey(),
                    "POST",
                    "/api/v1/messages",
                    JSON,
                    valid,
                    Map.of(IdempotentWrites.HEADER, key.getValue())));
        }
    }

    private static void queriesAndIds(List<Hostile> cases) {
        for (String query : List.of(
                "folder=" + encode(SCRIPT),
                "folder=" + encode(SQL),
                "folder=INBOX",
                "page=" + encode("1 OR 1=1"),
                "page=-5",
                "page=0x10",
                "size=" + encode("10; DROP TABLE x"),
                "size=1000000",
                "size=%00",
                "page=1.5")) {
            cases.add(new Hostile("GET /messages?" + query, "GET", "/api/v1/messages?" + query, null, null, Map.of()));
        }
        for (String q : List.of("%00", "a%0Ab", "%1B%5B31m", "x".repeat(101))) {
            cases.add(new Hostile("GET /offices?q=" + q, "GET", "/api/v1/offices?q=" + q, null, null, Map.of()));
        }
        for (String id : List.of(
                encode("' OR 1=1 --"), encode(SCRIPT), "..%2F..%2Fetc%2Fpasswd", "%00", "x".repeat(1000), "1e3")) {
            cases.add(new Hostile("GET /messages/" + id, "GET", "/api/v1/messages/" + id, null, null, Map.of()));
            cases.add(new Hostile("DELETE /messages/" + id, "DELETE", "/api/v1/messages/" + id, null, null, Map.of()));
            cases.add(new Hostile(
                    "GET /conversations/" + id, "GET", "/api/v1/conversations/" + id, null, null, Map.of()));
            cases.add(new Hostile(
                    "POST /messages/" + id + "/replies",
                    "POST",
                    "/api/v1/messages/" + id + "/replies",
                    JSON,
                    utf8("{\"body\":\"x\"}"),
                    Map.of()));
        }
        String id = UUID.randomUUID().toString();
        cases.add(new Hostile("PATCH /messages/{id}", "PATCH", "/api/v1/messages/" + id, JSON, utf8("{}"), Map.of()));
        cases.add(new Hostile("PUT /messages", "PUT", "/api/v1/messages", JSON, json(valid()), Map.of()));
        cases.add(new Hostile("DELETE /messages", "DELETE", "/api/v1/messages", null, null, Map.of()));
        cases.add(new Hostile("GET an unknown path", "GET", "/api/v1/admin/messages", null, null, Map.of()));
        cases.add(new Hostile("GET an unknown version", "GET", "/api/v2/messages", null, null, Map.of()));
        for (String office : List.of(encode("' OR 1=1 --"), encode(SCRIPT), "%00", "x".repeat(300))) {
            cases.add(new Hostile(
                    "GET /offices/" + office + "/concerns",
                    "GET",
                    "/api/v1/offices/" + office + "/concerns",
                    null,
                    null,
                    Map.of()));
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static Map<String, Object> valid() {
        return message(OFFICE, "OTHER", "Frage", "Text");
    }

    private static Hostile write(String name, String field, Object value) {
        Map<String, Object> body = valid();
        body.put(field, value);
        return new Hostile("POST /messages: " + name, "POST", "/api/v1/messages", JSON, json(body), Map.of());
    }

    /** JSON with every non-ASCII character escaped, so lone surrogates can be sent as {@code \\ud800}. */
    private static byte[] json(Object value) {
        try {
            return JsonMapper.builder()
                    .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
                    .build()
                    .writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String before, byte[] middle, String after) {
        byte[] a = utf8(before);
        byte[] c = utf8(after);
        byte[] all = new byte[a.length + middle.length + c.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(middle, 0, all, a.length, middle.length);
        System.arraycopy(c, 0, all, a.length + middle.length, c.length);
        return all;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
