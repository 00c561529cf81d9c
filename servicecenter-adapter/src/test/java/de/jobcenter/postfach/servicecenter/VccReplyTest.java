package de.jobcenter.postfach.servicecenter;

import static de.jobcenter.postfach.servicecenter.Fixtures.bootstrap;
import static de.jobcenter.postfach.servicecenter.Fixtures.reply;
import static de.jobcenter.postfach.servicecenter.Fixtures.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.jobcenter.postfach.contracts.ArchiveRequested;
import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.DeliveryStatus;
import de.jobcenter.postfach.contracts.Direction;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.MessageRouted;
import de.jobcenter.postfach.contracts.StaffMessageSent;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.contracts.Uuids;
import de.jobcenter.postfach.testing.KafkaBrokerResource;
import de.jobcenter.postfach.testing.PostgresDatabaseResource;
import de.jobcenter.postfach.testing.TopicProbe;
import de.jobcenter.postfach.testing.VccSimulator;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Staff replies from the VCC, signed by the simulator as the VCC signs them: accepted once when signed, fresh and
 * valid; refused with a problem and nothing published otherwise.
 */
@QuarkusTest
@TestProfile(VccTestProfile.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(VccSimulatorResource.class)
@QuarkusTestResource(OfficeConfigResource.class)
@QuarkusTestResource(
        value = PostgresDatabaseResource.class,
        initArgs = @ResourceArg(name = PostgresDatabaseResource.PREFIX_ARG, value = "servicecenter"))
class VccReplyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL adapter;

    @Inject
    AgroalDataSource dataSource;

    private final VccSimulator vcc = VccSimulatorResource.simulator;

    @BeforeEach
    void connectTheSimulator() {
        vcc.connectAdapter(adapter.toString(), VccTestProfile.SECRET);
        vcc.setAvailable(true);
        vcc.failNext(0, 503);
    }

    private boolean signatureRecorded(String signature) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select count(*) from used_signature where signature = ?")) {
            s.setString(1, signature);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        }
    }

    @Test
    void aSignedReplyIsPublishedWithItsArchiveRequestAndItsReplayIsRefused() throws Exception {
        String sourceId = "VCC-" + UUID.randomUUID();
        UUID answered = UUID.randomUUID();
        UUID expected = Uuids.staffMessageId(Channel.SERVICE_CENTER, sourceId);
        byte[] body = JSON.writeValueAsBytes(reply(sourceId, answered));
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        String signature = VccSimulator.signature(VccTestProfile.SECRET, timestamp, body);
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.STAFF_MESSAGES, Topics.ARCHIVE_REQUESTS)) {
            var accepted = vcc.sendSigned(body, timestamp, signature);
            assertThat(accepted.status()).isEqualTo(202);
            assertThat(accepted.messageId()).isEqualTo(expected.toString());
            var replayed = vcc.sendSigned(body, timestamp, signature);
            assertThat(replayed.status()).isEqualTo(401);
            assertThat(replayed.body().path("type").asText()).isEqualTo("urn:postfach:problem:invalid-signature");

            var records = probe.await(
                    r -> r.topic().equals(Topics.STAFF_MESSAGES) && TopicProbe.valueContains(r, expected.toString()),
                    1,
                    Duration.ofSeconds(30));
            StaffMessageSent sent = EventJson.read(records.get(0).value(), StaffMessageSent.class);
            assertThat(sent.inReplyTo()).isEqualTo(answered);
            assertThat(sent.route().channel()).isEqualTo(Channel.SERVICE_CENTER);
            assertThat(sent.route().serviceCenterId()).isEqualTo("BA-SC");
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
        // the signature is kept where every replica sees it
        assertThat(signatureRecorded(signature)).isTrue();
    }

    @Test
    void aPaymentRelevantReplyWithoutCustomerNumberIsCompletedFromTheTicketItAnswers() {
        MessageRouted delivered = Fixtures.routed();
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.DELIVERY_STATUS)) {
            Fixtures.sendRouted(delivered);
            probe.await(status(delivered.messageId(), DeliveryStatus.DELIVERED), 1, Duration.ofSeconds(30));
        }
        String sourceId = "VCC-" + UUID.randomUUID();
        Map<String, Object> reply = reply(sourceId, delivered.messageId());
        reply.remove("customerNumber");
        reply.remove("conversationId");
        UUID expected = Uuids.staffMessageId(Channel.SERVICE_CENTER, sourceId);
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.STAFF_MESSAGES, Topics.ARCHIVE_REQUESTS)) {
            assertThat(vcc.sendStaffReply(reply).status()).isEqualTo(202);

            var sent = EventJson.read(
                    probe.await(
                                    r -> r.topic().equals(Topics.STAFF_MESSAGES)
                                            && TopicProbe.valueContains(r, expected.toString()),
                                    1,
                                    Duration.ofSeconds(30))
                            .get(0)
                            .value(),
                    StaffMessageSent.class);
            assertThat(sent.customerNumber()).isEqualTo(delivered.customerNumber());
            assertThat(sent.customerId()).isEqualTo(delivered.customerId());
            assertThat(sent.conversationId()).isEqualTo(delivered.conversationId());
            var archive = EventJson.read(
                    probe.await(
                                    r -> r.topic().equals(Topics.ARCHIVE_REQUESTS)
                                            && TopicProbe.valueContains(r, expected.toString()),
                                    1,
                                    Duration.ofSeconds(30))
                            .get(0)
                            .value(),
                    ArchiveRequested.class);
            assertThat(archive.customerNumber()).isEqualTo(delivered.customerNumber());
            assertThat(archive.direction()).isEqualTo(Direction.OUTBOUND);
        }
    }

    @Test
    void unsignedStaleForgedOrReplayedCallsGet401AndPublishNothing() throws Exception {
        String sourceId = "VCC-" + UUID.randomUUID();
        byte[] body = JSON.writeValueAsBytes(reply(sourceId, UUID.randomUUID()));
        String now = String.valueOf(Instant.now().getEpochSecond());
        UUID wouldBe = Uuids.staffMessageId(Channel.SERVICE_CENTER, sourceId);
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.STAFF_MESSAGES, Topics.ARCHIVE_REQUESTS)) {
            assertThat(vcc.sendSigned(body, null, null).status()).isEqualTo(401);
            assertThat(vcc.sendSigned(body, now, null).status()).isEqualTo(401);
            assertThat(vcc.sendSigned(body, null, VccSimulator.signature(VccTestProfile.SECRET, now, body))
                            .status())
                    .isEqualTo(401);
            assertThat(vcc.sendStaffReply(
                                    reply(sourceId, UUID.randomUUID()),
                                    Instant.now().minusSeconds(301))
                            .status())
                    .isEqualTo(401);
            assertThat(vcc.sendStaffReply(
                                    reply(sourceId, UUID.randomUUID()),
                                    Instant.now().plusSeconds(301))
                            .status())
                    .isEqualTo(401);
            byte[] changed = new String(body, StandardCharsets.UTF_8)
                    .replace("bewilligt", "abgelehnt")
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(vcc.sendSigned(changed, now, VccSimulator.signature(VccTestProfile.SECRET, now, body))
                            .status())
                    .isEqualTo(401);
            assertThat(vcc.sendSigned(body, now, VccSimulator.signature("another-secret", now, body))
                            .status())
                    .isEqualTo(401);
            var malformed = vcc.sendSigned(body, now, "sha256=zz");
            assertThat(malformed.status()).isEqualTo(401);
            assertThat(malformed.body().path("type").asText()).isEqualTo("urn:postfach:problem:invalid-signature");

            assertThat(probe.drain(Duration.ofSeconds(2)))
                    .noneMatch(r -> TopicProbe.valueContains(r, wouldBe.toString()));
        }
    }

    @Test
    void invalidRepliesAreRefusedWithAProblemPublishNothingAndDoNotUseUpTheirSignature() throws Exception {
        List<String> sourceIds = new ArrayList<>();
        List<Map<String, Object>> invalid = new ArrayList<>();
        for (String office : List.of(
                "JC-UNBEKANNT",
                OfficeConfigResource.WITHOUT_CONTRACT,
                OfficeConfigResource.CONTRACT_LATER,
                OfficeConfigResource.OTHER_SERVICE_CENTER)) {
            Map<String, Object> r = reply("VCC-" + UUID.randomUUID(), UUID.randomUUID());
            r.put("officeId", office);
            invalid.add(r);
        }
        Map<String, Object> html = reply("VCC-" + UUID.randomUUID(), UUID.randomUUID());
        html.put("body", "<div>Ihr Antrag ist <b>bewilligt</b>.</div>");
        invalid.add(html);
        Map<String, Object> tooLong = reply("VCC-" + UUID.randomUUID(), UUID.randomUUID());
        tooLong.put("body", "ä".repeat(10_001));
        invalid.add(tooLong);
        Map<String, Object> attachment = reply("VCC-" + UUID.randomUUID(), UUID.randomUUID());
        attachment.put("attachments", List.of(Map.of("name", "bescheid.pdf")));
        invalid.add(attachment);
        Map<String, Object> unknownField = reply("VCC-" + UUID.randomUUID(), UUID.randomUUID());
        unknownField.put("ticketStatus", "CLOSED");
        invalid.add(unknownField);
        Map<String, Object> noCustomer = reply("VCC-" + UUID.randomUUID(), UUID.randomUUID());
        noCustomer.remove("customerNumber");
        invalid.add(noCustomer);
        Map<String, Object> badFields = reply("bad source id", UUID.randomUUID());
        badFields.put("subject", "Betreff\r\nmit Umbruch");
        badFields.put("concern", "kein code");
        invalid.add(badFields);
        invalid.forEach(r -> sourceIds.add((String) r.get("sourceId")));

        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.STAFF_MESSAGES, Topics.ARCHIVE_REQUESTS)) {
            for (Map<String, Object> r : invalid) {
                var answer = vcc.sendStaffReply(r);
                assertThat(answer.status()).as("%s", r.keySet()).isEqualTo(400);
                assertThat(answer.body().path("type").asText()).isEqualTo("urn:postfach:problem:validation");
            }
            // a refused call rolls its signature back: the same signed call is refused for its content again, not as
            // a replay
            byte[] body = JSON.writeValueAsBytes(html);
            String now = String.valueOf(Instant.now().getEpochSecond());
            String signature = VccSimulator.signature(VccTestProfile.SECRET, now, body);
            assertThat(vcc.sendSigned(body, now, signature).status()).isEqualTo(400);
            assertThat(vcc.sendSigned(body, now, signature).status()).isEqualTo(400);
            assertThat(signatureRecorded(signature)).isFalse();

            byte[] broken = "{\"sourceId\":".getBytes(StandardCharsets.UTF_8);
            assertThat(vcc.sendSigned(broken, now, VccSimulator.signature(VccTestProfile.SECRET, now, broken))
                            .status())
                    .isEqualTo(400);
            byte[] huge = JSON.writeValueAsBytes(Map.of("body", "x".repeat(70_000)));
            var oversized = vcc.sendSigned(huge, now, VccSimulator.signature(VccTestProfile.SECRET, now, huge));
            assertThat(oversized.status()).isEqualTo(413);
            assertThat(oversized.body().path("type").asText()).isEqualTo("urn:postfach:problem:payload-too-large");

            var published = probe.drain(Duration.ofSeconds(2));
            for (String sourceId : sourceIds) {
                String wouldBe =
                        Uuids.staffMessageId(Channel.SERVICE_CENTER, sourceId).toString();
                assertThat(published).noneMatch(r -> TopicProbe.valueContains(r, wouldBe));
            }
        }
    }
}
