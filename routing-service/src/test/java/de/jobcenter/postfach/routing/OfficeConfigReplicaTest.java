package de.jobcenter.postfach.routing;

import static de.jobcenter.postfach.routing.RunningService.bootstrap;
import static de.jobcenter.postfach.routing.testdata.MessageBuilder.messageTo;
import static de.jobcenter.postfach.routing.testdata.OfficeBuilder.office;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.jobcenter.postfach.contracts.CustomerMessageSubmitted;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.MessageRouted;
import de.jobcenter.postfach.contracts.RouteRef;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.routing.testdata.RoutingTopics;
import de.jobcenter.postfach.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The configuration replica while the service runs: a newer version applies to the next message, an older one
 * never rolls an office back, and a record that is not a configuration keeps the last good version.
 */
@QuarkusTest
@QuarkusTestResource(RoutingTestResources.class)
class OfficeConfigReplicaTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String MAILBOX = "post.neukoelln@jobcenter-ge.de";

    private final String officeId = "JC-TEST-" + UUID.randomUUID();

    @BeforeEach
    void serviceIsReady() {
        RunningService.awaitReady();
    }

    /** Routes one message for the office and returns the routed record, from whichever routed topic. */
    private MessageRouted routeOne() {
        CustomerMessageSubmitted m =
                messageTo(officeId).concern("PROCESSING_STATUS").build();
        try (TopicProbe probe = TopicProbe.fromNow(
                bootstrap(), Topics.ROUTED_EAKTE, Topics.ROUTED_OUTLOOK, Topics.ROUTED_SERVICECENTER)) {
            RoutingTopics.submit(bootstrap(), m);
            var records =
                    probe.await(r -> TopicProbe.valueContains(r, m.messageId().toString()), 1, WAIT);
            return EventJson.read(records.get(0).value(), MessageRouted.class);
        }
    }

    /**
     * The configuration topic has one partition, read in order: once a later record of another office is applied,
     * every record before it has been read.
     */
    private static void awaitEverythingPublishedSoFarIsRead() {
        String marker = "JC-MARKER-" + UUID.randomUUID();
        RoutingTopics.publishConfiguration(
                bootstrap(), office(marker).toEakte("OTHER").build());
        RunningService.awaitReplicaVersion(marker, 1);
    }

    @Test
    void aNewerVersionAppliesToTheNextMessage() {
        RoutingTopics.publishConfiguration(
                bootstrap(),
                office(officeId).version(1).toEakte("PROCESSING_STATUS").build());
        RunningService.awaitReplicaVersion(officeId, 1);
        MessageRouted first = routeOne();
        assertThat(first.route()).isEqualTo(RouteRef.eakte(officeId));
        assertThat(first.configVersion()).isEqualTo(1);

        RoutingTopics.publishConfiguration(
                bootstrap(),
                office(officeId)
                        .version(2)
                        .toOutlook("PROCESSING_STATUS", MAILBOX)
                        .build());
        RunningService.awaitReplicaVersion(officeId, 2);

        MessageRouted second = routeOne();
        assertThat(second.route()).isEqualTo(RouteRef.outlook(officeId, MAILBOX));
        assertThat(second.configVersion()).isEqualTo(2);
    }

    @Test
    void anOlderVersionPublishedAfterANewerOneIsIgnored() {
        RoutingTopics.publishConfiguration(
                bootstrap(),
                office(officeId)
                        .version(5)
                        .toOutlook("PROCESSING_STATUS", MAILBOX)
                        .build());
        RunningService.awaitReplicaVersion(officeId, 5);

        RoutingTopics.publishConfiguration(
                bootstrap(),
                office(officeId)
                        .version(4)
                        .toServiceCenter("PROCESSING_STATUS", "SC-BERLIN")
                        .contract("SC-BERLIN", LocalDate.of(2024, 1, 1))
                        .build());
        awaitEverythingPublishedSoFarIsRead();

        assertThat(RunningService.metric("postfach_office_config_version", "office=\"" + officeId + "\""))
                .isEqualTo(5);
        MessageRouted routed = routeOne();
        assertThat(routed.route()).isEqualTo(RouteRef.outlook(officeId, MAILBOX));
        assertThat(routed.configVersion()).isEqualTo(5);
    }

    @Test
    void aPoisonConfigurationRecordKeepsTheLastGoodVersionAndIsCounted() {
        RoutingTopics.publishConfiguration(
                bootstrap(),
                office(officeId)
                        .version(1)
                        .toOutlook("PROCESSING_STATUS", MAILBOX)
                        .build());
        RunningService.awaitReplicaVersion(officeId, 1);
        double undecodableBefore = RunningService.metric("postfach_office_config_undecodable_total", "");

        RoutingTopics.publishPoisonConfiguration(bootstrap(), officeId);
        awaitEverythingPublishedSoFarIsRead();

        await().atMost(WAIT)
                .until(() -> RunningService.metric("postfach_office_config_undecodable_total", "") > undecodableBefore);
        MessageRouted routed = routeOne();
        assertThat(routed.route()).isEqualTo(RouteRef.outlook(officeId, MAILBOX));
        assertThat(routed.configVersion()).isEqualTo(1);
    }
}
