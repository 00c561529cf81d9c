package de.jobcenter.postfach.mailbox;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import de.jobcenter.postfach.contracts.CloudEventHeaders;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.PostfachEvent;
import de.jobcenter.postfach.contracts.RouteRef;
import de.jobcenter.postfach.contracts.StaffMessageSent;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.kit.officeconfig.OfficeConfigReplica;
import de.jobcenter.postfach.mailbox.support.ConfigSnapshotResource;
import de.jobcenter.postfach.mailbox.support.ProxiedPostgresResource;
import de.jobcenter.postfach.mailbox.support.TestOffices;
import de.jobcenter.postfach.testing.KafkaBrokerResource;
import de.jobcenter.postfach.testing.OidcServerResource;
import de.jobcenter.postfach.testing.PostgresDatabaseResource;
import de.jobcenter.postfach.testing.Tokens;
import de.jobcenter.postfach.testing.TopicProbe;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every {@code @QuarkusTest} of mailbox-api shares: the same test resources (one application start per run)
 * — the real Kafka broker, a fresh PostgreSQL database behind a switchable proxy, the OIDC test issuer and
 * config-service's snapshot endpoint — the test offices on {@code postfach.office-config}, and helpers that act as
 * a customer or as the adapters would.
 */
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(
        value = ProxiedPostgresResource.class,
        initArgs = @ResourceArg(name = PostgresDatabaseResource.PREFIX_ARG, value = "mailbox"))
@QuarkusTestResource(OidcServerResource.class)
@QuarkusTestResource(ConfigSnapshotResource.class)
public abstract class MailboxApiTest {
    protected static final String OFFICE = TestOffices.BERLIN_MITTE;
    protected static final String ACR = "pin-letter-confirmed";

    @Inject
    protected AgroalDataSource dataSource;

    @Inject
    protected OfficeConfigReplica replica;

    @BeforeEach
    void officesArePublished() {
        TestOffices.ensurePublished(bootstrap(), replica);
    }

    protected static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    protected static String newCustomer() {
        return "customer-" + UUID.randomUUID();
    }

    /** A customer admitted to the mailbox („Pin-Brief-bestätigt“). */
    protected static Tokens.Builder customer(String customerId) {
        return Tokens.customer(customerId).acr(ACR);
    }

    protected static String token(String customerId) {
        return customer(customerId).sign();
    }

    /** A request as this customer, asking for JSON. */
    protected static RequestSpecification as(String customerId) {
        return given().auth().oauth2(token(customerId)).accept(ContentType.JSON);
    }

    protected static Map<String, Object> message(String officeId, String concern, String subject, String body) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("officeId", officeId);
        message.put("concern", concern);
        message.put("subject", subject);
        message.put("body", body);
        return message;
    }

    /** Writes a message to {@link #OFFICE} about {@code PROCESSING_STATUS}; returns its id. */
    protected static String write(String customerId, String subject) {
        return write(customerId, OFFICE, "PROCESSING_STATUS", subject, "Guten Tag,\nwie ist der Stand?");
    }

    protected static String write(String customerId, String officeId, String concern, String subject, String body) {
        return as(customerId)
                .contentType(ContentType.JSON)
                .body(message(officeId, concern, subject, body))
                .post("/api/v1/messages")
                .then()
                .statusCode(201)
                .extract()
                .path("messageId");
    }

    protected static String conversationOf(String customerId, String messageId) {
        return as(customerId)
                .get("/api/v1/messages/" + messageId)
                .then()
                .statusCode(200)
                .extract()
                .path("conversationId");
    }

    /** A staff message as an adapter publishes it. */
    protected static StaffMessageSent staffMessage(
            UUID conversationId, UUID inReplyTo, String customerId, String customerNumber, String subject) {
        return new StaffMessageSent(
                UUID.randomUUID(),
                conversationId,
                inReplyTo,
                customerId,
                customerNumber,
                OFFICE,
                "PROCESSING_STATUS",
                subject,
                "Ihr Antrag ist in Bearbeitung.",
                false,
                RouteRef.outlook(OFFICE, TestOffices.OUTLOOK_MAILBOX),
                Instant.now());
    }

    /** Publishes a staff message answering {@code messageId} and waits until it is in the customer's inbox. */
    protected UUID staffAnswer(String customerId, String messageId, String subject) {
        StaffMessageSent answer = staffMessage(
                UUID.fromString(conversationOf(customerId, messageId)),
                UUID.fromString(messageId),
                customerId,
                null,
                subject);
        publish(Topics.STAFF_MESSAGES, answer);
        awaitFiled(answer.messageId());
        return answer.messageId();
    }

    protected void awaitFiled(UUID messageId) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count("select count(*) from mailbox_message where message_id = ?", messageId) == 1);
    }

    protected static void publish(String topic, PostfachEvent event) {
        TopicProbe.send(
                bootstrap(),
                topic,
                event.partitionKey(),
                EventJson.write(event),
                CloudEventHeaders.forEvent(event, "test", Instant.now()));
    }

    protected long count(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    protected void execute(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Everything stored for a customer: messages, conversations, idempotency keys, outbox rows naming them. */
    protected long storedFor(String customerId) {
        return count("""
                select (select count(*) from mailbox_message where customer_id = ?1)
                     + (select count(*) from conversation where customer_id = ?1)
                     + (select count(*) from idempotency_key where customer_id = ?1)
                     + (select count(*) from outbox_event
                         where payload is not null and position(convert_to(?1, 'UTF8') in payload) > 0)
                """.replace("?1", "?"), customerId, customerId, customerId, customerId);
    }

    protected static String config(String key) {
        return ConfigProvider.getConfig().getValue(key, String.class);
    }
}
