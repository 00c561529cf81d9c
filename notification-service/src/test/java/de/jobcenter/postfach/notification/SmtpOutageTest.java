package de.jobcenter.postfach.notification;

import static de.jobcenter.postfach.notification.Fixtures.PATIENCE;
import static de.jobcenter.postfach.notification.Fixtures.arrived;
import static de.jobcenter.postfach.notification.Fixtures.awaitState;
import static de.jobcenter.postfach.notification.Fixtures.bootstrap;
import static de.jobcenter.postfach.notification.Fixtures.newAddress;
import static de.jobcenter.postfach.notification.Fixtures.newCustomer;
import static de.jobcenter.postfach.notification.Fixtures.optIn;
import static de.jobcenter.postfach.notification.Fixtures.publish;
import static de.jobcenter.postfach.notification.Fixtures.state;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.jobcenter.postfach.contracts.MailboxMessageArrived;
import de.jobcenter.postfach.contracts.OfficeType;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.testing.GreenMailResource;
import de.jobcenter.postfach.testing.KafkaBrokerResource;
import de.jobcenter.postfach.testing.PostgresDatabaseResource;
import de.jobcenter.postfach.testing.TopicProbe;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SMTP server goes away: the event waits in place and is neither lost nor doubled; past the budget, the DLQ. */
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
class SmtpOutageTest {
    @Inject
    AgroalDataSource db;

    @Inject
    MeterRegistry meters;

    @AfterEach
    void smtpIsBack() {
        if (!GreenMailResource.greenMail().isRunning()) {
            GreenMailResource.greenMail().start();
        }
    }

    @Test
    void aMailWaitsOutAnSmtpOutageAndArrivesOnceAfterRecovery() {
        String customer = newCustomer();
        String address = newAddress();
        optIn(db, customer, address);
        double failuresBefore = transientFailures();
        given().get("/q/health/ready").then().statusCode(200); // the first HTTP call is slow: not during the outage

        GreenMailResource.greenMail().stop();
        MailboxMessageArrived event = arrived(customer, OfficeType.JOBCENTER);
        publish(event);
        await().atMost(PATIENCE).until(() -> transientFailures() >= failuresBefore + 2);
        assertThat(state(db, event.messageId())).as("held, not dead-lettered").contains("PENDING");
        // Readiness does not depend on SMTP: the service is fine, the mail server is not.
        given().get("/q/health/ready").then().statusCode(200);

        GreenMailResource.greenMail().start();

        awaitState(db, event.messageId(), "SENT");
        assertThat(Mails.awaitMails(address, 1)).hasSize(1);
        MailboxMessageArrived marker = arrived(customer, OfficeType.JOBCENTER);
        publish(marker);
        awaitState(db, marker.messageId(), "COVERED");
        assertThat(Mails.to(address)).hasSize(1);
    }

    @Test
    void anEventPastTheRetryBudgetGoesToTheDeadLetterTopicAndItsReplaySendsOneMail() {
        String customer = newCustomer();
        String address = newAddress();
        optIn(db, customer, address);
        MailboxMessageArrived event = arrived(customer, OfficeType.JOBCENTER);

        ConsumerRecord<String, byte[]> dead;
        try (TopicProbe dlq = TopicProbe.fromNow(bootstrap(), Topics.dlq(Topics.MAILBOX_EVENTS))) {
            GreenMailResource.greenMail().stop();
            publish(event);
            dead = dlq.await(
                            r -> TopicProbe.valueContains(r, event.messageId().toString()), 1, PATIENCE.plusSeconds(30))
                    .get(0);
        }
        assertThat(state(db, event.messageId())).contains("FAILED");
        String reason = TopicProbe.header(dead, "dead-letter-reason");
        assertThat(reason)
                .contains("Info e-mail for message " + event.messageId() + " not sent")
                .contains("retry budget spent")
                .doesNotContain(address)
                .doesNotContain(customer)
                .doesNotContain("@");
        assertThat(TopicProbe.header(dead, "dead-letter-cause")).isNull();
        assertThat(TopicProbe.header(dead, "ce_id"))
                .as("the original headers travel along")
                .isNotNull();
        assertThat(dead.key()).isEqualTo(customer);

        // An operator replays the record once SMTP is back: same key, value and CloudEvents headers.
        GreenMailResource.greenMail().start();
        TopicProbe.send(bootstrap(), Topics.MAILBOX_EVENTS, dead.key(), dead.value(), originalHeaders(dead));

        awaitState(db, event.messageId(), "SENT");
        assertThat(Mails.awaitMails(address, 1)).hasSize(1);
        MailboxMessageArrived marker = arrived(customer, OfficeType.JOBCENTER);
        publish(marker);
        awaitState(db, marker.messageId(), "COVERED");
        assertThat(Mails.to(address)).hasSize(1);
    }

    private double transientFailures() {
        var counter = meters.find("postfach.notification.send.failures")
                .tag("kind", "transient")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static Map<String, String> originalHeaders(ConsumerRecord<String, byte[]> dead) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : dead.headers()) {
            if (!header.key().startsWith("dead-letter-") && header.value() != null) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return headers;
    }
}
