package de.jobcenter.postfach.servicecenter;

import static de.jobcenter.postfach.servicecenter.Fixtures.bootstrap;
import static de.jobcenter.postfach.servicecenter.Fixtures.routed;
import static de.jobcenter.postfach.servicecenter.Fixtures.sendRouted;
import static de.jobcenter.postfach.servicecenter.Fixtures.status;
import static de.jobcenter.postfach.servicecenter.Fixtures.statusOf;
import static de.jobcenter.postfach.servicecenter.Fixtures.ticketsFor;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.DeliveryStatus;
import de.jobcenter.postfach.contracts.MessageRouted;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.kit.deadletter.DeadLetterHeaders;
import de.jobcenter.postfach.kit.deadletter.DeadLetterReplay;
import de.jobcenter.postfach.testing.KafkaBrokerResource;
import de.jobcenter.postfach.testing.PostgresDatabaseResource;
import de.jobcenter.postfach.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tickets in the VCC simulator over the real broker and real HTTP: happy path, outages, contracts, replay. */
@QuarkusTest
@TestProfile(VccTestProfile.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(VccSimulatorResource.class)
@QuarkusTestResource(OfficeConfigResource.class)
@QuarkusTestResource(
        value = PostgresDatabaseResource.class,
        initArgs = @ResourceArg(name = PostgresDatabaseResource.PREFIX_ARG, value = "servicecenter"))
class VccDeliveryTest {

    @BeforeEach
    void vccIsUp() {
        VccSimulatorResource.simulator.setAvailable(true);
        VccSimulatorResource.simulator.failNext(0, 503);
        VccSimulatorResource.simulator.delayAnswersAfterStoring(Duration.ZERO);
    }

    @Test
    void opensATicketWithTheMessageIdAsExternalReferenceAndReportsDelivered() {
        MessageRouted m = routed();
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.DELIVERY_STATUS)) {
            sendRouted(m);
            var event = statusOf(probe.await(status(m.messageId(), DeliveryStatus.DELIVERED), 1, Duration.ofSeconds(30))
                    .get(0));
            assertThat(event.channel()).isEqualTo(Channel.SERVICE_CENTER);
        }
        JsonNode ticket = VccSimulatorResource.simulator.tickets().stream()
                .filter(t -> t.path("externalReference")
                        .asText()
                        .equals(m.messageId().toString()))
                .findFirst()
                .orElseThrow();
        assertThat(ticket.path("officeId").asText()).isEqualTo(Fixtures.OFFICE);
        assertThat(ticket.path("serviceCenterId").asText()).isEqualTo("BA-SC");
        assertThat(ticket.path("concern").asText()).isEqualTo("PROCESSING_STATUS");
        assertThat(ticket.path("customerNumber").asText()).isEqualTo("123D456789");
        assertThat(ticket.path("conversationId").asText())
                .isEqualTo(m.conversationId().toString());
        assertThat(ticket.path("inReplyTo").asText()).isEqualTo(m.inReplyTo().toString());
        assertThat(ticket.path("subject").asText()).isEqualTo(m.subject());
        assertThat(ticket.path("body").asText()).isEqualTo(m.body());
    }

    @Test
    void aRedeliveredRecordLeavesOneTicket() {
        MessageRouted m = routed();
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.DELIVERY_STATUS)) {
            sendRouted(m);
            sendRouted(m);
            probe.await(status(m.messageId(), DeliveryStatus.DELIVERED), 2, Duration.ofSeconds(30));
        }
        assertThat(ticketsFor(m.messageId())).isEqualTo(1);
    }

    @Test
    void whileTheVccFailsTheMessageIsRetriedWithBackoffAndOpensOneTicketAfterRecovery() {
        MessageRouted m = routed();
        int before = VccSimulatorResource.simulator.ticketRequests();
        VccSimulatorResource.simulator.failNext(2, 503);
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.DELIVERY_STATUS)) {
            sendRouted(m);
            probe.await(status(m.messageId(), DeliveryStatus.DELIVERED), 1, Duration.ofSeconds(30));
            assertThat(probe.drain(Duration.ofMillis(500))).noneMatch(status(m.messageId(), DeliveryStatus.FAILED));
        }
        assertThat(VccSimulatorResource.simulator.ticketRequests() - before).isGreaterThanOrEqualTo(3);
        assertThat(ticketsFor(m.messageId())).isEqualTo(1);
    }

    @Test
    void pastItsRetryBudgetAMessageEndsFailedInTheDeadLetterTopicAndTheReplayOpensOneTicket() {
        String canary = "KANARIE-" + UUID.randomUUID();
        MessageRouted m = routed(Fixtures.OFFICE, canary);
        VccSimulatorResource.simulator.setAvailable(false);
        String dlq = Topics.dlq(Topics.ROUTED_SERVICECENTER);
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.DELIVERY_STATUS, dlq)) {
            sendRouted(m);

            var failed = statusOf(probe.await(status(m.messageId(), DeliveryStatus.FAILED), 1, Duration.ofSeconds(60))
                    .get(0));
            assertThat(failed.detail()).contains("retry budget", "HTTP 503").doesNotContain(canary);
            var dead = probe.await(
                            r -> r.topic().equals(dlq)
                                    && TopicProbe.valueContains(r, m.messageId().toString()),
                            1,
                            Duration.ofSeconds(30))
                    .get(0);
            assertThat(TopicProbe.header(dead, DeadLetterHeaders.TOPIC)).isEqualTo(Topics.ROUTED_SERVICECENTER);
            assertThat(TopicProbe.header(dead, DeadLetterHeaders.REASON)).contains("retry budget");
            for (Header header : dead.headers()) {
                assertThat(new String(header.value(), StandardCharsets.UTF_8))
                        .as("header %s", header.key())
                        .doesNotContain(canary);
            }
        }
        assertThat(ticketsFor(m.messageId())).isZero();

        VccSimulatorResource.simulator.setAvailable(true);
        String group = "replay-test-" + UUID.randomUUID();
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.DELIVERY_STATUS)) {
            var replay = DeadLetterReplay.replay(
                    DeadLetterReplay.Options.of(bootstrap(), dlq).withGroup(group));

            assertThat(replay.records())
                    .anyMatch(r -> r.subject().equals(m.messageId().toString()));
            probe.await(status(m.messageId(), DeliveryStatus.DELIVERED), 1, Duration.ofSeconds(30));
        }
        assertThat(ticketsFor(m.messageId())).isEqualTo(1);
        assertThat(DeadLetterReplay.replay(
                                DeadLetterReplay.Options.of(bootstrap(), dlq).withGroup(group))
                        .records())
                .noneMatch(r -> r.subject().equals(m.messageId().toString()));
    }

    @Test
    void aMessageForAnOfficeWithoutAServiceCenterContractEndsFailedWithTheReasonAndOpensNoTicket() {
        MessageRouted withoutContract = routed(OfficeConfigResource.WITHOUT_CONTRACT, "");
        MessageRouted contractLater = routed(OfficeConfigResource.CONTRACT_LATER, "");
        MessageRouted unknownOffice = routed("JC-UNBEKANNT", "");
        String dlq = Topics.dlq(Topics.ROUTED_SERVICECENTER);
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.DELIVERY_STATUS, dlq)) {
            sendRouted(withoutContract);
            sendRouted(contractLater);
            sendRouted(unknownOffice);

            assertThat(statusOf(probe.await(
                                            status(withoutContract.messageId(), DeliveryStatus.FAILED),
                                            1,
                                            Duration.ofSeconds(30))
                                    .get(0))
                            .detail())
                    .isEqualTo(
                            "The adapter refused the message: office JC-OHNE-VERTRAG has no service-center contract");
            assertThat(statusOf(probe.await(
                                            status(contractLater.messageId(), DeliveryStatus.FAILED),
                                            1,
                                            Duration.ofSeconds(30))
                                    .get(0))
                            .detail())
                    .contains("takes effect on 2099-01-01");
            assertThat(statusOf(probe.await(
                                            status(unknownOffice.messageId(), DeliveryStatus.FAILED),
                                            1,
                                            Duration.ofSeconds(30))
                                    .get(0))
                            .detail())
                    .contains("office JC-UNBEKANNT is unknown");
            var dead = probe.await(
                            r -> r.topic().equals(dlq)
                                    && TopicProbe.valueContains(
                                            r, withoutContract.messageId().toString()),
                            1,
                            Duration.ofSeconds(30))
                    .get(0);
            assertThat(TopicProbe.header(dead, DeadLetterHeaders.REASON)).contains("no service-center contract");
        }
        assertThat(ticketsFor(withoutContract.messageId())).isZero();
        assertThat(ticketsFor(contractLater.messageId())).isZero();
        given().get("/q/metrics")
                .then()
                .body(containsString(
                        "postfach_delivery_dead_lettered_total{cause=\"refused\",channel=\"SERVICE_CENTER\"}"));
    }
}
