package de.jobcenter.postfach.mailbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import de.jobcenter.postfach.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * S2: every endpoint refuses every kind of unusable token with 401, and a valid token below „Pin-Brief-bestätigt“
 * with 403 and its own problem type; no such call records anything.
 */
@QuarkusTest
class TokenTest extends MailboxApiTest {
    private static final String SUBJECT = "token-test-" + UUID.randomUUID();

    /** Every endpoint of the API, called as it would be with a good token. */
    private static final Map<String, Function<RequestSpecification, io.restassured.response.Response>> ENDPOINTS =
            Map.ofEntries(
                    Map.entry("GET /me", r -> r.get("/api/v1/me")),
                    Map.entry(
                            "PUT /me/notifications",
                            r -> r.contentType(ContentType.JSON)
                                    .body("{\"enabled\":false}")
                                    .put("/api/v1/me/notifications")),
                    Map.entry("GET /offices", r -> r.get("/api/v1/offices?q=berlin")),
                    Map.entry("GET /offices/{id}/concerns", r -> r.get("/api/v1/offices/" + OFFICE + "/concerns")),
                    Map.entry(
                            "POST /messages",
                            r -> r.contentType(ContentType.JSON)
                                    .body(message(OFFICE, "OTHER", "Frage", "Text"))
                                    .post("/api/v1/messages")),
                    Map.entry("GET /messages", r -> r.get("/api/v1/messages?folder=sent")),
                    Map.entry("GET /messages/unread-count", r -> r.get("/api/v1/messages/unread-count")),
                    Map.entry("GET /messages/{id}", r -> r.get("/api/v1/messages/" + UUID.randomUUID())),
                    Map.entry(
                            "POST /messages/{id}/replies",
                            r -> r.contentType(ContentType.JSON)
                                    .body("{\"body\":\"Danke\"}")
                                    .post("/api/v1/messages/" + UUID.randomUUID() + "/replies")),
                    Map.entry("DELETE /messages/{id}", r -> r.delete("/api/v1/messages/" + UUID.randomUUID())),
                    Map.entry("GET /conversations/{id}", r -> r.get("/api/v1/conversations/" + UUID.randomUUID())));

    private static Map<String, Supplier<String>> unusableTokens() {
        return Map.ofEntries(
                Map.entry("none", () -> null),
                Map.entry("empty", () -> ""),
                Map.entry("not a JWT", () -> "not.a.jwt"),
                Map.entry("expired", () -> customer(SUBJECT).expired().sign()),
                Map.entry("without exp", () -> customer(SUBJECT).without("exp").sign()),
                Map.entry(
                        "wrong issuer",
                        () -> customer(SUBJECT)
                                .issuer("https://login.example.org/realms/postfach")
                                .sign()),
                Map.entry(
                        "wrong audience",
                        () -> customer(SUBJECT).audience("another-app").sign()),
                Map.entry("alg=none", () -> customer(SUBJECT).unsigned().sign()),
                Map.entry(
                        "HS256 keyed with the public key",
                        () -> customer(SUBJECT)
                                .signedWithPublicKeyAsHmacSecret()
                                .sign()),
                Map.entry(
                        "foreign key",
                        () -> customer(SUBJECT).signedWithForeignKey().sign()),
                Map.entry(
                        "config tool's token",
                        () -> Tokens.staff(SUBJECT).acr(ACR).sign()),
                Map.entry(
                        "another client's service token",
                        () -> Tokens.serviceClient("eakte").acr(ACR).sign()),
                Map.entry("without sub", () -> customer(SUBJECT).without("sub").sign()),
                Map.entry("tampered payload", () -> {
                    String[] parts = customer(SUBJECT).sign().split("\\.");
                    String other = customer("someone-else").sign().split("\\.")[1];
                    return parts[0] + "." + other + "." + parts[2];
                }));
    }

    private static Map<String, Supplier<String>> belowPinLetter() {
        return Map.of(
                "acr basic", () -> Tokens.customer(SUBJECT).acr("basic").sign(),
                "no acr", () -> Tokens.customer(SUBJECT).sign(),
                "acr in other case",
                        () -> Tokens.customer(SUBJECT)
                                .acr("PIN-LETTER-CONFIRMED")
                                .sign(),
                "acr as a list",
                        () -> Tokens.customer(SUBJECT)
                                .claim("acr", List.of("eid"))
                                .sign());
    }

    static Stream<Arguments> unusable() {
        List<Arguments> cases = new ArrayList<>();
        unusableTokens().forEach((kind, token) -> ENDPOINTS.keySet().forEach(e -> cases.add(Arguments.of(kind, e))));
        return cases.stream();
    }

    static Stream<Arguments> lowAssurance() {
        List<Arguments> cases = new ArrayList<>();
        belowPinLetter().forEach((kind, token) -> ENDPOINTS.keySet().forEach(e -> cases.add(Arguments.of(kind, e))));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} on {1} → 401")
    @MethodSource("unusable")
    void anUnusableTokenIsRefusedWith401(String kind, String endpoint) {
        String token = unusableTokens().get(kind).get();
        RequestSpecification request = given().accept(ContentType.JSON);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        ENDPOINTS
                .get(endpoint)
                .apply(request)
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json")
                .body("type", equalTo("urn:postfach:problem:unauthorized"))
                .body("title", equalTo("Anmeldung erforderlich oder ungültig."));
        assertThat(count("select count(*) from customer where customer_id = ?", SUBJECT))
                .isZero();
    }

    @ParameterizedTest(name = "{0} on {1} → 403")
    @MethodSource("lowAssurance")
    void aLevelBelowPinLetterIsRefusedWith403(String kind, String endpoint) {
        RequestSpecification request = given().accept(ContentType.JSON)
                .header("Authorization", "Bearer " + belowPinLetter().get(kind).get());
        ENDPOINTS
                .get(endpoint)
                .apply(request)
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:postfach:problem:insufficient-level-of-assurance"));
        assertThat(storedFor(SUBJECT)).isZero();
        assertThat(count("select count(*) from customer where customer_id = ?", SUBJECT))
                .isZero();
    }
}
