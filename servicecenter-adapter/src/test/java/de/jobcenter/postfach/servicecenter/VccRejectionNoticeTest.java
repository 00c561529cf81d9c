package de.jobcenter.postfach.servicecenter;

import static de.jobcenter.postfach.servicecenter.Fixtures.bootstrap;
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
import de.jobcenter.postfach.testing.PostgresDatabaseResource;
import de.jobcenter.postfach.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A staff reply from the VCC that mailbox-api could not file: the VCC learns it at the reply. */
@QuarkusTest
@TestProfile(VccTestProfile.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(VccSimulatorResource.class)
@QuarkusTestResource(OfficeConfigResource.class)
@QuarkusTestResource(
        value = PostgresDatabaseResource.class,
        initArgs = @ResourceArg(name = PostgresDatabaseResource.PREFIX_ARG, value = "servicecenter"))
class VccRejectionNoticeTest {

    private static void send(String key, StaffMessageRejected rejection) {
        TopicProbe.send(
                bootstrap(),
                Topics.STAFF_MESSAGES_REJECTED,
                key,
                EventJson.write(rejection),
                CloudEventHeaders.forEvent(rejection, "mailbox-api", Instant.now()));
    }

    private static Optional<JsonNode> rejectionOf(UUID messageId) {
        return VccSimulatorResource.simulator.rejections().stream()
                .filter(r -> r.path("messageId").asText().equals(messageId.toString()))
                .findFirst();
    }

    private static StaffMessageRejected rejected(UUID messageId, RouteRef route, RejectionReason reason) {
        return new StaffMessageRejected(messageId, Fixtures.OFFICE, route, reason, Instant.now());
    }

    @Test
    void aRejectedReplyFromTheVccIsMarkedThereWithTheReasonAndOthersAreLeftAlone() {
        UUID fromEakte = UUID.randomUUID();
        UUID fromVcc = UUID.randomUUID();
        UUID sentinel = UUID.randomUUID();
        RouteRef vccRoute = RouteRef.serviceCenter(Fixtures.OFFICE, "BA-SC");
        String key = UUID.randomUUID().toString();

        send(key, rejected(fromEakte, RouteRef.eakte(Fixtures.OFFICE), RejectionReason.UNKNOWN_CUSTOMER));
        send(key, rejected(fromVcc, vccRoute, RejectionReason.CONVERSATION_MISMATCH));
        send(key, rejected(sentinel, vccRoute, RejectionReason.INVALID));

        // the sentinel comes last on the same partition: once it is marked, the others were handled
        await().atMost(Duration.ofSeconds(30)).until(() -> rejectionOf(sentinel).isPresent());
        JsonNode rejection = rejectionOf(fromVcc).orElseThrow();
        assertThat(rejection.path("reason").asText()).isEqualTo("CONVERSATION_MISMATCH");
        assertThat(rejection.path("explanation").asText()).contains("anderen Kundin");
        assertThat(rejectionOf(fromEakte)).isEmpty();
    }
}
