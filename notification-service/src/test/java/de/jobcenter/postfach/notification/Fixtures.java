package de.jobcenter.postfach.notification;

import static org.awaitility.Awaitility.await;

import de.jobcenter.postfach.contracts.CloudEventHeaders;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.MailboxMessageArrived;
import de.jobcenter.postfach.contracts.NotificationPreferenceChanged;
import de.jobcenter.postfach.contracts.OfficeType;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.testing.TopicProbe;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;

/** Test data and what the tests read back: events on the real broker, rows in the service's database. */
public final class Fixtures {
    public static final Duration PATIENCE = Duration.ofSeconds(30);

    private Fixtures() {}

    public static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    public static String newCustomer() {
        return "customer-" + UUID.randomUUID();
    }

    /** An address only this test writes to, so its mails can be counted apart from the others'. */
    public static String newAddress() {
        return "kundin-" + UUID.randomUUID() + "@example.org";
    }

    public static MailboxMessageArrived arrived(String customerId, OfficeType officeType) {
        return new MailboxMessageArrived(customerId, UUID.randomUUID(), "jc-berlin-mitte", officeType, Instant.now());
    }

    public static void publish(MailboxMessageArrived event) {
        TopicProbe.send(
                bootstrap(),
                Topics.MAILBOX_EVENTS,
                event.partitionKey(),
                EventJson.write(event),
                CloudEventHeaders.forEvent(event, "mailbox-api", Instant.now()));
    }

    public static void publish(NotificationPreferenceChanged change) {
        TopicProbe.send(
                bootstrap(),
                Topics.NOTIFICATION_PREFERENCES,
                change.customerId(),
                EventJson.write(change),
                CloudEventHeaders.forEvent(change, "mailbox-api", Instant.now()));
    }

    /** Publishes an opt-in and waits until the replica holds it. */
    public static NotificationPreferenceChanged optIn(DataSource db, String customerId, String address) {
        NotificationPreferenceChanged change =
                new NotificationPreferenceChanged(customerId, true, address, Instant.now());
        publish(change);
        await().atMost(PATIENCE).until(() -> preferenceEnabled(db, customerId).orElse(false));
        return change;
    }

    /** Publishes an opt-out newer than {@code after} and waits until the replica holds it. */
    public static void optOut(DataSource db, NotificationPreferenceChanged after) {
        publish(new NotificationPreferenceChanged(
                after.customerId(), false, after.email(), after.changedAt().plusSeconds(60)));
        await().atMost(PATIENCE)
                .until(() -> !preferenceEnabled(db, after.customerId()).orElse(true));
    }

    /** Waits until the service recorded the given decision for the message. */
    public static void awaitState(DataSource db, UUID messageId, String state) {
        await().atMost(PATIENCE)
                .until(() -> state(db, messageId).filter(state::equals).isPresent());
    }

    public static Optional<String> state(DataSource db, UUID messageId) {
        return queryString(db, "select state from info_mail where message_id = ?", messageId);
    }

    public static Optional<String> coveredBy(DataSource db, UUID messageId) {
        return queryString(db, "select covered_by::text from info_mail where message_id = ?", messageId);
    }

    public static long infoMailRows(DataSource db, String customerId) {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("select count(*) from info_mail where customer_id = ?")) {
            s.setString(1, customerId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Optional<Boolean> preferenceEnabled(DataSource db, String customerId) {
        try (Connection c = db.getConnection();
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

    private static Optional<String> queryString(DataSource db, String sql, UUID id) {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
