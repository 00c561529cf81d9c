package de.jobcenter.postfach.eakte;

import static de.jobcenter.postfach.eakte.Fixtures.bootstrap;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.RouteRef;
import de.jobcenter.postfach.contracts.StaffMessageSent;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.contracts.Uuids;
import de.jobcenter.postfach.testing.EakteSimulator;
import de.jobcenter.postfach.testing.KafkaBrokerResource;
import de.jobcenter.postfach.testing.OidcServerResource;
import de.jobcenter.postfach.testing.Tokens;
import de.jobcenter.postfach.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Staff messages from E-AKTE: published once with a stable id when valid; refused with a problem otherwise. */
@QuarkusTest
@TestProfile(EakteTestProfile.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(EakteSimulatorResource.class)
@QuarkusTestResource(OfficeConfigResource.class)
@QuarkusTestResource(
        value = OidcServerResource.class,
        initArgs = @ResourceArg(name = OidcServerResource.AUDIENCE_ARG, value = Tokens.SERVICE_AUDIENCE))
class EakteInboundTest {
    private static final String PATH = "/api/v1/eakte/messages";

    private static String eakteToken() {
        return Tokens.serviceClient("eakte").roles("eakte-client").sign();
    }

    private static Map<String, Object> reply(String sourceId) {
        Map<String, Object> reply = new HashMap<>();
        reply.put("sourceId", sourceId);
        reply.put("officeId", Fixtures.OFFICE);
        reply.put("conversationId", UUID.randomUUID().toString());
        reply.put("subject", "AW: Nebenkostenabrechnung");
        reply.put("body", "Wir haben Ihre Abrechnung erhalten.");
        reply.put("paymentRelevant", false);
        return reply;
    }

    private static ValidatableResponse post(String token, Object body) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        return request.post(PATH).then();
    }

    @Test
    void staffAnsweringInTheSimulatorReachTheCustomerThroughTheAdapter() {
        EakteSimulator simulator = EakteSimulatorResource.simulator;
        simulator.connectAdapter("http://localhost:" + io.restassured.RestAssured.port, EakteInboundTest::eakteToken);
        Map<String, Object> byTest = reply("EAKTE-" + UUID.randomUUID());
        Map<String, Object> byPerson = reply(null);
        byPerson.remove("sourceId");
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.STAFF_MESSAGES)) {
            EakteSimulator.Answer answer = simulator.sendStaffReply(byTest);
            assertThat(answer.status()).isEqualTo(202);
            assertThat(answer.messageId())
                    .isEqualTo(Uuids.staffMessageId(Channel.EAKTE, (String) byTest.get("sourceId"))
                            .toString());

            // what the simulator's page offers a person: the same reply posted to the simulator itself
            String viaSimulator = given().baseUri(simulator.baseUrl())
                    .contentType(ContentType.JSON)
                    .body(byPerson)
                    .post(EakteSimulator.SIMULATOR_REPLIES_PATH)
                    .then()
                    .statusCode(200)
                    .body("adapterStatus", equalTo(202))
                    .extract()
                    .path("adapterAnswer.messageId");

            probe.await(
                    r -> TopicProbe.valueContains(r, answer.messageId()) || TopicProbe.valueContains(r, viaSimulator),
                    2,
                    Duration.ofSeconds(30));
        }
        assertThat(simulator.staffReplies())
                .extracting(r -> r.path("answerStatus").asInt())
                .contains(202, 202);
    }

    @Test
    void aStaffReplyIsPublishedOnceWithAStableMessageIdAndItsRepeatKeepsTheId() {
        String sourceId = "EAKTE-" + UUID.randomUUID();
        Map<String, Object> reply = reply(sourceId);
        reply.put("paymentRelevant", true);
        UUID expectedId = Uuids.staffMessageId(Channel.EAKTE, sourceId);
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.STAFF_MESSAGES, Topics.ARCHIVE_REQUESTS)) {
            for (int i = 0; i < 2; i++) {
                post(eakteToken(), reply).statusCode(202).body("messageId", equalTo(expectedId.toString()));
            }
            var records = probe.await(
                    r -> r.topic().equals(Topics.STAFF_MESSAGES) && TopicProbe.valueContains(r, expectedId.toString()),
                    2,
                    Duration.ofSeconds(30));
            StaffMessageSent sent = EventJson.read(records.get(0).value(), StaffMessageSent.class);
            assertThat(sent.conversationId().toString()).isEqualTo(reply.get("conversationId"));
            assertThat(sent.route()).isEqualTo(RouteRef.eakte(Fixtures.OFFICE));
            assertThat(sent.concern()).isEqualTo("OTHER");
            assertThat(sent.paymentRelevant()).isTrue();
            assertThat(records.get(0).key()).isEqualTo(reply.get("conversationId"));
            assertThat(EventJson.read(records.get(1).value(), StaffMessageSent.class)
                            .messageId())
                    .isEqualTo(sent.messageId());
            // E-AKTE keeps its own documents: no archive request for what came from there
            assertThat(probe.drain(Duration.ofSeconds(1)))
                    .noneMatch(r -> r.topic().equals(Topics.ARCHIVE_REQUESTS)
                            && TopicProbe.valueContains(r, expectedId.toString()));
        }
    }

    @Test
    void everyRefusedCallIsAnsweredWithAProblemAndPublishesNothing() {
        List<String> sourceIds = new ArrayList<>();
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.STAFF_MESSAGES, Topics.ARCHIVE_REQUESTS)) {
            // no token, a token of another issuer key, an expired token, a client without the role
            String id = "R-" + UUID.randomUUID();
            sourceIds.add(id);
            post(null, reply(id)).statusCode(401).contentType("application/problem+json");
            post(
                            Tokens.serviceClient("eakte")
                                    .roles("eakte-client")
                                    .signedWithForeignKey()
                                    .sign(),
                            reply(id))
                    .statusCode(401);
            post(Tokens.serviceClient("eakte").roles("eakte-client").expired().sign(), reply(id))
                    .statusCode(401);
            post(Tokens.serviceClient("vcc").roles("vcc-client").sign(), reply(id))
                    .statusCode(403)
                    .contentType("application/problem+json");

            // offices the replica does not know, or that are not live
            for (String office :
                    List.of("JC-UNBEKANNT", OfficeConfigResource.NOT_YET_LIVE, OfficeConfigResource.SUSPENDED)) {
                String officeSource = "R-" + UUID.randomUUID();
                sourceIds.add(officeSource);
                Map<String, Object> body = reply(officeSource);
                body.put("officeId", office);
                post(eakteToken(), body)
                        .statusCode(400)
                        .contentType("application/problem+json")
                        .body("type", equalTo("urn:postfach:problem:validation"))
                        .body("errors.field", hasItem("officeId"));
            }

            // invalid fields: all reported at once
            String invalid = "R-" + UUID.randomUUID();
            sourceIds.add(invalid);
            Map<String, Object> bad = reply(invalid);
            bad.put("subject", "a\r\nBcc: x@y.de");
            bad.put("body", "");
            bad.remove("conversationId");
            post(eakteToken(), bad).statusCode(400).body("errors.field", hasItems("subject", "body", "customerNumber"));

            // HTML instead of plain text; a body over the limit (refused, never truncated)
            String html = "R-" + UUID.randomUUID();
            sourceIds.add(html);
            Map<String, Object> htmlBody = reply(html);
            htmlBody.put("body", "<html><body><p>Ihr Antrag ist <b>bewilligt</b>.</p></body></html>");
            post(eakteToken(), htmlBody)
                    .statusCode(400)
                    .body("errors[0].field", equalTo("body"))
                    .body("errors[0].message", startsWith("Die Nachricht enthält HTML."));
            String tooLong = "R-" + UUID.randomUUID();
            sourceIds.add(tooLong);
            Map<String, Object> longBody = reply(tooLong);
            longBody.put("body", "x".repeat(10_001));
            post(eakteToken(), longBody).statusCode(400).body("errors[0].field", equalTo("body"));

            // attachments, an unknown field, broken JSON, an oversized request
            String attached = "R-" + UUID.randomUUID();
            sourceIds.add(attached);
            Map<String, Object> withAttachment = reply(attached);
            withAttachment.put("attachments", List.of(Map.of("name", "bescheid.pdf", "content", "JVBERi0=")));
            post(eakteToken(), withAttachment)
                    .statusCode(400)
                    .body("errors[0].field", equalTo("attachments"))
                    .body("errors[0].message", startsWith("Anhänge werden noch nicht unterstützt."));
            String unknown = "R-" + UUID.randomUUID();
            sourceIds.add(unknown);
            Map<String, Object> withUnknown = reply(unknown);
            withUnknown.put("bcc", "x@y.de");
            post(eakteToken(), withUnknown).statusCode(400).body("errors[0].field", equalTo("bcc"));
            post(eakteToken(), "{\"sourceId\": \"R-").statusCode(400).contentType("application/problem+json");
            String oversized = "R-" + UUID.randomUUID();
            sourceIds.add(oversized);
            Map<String, Object> huge = reply(oversized);
            huge.put("body", "x".repeat(70_000));
            post(eakteToken(), huge)
                    .statusCode(413)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:postfach:problem:payload-too-large"));

            var published = probe.drain(Duration.ofSeconds(2));
            for (String sourceId : sourceIds) {
                String wouldBe = Uuids.staffMessageId(Channel.EAKTE, sourceId).toString();
                assertThat(published).noneMatch(r -> TopicProbe.valueContains(r, wouldBe));
            }
        }
    }
}
