package de.jobcenter.postfach.mailbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * S1: every endpoint that takes the id of a customer's message or conversation, called by another customer,
 * answers 404 exactly as for a missing id, and changes nothing. The endpoints are enumerated from the OpenAPI
 * document, so a new one cannot be left out.
 */
@QuarkusTest
class ObjectLevelAccessTest extends MailboxApiTest {

    /** How each endpoint with an {@code {id}} is called, with the owner's message or conversation id. */
    private static final Map<String, Function<Ids, io.restassured.response.Response>> CALLS = Map.of(
            "GET /api/v1/messages/{id}", ids -> ids.other().get("/api/v1/messages/" + ids.inbox()),
            "DELETE /api/v1/messages/{id}", ids -> ids.other().delete("/api/v1/messages/" + ids.inbox()),
            "POST /api/v1/messages/{id}/replies",
                    ids -> ids.other()
                            .contentType(ContentType.JSON)
                            .body(Map.of("body", "Fremde Antwort"))
                            .post("/api/v1/messages/" + ids.inbox() + "/replies"),
            "GET /api/v1/conversations/{id}", ids -> ids.other().get("/api/v1/conversations/" + ids.conversation()));

    private record Ids(String otherCustomer, UUID inbox, String sent, String conversation) {
        RequestSpecification other() {
            return as(otherCustomer);
        }
    }

    @Test
    void theTestCoversEveryEndpointThatTakesAnId() {
        JsonPath openApi = given().accept(ContentType.JSON).get("/q/openapi").jsonPath();
        Map<String, Map<String, Object>> paths = openApi.getMap("paths");
        Set<String> withId = new TreeSet<>();
        paths.forEach((path, operations) -> {
            if (path.contains("{id}")) {
                operations.keySet().forEach(method -> withId.add(method.toUpperCase() + " " + path));
            }
        });
        assertThat(withId).isEqualTo(new TreeSet<>(CALLS.keySet()));
    }

    @Test
    void anotherCustomerGetsNotFoundEverywhereAndChangesNothing() {
        String owner = newCustomer();
        String sent = write(owner, "Meine Frage");
        String conversation = conversationOf(owner, sent);
        UUID inbox = staffAnswer(owner, sent, "Antwort an die Eigentümerin");
        long outboxBefore = count("select count(*) from outbox_event where event_key = ?", conversation);
        Ids ids = new Ids(newCustomer(), inbox, sent, conversation);

        CALLS.forEach((endpoint, call) -> call.apply(ids)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:postfach:problem:not-found"))
                .body("title", equalTo("Nicht gefunden.")));
        // the sent message and a missing id answer the same
        ids.other().get("/api/v1/messages/" + sent).then().statusCode(404);
        String missing =
                ids.other().get("/api/v1/messages/" + UUID.randomUUID()).asString();
        String foreign = ids.other().get("/api/v1/messages/" + inbox).asString();
        assertThat(foreign).isEqualTo(missing);

        assertThat(count(
                        "select count(*) from mailbox_message where message_id = ? and read_at is null and deleted_at is null",
                        inbox))
                .as("still unread and not deleted")
                .isEqualTo(1);
        assertThat(count("select count(*) from mailbox_message where conversation_id = ?::uuid", conversation))
                .as("no reply stored")
                .isEqualTo(2);
        assertThat(count("select count(*) from mailbox_message where customer_id = ?", ids.otherCustomer()))
                .isZero();
        assertThat(count("select count(*) from outbox_event where event_key = ?", conversation))
                .as("nothing published for the conversation")
                .isEqualTo(outboxBefore);
        assertThat(storedFor(ids.otherCustomer())).isZero();
        as(owner).get("/api/v1/messages/unread-count").then().body("unread", equalTo(1));
    }
}
