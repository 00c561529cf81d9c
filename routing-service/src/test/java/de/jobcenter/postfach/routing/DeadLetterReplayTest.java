package de.jobcenter.postfach.routing;

import static de.jobcenter.postfach.routing.RunningService.adminToken;
import static de.jobcenter.postfach.routing.RunningService.bootstrap;
import static de.jobcenter.postfach.routing.testdata.MessageBuilder.messageTo;
import static de.jobcenter.postfach.routing.testdata.OfficeBuilder.office;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import de.jobcenter.postfach.contracts.CustomerMessageSubmitted;
import de.jobcenter.postfach.contracts.DeliveryStatus;
import de.jobcenter.postfach.contracts.DeliveryStatusChanged;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.MessageRouted;
import de.jobcenter.postfach.contracts.RouteRef;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.routing.testdata.RoutingTopics;
import de.jobcenter.postfach.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An operator replays dead letters once the cause is fixed; the replay routes each of them exactly once. */
@QuarkusTest
@QuarkusTestResource(RoutingTestResources.class)
class DeadLetterReplayTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DLQ = Topics.dlq(Topics.CUSTOMER_MESSAGES);
    private static final String CANARY = "GEHEIM-CANARY-" + UUID.randomUUID();

    private final String officeId = "JC-NEU-" + UUID.randomUUID();

    @BeforeEach
    void serviceIsReady() {
        RunningService.awaitReady();
    }

    private static Response replay(Map<String, String> filter) {
        return given().auth().oauth2(adminToken()).queryParams(filter).post("/admin/dead-letters/replay");
    }

    @Test
    void aMessageForAnOfficeCreatedLaterIsRoutedOnceAfterReplay() {
        CustomerMessageSubmitted m = messageTo(officeId)
                .concern("PROCESSING_STATUS")
                .subject(CANARY)
                .body(CANARY)
                .build();
        try (TopicProbe probe = TopicProbe.fromNow(
                bootstrap(), DLQ, Topics.DELIVERY_STATUS, Topics.ROUTED_EAKTE, Topics.CUSTOMER_MESSAGES)) {
            RoutingTopics.submit(bootstrap(), m);
            String id = m.messageId().toString();
            probe.await(r -> r.topic().equals(DLQ) && TopicProbe.valueContains(r, id), 1, WAIT);

            List<Map<String, Object>> outstanding = given().auth()
                    .oauth2(adminToken())
                    .queryParam("limit", 1000)
                    .get("/admin/dead-letters")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("$");
            assertThat(outstanding)
                    .anySatisfy(letter -> {
                        assertThat(letter.get("messageId")).isEqualTo(id);
                        assertThat(letter.get("officeId")).isEqualTo(officeId);
                        assertThat(letter.get("code")).isEqualTo("UNKNOWN_OFFICE");
                        assertThat(letter.get("key"))
                                .isEqualTo(m.conversationId().toString());
                    })
                    .allSatisfy(letter -> assertThat(letter.toString()).doesNotContain(CANARY));

            // config-service creates the office; then the operator replays that office's dead letters.
            RoutingTopics.publishConfiguration(
                    bootstrap(), office(officeId).toEakte("PROCESSING_STATUS").build());
            RunningService.awaitReplicaVersion(officeId, 1);
            replay(Map.of("officeId", officeId))
                    .then()
                    .statusCode(200)
                    .body("replayed", equalTo(1))
                    .body("complete", equalTo(true));

            var routed =
                    probe.await(r -> r.topic().equals(Topics.ROUTED_EAKTE) && TopicProbe.valueContains(r, id), 1, WAIT);
            MessageRouted message = EventJson.read(routed.get(0).value(), MessageRouted.class);
            assertThat(message.route()).isEqualTo(RouteRef.eakte(officeId));
            assertThat(message.body()).isEqualTo(m.body());
            var statuses = probe.await(
                    r -> r.topic().equals(Topics.DELIVERY_STATUS) && TopicProbe.valueContains(r, id), 2, WAIT);
            assertThat(statuses)
                    .extracting(r -> EventJson.read(r.value(), DeliveryStatusChanged.class)
                            .status())
                    .containsExactly(DeliveryStatus.FAILED, DeliveryStatus.ROUTED);

            // A second replay finds nothing more of that office: it was replayed exactly once.
            replay(Map.of("officeId", officeId)).then().statusCode(200).body("replayed", equalTo(0));
            assertThat(probe.drain(Duration.ofSeconds(2)).stream()
                            .filter(r -> r.topic().equals(Topics.ROUTED_EAKTE))
                            .filter(r -> TopicProbe.valueContains(r, id)))
                    .hasSize(1);
        }
    }

    @Test
    void deadLettersTheFilterDoesNotSelectStayOutstanding() {
        CustomerMessageSubmitted stays = messageTo(officeId).build();
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), DLQ)) {
            RoutingTopics.submit(bootstrap(), stays);
            probe.await(r -> TopicProbe.valueContains(r, stays.messageId().toString()), 1, WAIT);
        }

        replay(Map.of("officeId", "JC-EIN-ANDERES-AMT")).then().statusCode(200).body("replayed", equalTo(0));

        List<String> outstanding = given().auth()
                .oauth2(adminToken())
                .queryParam("limit", 1000)
                .get("/admin/dead-letters")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("messageId");
        assertThat(outstanding).contains(stays.messageId().toString());
    }

    @Test
    void theDeadLetterEndpointsNeedTheAdminToken() {
        given().post("/admin/dead-letters/replay").then().statusCode(401).contentType("application/problem+json");
        given().auth()
                .oauth2("falsch")
                .get("/admin/dead-letters")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void anUnknownReasonCodeIsRefused() {
        given().auth()
                .oauth2(adminToken())
                .queryParam("code", "EGAL")
                .post("/admin/dead-letters/replay")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("code"));
    }
}
