package de.jobcenter.postfach.eakte;

import static de.jobcenter.postfach.eakte.Fixtures.bootstrap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import de.jobcenter.postfach.contracts.CloudEventHeaders;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.RejectionReason;
import de.jobcenter.postfach.contracts.RouteRef;
import de.jobcenter.postfach.contracts.StaffMessageRejected;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.testing.KafkaBrokerResource;
import de.jobcenter.postfach.testing.OidcServerResource;
import de.jobcenter.postfach.testing.Tokens;
import de.jobcenter.postfach.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A staff message from E-AKTE that mailbox-api could not file: the office learns it in E-AKTE. */
@QuarkusTest
@TestProfile(EakteTestProfile.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(EakteSimulatorResource.class)
@QuarkusTestResource(OfficeConfigResource.class)
@QuarkusTestResource(
        value = OidcServerResource.class,
        initArgs = @ResourceArg(name = OidcServerResource.AUDIENCE_ARG, value = Tokens.SERVICE_AUDIENCE))
class EakteRejectionNoticeTest {

    @BeforeEach
    void eakteIsUp() {
        EakteSimulatorResource.simulator.setAvailable(true);
        EakteSimulatorResource.simulator.failNext(0, 503);
    }

    /** Sent under one key, so the records stay in order on one partition. */
    private static void send(String key, StaffMessageRejected rejection) {
        TopicProbe.send(
                bootstrap(),
                Topics.STAFF_MESSAGES_REJECTED,
                key,
                EventJson.write(rejection),
                CloudEventHeaders.forEvent(rejection, "mailbox-api", Instant.now()));
    }

    private static List<JsonNode> noticesFor(UUID messageId) {
        return EakteSimulatorResource.simulator.documents().stream()
                .filter(d -> d.path("idempotencyKey").asText().equals(messageId + ":REJECTED"))
                .toList();
    }

    @Test
    void aRejectedStaffMessageFromEakteBecomesOneNoticeDocumentForTheOffice() {
        UUID fromServiceCenter = UUID.randomUUID();
        UUID fromEakte = UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        var other = new StaffMessageRejected(
                fromServiceCenter,
                Fixtures.OFFICE,
                RouteRef.serviceCenter(Fixtures.OFFICE, "BA-SC"),
                RejectionReason.UNKNOWN_CUSTOMER,
                Instant.now());
        var mine = new StaffMessageRejected(
                fromEakte,
                Fixtures.OFFICE,
                RouteRef.eakte(Fixtures.OFFICE),
                RejectionReason.UNKNOWN_CUSTOMER,
                Instant.now());

        UUID sentinel = UUID.randomUUID();

        send(key, other);
        send(key, mine);
        send(key, mine);
        send(
                key,
                new StaffMessageRejected(
                        sentinel,
                        Fixtures.OFFICE,
                        RouteRef.eakte(Fixtures.OFFICE),
                        RejectionReason.INVALID,
                        Instant.now()));

        // the sentinel comes last on the same partition: once its notice is there, the others were handled
        await().atMost(Duration.ofSeconds(30)).until(() -> noticesFor(sentinel).size() == 1);
        assertThat(noticesFor(fromEakte)).hasSize(1);
        JsonNode notice = noticesFor(fromEakte).get(0);
        assertThat(notice.path("documentType").asText()).isEqualTo("STAFF_MESSAGE_REJECTED");
        assertThat(notice.path("officeId").asText()).isEqualTo(Fixtures.OFFICE);
        assertThat(notice.path("relatesTo").asText()).isEqualTo(fromEakte.toString());
        assertThat(notice.path("rejectionReason").asText()).isEqualTo("UNKNOWN_CUSTOMER");
        assertThat(notice.path("body").asText()).contains("kein Postfach bekannt", fromEakte.toString());
        assertThat(noticesFor(fromServiceCenter)).isEmpty();
    }
}
