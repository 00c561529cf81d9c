package de.jobcenter.postfach.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.jobcenter.postfach.contracts.CloudEventHeaders;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.MailboxMessageArrived;
import de.jobcenter.postfach.contracts.NotificationPreferenceChanged;
import de.jobcenter.postfach.contracts.OfficeType;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.testing.GreenMailResource;
import de.jobcenter.postfach.testing.KafkaBrokerResource;
import de.jobcenter.postfach.testing.PostgresDatabaseResource;
import de.jobcenter.postfach.testing.TopicProbe;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The replica of {@code postfach.notification-preferences} in the service's own database. */
@QuarkusTest
@TestProfile(NotificationTestProfile.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(
        value = PostgresDatabaseResource.class,
        initArgs = @ResourceArg(name = PostgresDatabaseResource.PREFIX_ARG, value = "notification"))
@QuarkusTestResource(
        value = GreenMailResource.class,
        initArgs = {
            @ResourceArg(name = "smtp-host-key", value = "quarkus.mailer.host"),
            @ResourceArg(name = "smtp-port-key", value = "quarkus.mailer.port")
        })
class PreferenceReplicaTest {
    @Inject
    AgroalDataSource dataSource;

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    private static void publish(NotificationPreferenceChanged change) {
        TopicProbe.send(
                bootstrap(),
                Topics.NOTIFICATION_PREFERENCES,
                change.customerId(),
                EventJson.write(change),
                CloudEventHeaders.forEvent(change, "mailbox-api", Instant.now()));
    }

    @Test
    void anOptInIsStoredAndALaterOptOutReplacesIt() {
        String customer = "customer-" + UUID.randomUUID();
        Instant t0 = Instant.parse("2026-11-01T10:00:00Z");
        publish(new NotificationPreferenceChanged(customer, true, "kundin@example.org", t0));
        await().atMost(Duration.ofSeconds(30)).until(() -> enabled(customer).orElse(false));

        publish(new NotificationPreferenceChanged(customer, false, "kundin@example.org", t0.plusSeconds(60)));
        await().atMost(Duration.ofSeconds(30)).until(() -> !enabled(customer).orElse(true));
    }

    @Test
    void anOlderChangeDoesNotOverwriteANewerOne() {
        String customer = "customer-" + UUID.randomUUID();
        String marker = "customer-" + UUID.randomUUID();
        Instant t0 = Instant.parse("2026-11-01T10:00:00Z");
        publish(new NotificationPreferenceChanged(customer, true, "neu@example.org", t0.plusSeconds(60)));
        publish(new NotificationPreferenceChanged(customer, false, "alt@example.org", t0));
        publish(new NotificationPreferenceChanged(marker, true, "x@example.org", t0));
        // The compacted topic has one partition: once the marker is in, both changes before it have been applied.
        await().atMost(Duration.ofSeconds(30)).until(() -> enabled(marker).isPresent());
        assertThat(enabled(customer)).contains(true);
    }

    @Test
    void anUndecodableRecordGoesToTheDeadLetterTopicAndTheReplicaReadsOn() {
        String poisoned = "customer-" + UUID.randomUUID();
        String after = "customer-" + UUID.randomUUID();
        try (TopicProbe dlq = TopicProbe.fromNow(bootstrap(), Topics.dlq(Topics.NOTIFICATION_PREFERENCES))) {
            TopicProbe.send(
                    bootstrap(),
                    Topics.NOTIFICATION_PREFERENCES,
                    poisoned,
                    "{\"customerId\":\"nicht vollständig".getBytes(StandardCharsets.UTF_8),
                    Map.of());
            publish(new NotificationPreferenceChanged(after, true, "danach@example.org", Instant.now()));

            var dead = dlq.await(r -> poisoned.equals(r.key()), 1, Duration.ofSeconds(30))
                    .get(0);
            assertThat(TopicProbe.header(dead, "dead-letter-reason"))
                    .startsWith("Cannot decode NotificationPreferenceChanged")
                    .doesNotContain("nicht vollständig");
            await().atMost(Duration.ofSeconds(30)).until(() -> enabled(after).orElse(false));
            assertThat(enabled(poisoned)).isEmpty();
        }
    }

    @Test
    void aTombstoneForgetsTheCustomerAndTheirInfoMails() {
        String customer = "customer-" + UUID.randomUUID();
        publish(new NotificationPreferenceChanged(customer, true, "weg@example.org", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> enabled(customer).isPresent());
        MailboxMessageArrived event = Fixtures.arrived(customer, OfficeType.JOBCENTER);
        Fixtures.publish(event);
        Fixtures.awaitState(dataSource, event.messageId(), "SENT");

        TopicProbe.send(bootstrap(), Topics.NOTIFICATION_PREFERENCES, customer, null, Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> enabled(customer).isEmpty());
        assertThat(Fixtures.infoMailRows(dataSource, customer)).isZero();
    }

    private Optional<Boolean> enabled(String customerId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("select enabled from notification_preference where customer_id = ?")) {
            s.setString(1, customerId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBoolean(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
