package de.jobcenter.postfach.eakte;

import static de.jobcenter.postfach.eakte.Fixtures.bootstrap;
import static de.jobcenter.postfach.eakte.Fixtures.status;
import static de.jobcenter.postfach.eakte.Fixtures.statusOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.jobcenter.postfach.contracts.ArchiveRequested;
import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.CloudEventHeaders;
import de.jobcenter.postfach.contracts.DeliveryStatus;
import de.jobcenter.postfach.contracts.DeliveryStatusChanged;
import de.jobcenter.postfach.contracts.Direction;
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

/** Archive requests filed revision-safe in the E-AKTE simulator, once per message and direction. */
@QuarkusTest
@TestProfile(EakteTestProfile.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(EakteSimulatorResource.class)
@QuarkusTestResource(OfficeConfigResource.class)
@QuarkusTestResource(
        value = OidcServerResource.class,
        initArgs = @ResourceArg(name = OidcServerResource.AUDIENCE_ARG, value = Tokens.SERVICE_AUDIENCE))
class EakteArchiveTest {

    @BeforeEach
    void eakteIsUp() {
        EakteSimulatorResource.simulator.setAvailable(true);
        EakteSimulatorResource.simulator.failNext(0, 503);
    }

    private static ArchiveRequested outboundFromTheServiceCenter() {
        return new ArchiveRequested(
                UUID.randomUUID(),
                Direction.OUTBOUND,
                Fixtures.OFFICE,
                null,
                "123D456789",
                "OTHER",
                "Ihr Bescheid",
                "Ihr Antrag auf Weiterbewilligung ist bewilligt.",
                Channel.SERVICE_CENTER,
                Instant.now());
    }

    private static List<JsonNode> archivedWithKey(String key) {
        return EakteSimulatorResource.simulator.archived().stream()
                .filter(a -> a.path("idempotencyKey").asText().equals(key))
                .toList();
    }

    @Test
    void filesAnArchiveRequestAndReportsArchivedWithTheDocumentIdAndChecksum() {
        ArchiveRequested request = outboundFromTheServiceCenter();
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.DELIVERY_STATUS)) {
            Fixtures.send(Topics.ARCHIVE_REQUESTS, request);

            DeliveryStatusChanged archived = statusOf(
                    probe.await(status(request.messageId(), DeliveryStatus.ARCHIVED), 1, Duration.ofSeconds(30))
                            .get(0));

            JsonNode document =
                    archivedWithKey(request.messageId() + ":OUTBOUND").get(0);
            assertThat(archived.archiveDocumentId())
                    .isEqualTo(document.path("eakteDocumentId").asText());
            assertThat(archived.sha256())
                    .isEqualTo(document.path("sha256").asText())
                    .hasSize(64);
            assertThat(archived.channel()).isEqualTo(Channel.EAKTE);
            assertThat(archived.detail()).isEqualTo("OUTBOUND copy, carried by SERVICE_CENTER");
            assertThat(document.path("customerNumber").asText()).isEqualTo("123D456789");
            assertThat(document.path("carriedBy").asText()).isEqualTo("SERVICE_CENTER");
            assertThat(document.path("body").asText()).isEqualTo(request.body());
        }
    }

    @Test
    void aRepeatedArchiveRequestStillLeavesOneArchivedDocumentAndReportsTheSameReceipt() {
        ArchiveRequested request = outboundFromTheServiceCenter();
        EakteSimulatorResource.simulator.failNext(1, 503);
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.DELIVERY_STATUS)) {
            Fixtures.send(Topics.ARCHIVE_REQUESTS, request);
            Fixtures.send(Topics.ARCHIVE_REQUESTS, request);

            var statuses = probe.await(status(request.messageId(), DeliveryStatus.ARCHIVED), 2, Duration.ofSeconds(30));

            assertThat(statuses)
                    .extracting(r -> statusOf(r).archiveDocumentId())
                    .containsOnly(statusOf(statuses.get(0)).archiveDocumentId());
            assertThat(statuses)
                    .extracting(r -> TopicProbe.header(r, CloudEventHeaders.ID))
                    .containsOnly(TopicProbe.header(statuses.get(0), CloudEventHeaders.ID));
        }
        assertThat(archivedWithKey(request.messageId() + ":OUTBOUND")).hasSize(1);
    }
}
