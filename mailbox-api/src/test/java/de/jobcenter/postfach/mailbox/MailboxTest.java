package de.jobcenter.postfach.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Folders with paging, unread count, reading, deleting and the conversation thread. */
@QuarkusTest
class MailboxTest extends MailboxApiTest {

    @Test
    void foldersAreNewestFirstAndPaged() {
        String customer = newCustomer();
        String[] ids = new String[5];
        for (int i = 0; i < 5; i++) {
            ids[i] = write(customer, "Nachricht " + i);
        }
        as(customer)
                .get("/api/v1/messages?folder=sent&page=0&size=2")
                .then()
                .statusCode(200)
                .body("items.messageId", contains(ids[4], ids[3]))
                .body("page", equalTo(0))
                .body("size", equalTo(2))
                .body("total", equalTo(5))
                .body("items[0].officeName", equalTo("Jobcenter Berlin Mitte"))
                .body("items[0].status", equalTo("SUBMITTED"));
        as(customer)
                .get("/api/v1/messages?folder=sent&page=2&size=2")
                .then()
                .statusCode(200)
                .body("items.messageId", contains(ids[0]));
        as(customer)
                .get("/api/v1/messages")
                .then()
                .statusCode(200)
                .body("items", hasSize(0))
                .body("size", equalTo(20));
    }

    @Test
    void invalidPagingIsAFieldErrorNotAServerError() {
        for (String query : new String[] {
            "folder=trash", "page=-1", "page=abc", "size=0", "size=101", "size=1e3", "page=99999999999999999999"
        }) {
            as(newCustomer())
                    .get("/api/v1/messages?" + query)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:postfach:problem:validation"));
        }
    }

    @Test
    void readingAnInboxMessageMarksItReadAndLowersTheUnreadCount() {
        String customer = newCustomer();
        String first = write(customer, "Frage");
        UUID a = staffAnswer(customer, first, "Antwort 1");
        UUID b = staffAnswer(customer, first, "Antwort 2");
        as(customer).get("/api/v1/messages/unread-count").then().statusCode(200).body("unread", equalTo(2));
        as(customer)
                .get("/api/v1/messages?folder=inbox")
                .then()
                .body("items.read", contains(false, false))
                .body("items.status", contains((Object) null, null));

        as(customer)
                .get("/api/v1/messages/" + a)
                .then()
                .statusCode(200)
                .body("read", equalTo(true))
                .body("direction", equalTo("RECEIVED"))
                .body("body", equalTo("Ihr Antrag ist in Bearbeitung."));
        as(customer).get("/api/v1/messages/unread-count").then().body("unread", equalTo(1));
        as(customer).get("/api/v1/messages/" + a).then().statusCode(200);
        as(customer).get("/api/v1/messages/unread-count").then().body("unread", equalTo(1));
        assertThat(b).isNotNull();
    }

    @Test
    void theConversationIsTheThreadOldestFirst() {
        String customer = newCustomer();
        String first = write(customer, "Frage");
        String conversation = conversationOf(customer, first);
        UUID answer = staffAnswer(customer, first, "Antwort");
        String reply = as(customer)
                .contentType("application/json")
                .body("{\"body\":\"Danke\"}")
                .post("/api/v1/messages/" + answer + "/replies")
                .then()
                .statusCode(201)
                .extract()
                .path("messageId");
        as(customer)
                .get("/api/v1/conversations/" + conversation)
                .then()
                .statusCode(200)
                .body("conversationId", equalTo(conversation))
                .body("officeId", equalTo(OFFICE))
                .body("officeName", equalTo("Jobcenter Berlin Mitte"))
                .body("concern", equalTo("PROCESSING_STATUS"))
                .body("messages.messageId", contains(first, answer.toString(), reply))
                .body("messages.direction", contains("SENT", "RECEIVED", "SENT"));
    }

    @Test
    void aDeletedMessageIsGoneFromTheCustomersViewEverywhere() {
        String customer = newCustomer();
        String first = write(customer, "Frage");
        String conversation = conversationOf(customer, first);
        UUID answer = staffAnswer(customer, first, "Antwort");

        as(customer).delete("/api/v1/messages/" + answer).then().statusCode(204);

        as(customer).get("/api/v1/messages/" + answer).then().statusCode(404);
        as(customer).delete("/api/v1/messages/" + answer).then().statusCode(404);
        as(customer).get("/api/v1/messages?folder=inbox").then().body("total", equalTo(0));
        as(customer).get("/api/v1/messages/unread-count").then().body("unread", equalTo(0));
        as(customer)
                .get("/api/v1/conversations/" + conversation)
                .then()
                .statusCode(200)
                .body("messages.messageId", not(hasItem(answer.toString())));
        as(customer)
                .contentType("application/json")
                .body("{\"body\":\"Danke\"}")
                .post("/api/v1/messages/" + answer + "/replies")
                .then()
                .statusCode(404);
        assertThat(count(
                        "select count(*) from mailbox_message where message_id = ? and deleted_at is not null", answer))
                .as("kept for the office's side until retention purges it")
                .isEqualTo(1);

        as(customer).delete("/api/v1/messages/" + first).then().statusCode(204);
        as(customer).get("/api/v1/conversations/" + conversation).then().statusCode(404);
    }

    @Test
    void anUnknownOrMalformedIdIsNotFound() {
        String customer = newCustomer();
        for (String id : new String[] {UUID.randomUUID().toString(), "not-a-uuid", "1%20OR%201=1"}) {
            as(customer)
                    .get("/api/v1/messages/" + id)
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:postfach:problem:not-found"));
            as(customer)
                    .get("/api/v1/conversations/" + id)
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json");
        }
    }
}
