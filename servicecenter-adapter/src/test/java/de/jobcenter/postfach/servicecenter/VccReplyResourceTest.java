package de.jobcenter.postfach.servicecenter;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import de.jobcenter.postfach.contracts.ArchiveRequested;
import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.Direction;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.StaffMessageSent;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.contracts.Uuids;
import de.jobcenter.postfach.servicecenter.inbound.SignatureVerifier;
import de.jobcenter.postfach.testing.KafkaBrokerResource;
import de.jobcenter.postfach.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The VCC's signed callbacks: accepted once when signed and fresh; refused with 401 otherwise. */
@QuarkusTest
@TestProfile(VccTestProfile.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class VccReplyResourceTest {
    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    private static String body(String sourceId, UUID answered) {
        return """
                {"sourceId":"%s","officeId":"JC-KOELN","externalReference":"%s","conversationId":"%s",
                 "customerNumber":"123D456789","subject":"AW: Ihre Anfrage","body":"Ihr Antrag ist bewilligt.","paymentRelevant":true,
                 "sentAt":"2026-11-29T08:00:00Z"}""".formatted(sourceId, answered, UUID.randomUUID());
    }

    private static String signature(String timestamp, String body) {
        return "sha256="
                + HexFormat.of()
                        .formatHex(SignatureVerifier.sign(
                                VccTestProfile.SECRET, timestamp, body.getBytes(StandardCharsets.UTF_8)));
    }

    private static io.restassured.response.ValidatableResponse post(String body, String timestamp, String signature) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (timestamp != null) {
            request = request.header(SignatureVerifier.TIMESTAMP_HEADER, timestamp);
        }
        if (signature != null) {
            request = request.header(SignatureVerifier.SIGNATURE_HEADER, signature);
        }
        return request.post("/api/v1/vcc/replies").then();
    }

    @Test
    void aSignedReplyIsPublishedAsStaffMessageAndItsReplayIsRefused() {
        String sourceId = "VCC-" + UUID.randomUUID();
        UUID answered = UUID.randomUUID();
        String body = body(sourceId, answered);
        String now = String.valueOf(Instant.now().getEpochSecond());
        String signature = signature(now, body);
        UUID expected = Uuids.staffMessageId(Channel.SERVICE_CENTER, sourceId);
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.STAFF_MESSAGES, Topics.ARCHIVE_REQUESTS)) {
            post(body, now, signature).statusCode(202).body("messageId", equalTo(expected.toString()));
            post(body, now, signature).statusCode(401).contentType("application/problem+json");

            var records = probe.await(
                    r -> r.topic().equals(Topics.STAFF_MESSAGES) && TopicProbe.valueContains(r, expected.toString()),
                    1,
                    Duration.ofSeconds(30));
            StaffMessageSent sent = EventJson.read(records.get(0).value(), StaffMessageSent.class);
            assertThat(sent.inReplyTo()).isEqualTo(answered);
            assertThat(sent.route().channel()).isEqualTo(Channel.SERVICE_CENTER);
            assertThat(sent.paymentRelevant()).isTrue();
            var archive = probe.await(
                    r -> r.topic().equals(Topics.ARCHIVE_REQUESTS) && TopicProbe.valueContains(r, expected.toString()),
                    1,
                    Duration.ofSeconds(30));
            ArchiveRequested request = EventJson.read(archive.get(0).value(), ArchiveRequested.class);
            assertThat(request.direction()).isEqualTo(Direction.OUTBOUND);
            assertThat(request.carriedBy()).isEqualTo(Channel.SERVICE_CENTER);
            assertThat(request.customerNumber()).isEqualTo("123D456789");
            assertThat(probe.drain(Duration.ofSeconds(2)).stream()
                            .filter(r -> TopicProbe.valueContains(r, expected.toString())))
                    .hasSize(2); // one staff message, one archive request: the replay published nothing
        }
    }

    @Test
    void unsignedStaleOrForgedCallsGet401AndPublishNothing() {
        String sourceId = "VCC-" + UUID.randomUUID();
        String body = body(sourceId, UUID.randomUUID());
        String now = String.valueOf(Instant.now().getEpochSecond());
        String stale = String.valueOf(Instant.now().minusSeconds(301).getEpochSecond());
        UUID wouldBe = Uuids.staffMessageId(Channel.SERVICE_CENTER, sourceId);
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.STAFF_MESSAGES)) {
            post(body, null, null).statusCode(401);
            post(body, now, null).statusCode(401);
            post(body, stale, signature(stale, body)).statusCode(401);
            post(body, now, signature(now, body.replace("bewilligt", "abgelehnt")))
                    .statusCode(401);
            post(body, now, "sha256=zz").statusCode(401);
            assertThat(probe.drain(Duration.ofSeconds(3)).stream()
                            .filter(r -> TopicProbe.valueContains(r, wouldBe.toString())))
                    .isEmpty();
        }
    }
}
