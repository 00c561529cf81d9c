package de.jobcenter.postfach.outlook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.jobcenter.postfach.contracts.DeliveryStatus;
import de.jobcenter.postfach.contracts.DeliveryStatusChanged;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.MessageRouted;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.outlook.mail.OutgoingMail;
import de.jobcenter.postfach.outlook.mail.SmtpSender;
import de.jobcenter.postfach.outlook.support.Mails;
import de.jobcenter.postfach.outlook.support.Routed;
import de.jobcenter.postfach.outlook.support.SmtpFaultProxy;
import de.jobcenter.postfach.outlook.support.TestOffices;
import de.jobcenter.postfach.testing.KafkaBroker;
import de.jobcenter.postfach.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Mails share SMTP connections instead of opening one each, and a connection the server or the network dropped
 * costs no mail and no second mail.
 */
@QuarkusTest
@QuarkusTestResource(OutlookTestResources.class)
class SmtpConnectionReuseTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Inject
    SmtpSender smtp;

    private static SmtpFaultProxy proxy() {
        return OutlookTestResources.smtpProxy();
    }

    @Test
    void deliversFiftyRoutedMessagesEachExactlyOnceOverAFewConnections() {
        List<MessageRouted> messages = IntStream.range(0, 50)
                .mapToObj(i -> Routed.message().subject("Serie " + i).build())
                .toList();
        Set<String> ids = messages.stream().map(m -> m.messageId().toString()).collect(Collectors.toSet());
        String bootstrap = KafkaBroker.shared().bootstrapServers();
        int connectionsBefore = proxy().connectionsAccepted();
        try (TopicProbe statuses = TopicProbe.fromNow(bootstrap, Topics.DELIVERY_STATUS)) {
            messages.forEach(m -> Routed.publish(bootstrap, m));

            List<DeliveryStatusChanged> reported =
                    statuses
                            .await(r -> ids.stream().anyMatch(id -> TopicProbe.valueContains(r, id)), 50, TIMEOUT)
                            .stream()
                            .map(r -> EventJson.read(r.value(), DeliveryStatusChanged.class))
                            .toList();
            assertThat(reported).extracting(DeliveryStatusChanged::status).containsOnly(DeliveryStatus.DELIVERED);
            assertThat(reported).extracting(s -> s.messageId().toString()).containsExactlyInAnyOrderElementsOf(ids);
        }
        for (MessageRouted m : messages) {
            assertThat(Mails.receivedBy(TestOffices.NORD_MAILBOX, Routed.mailMessageId(m)))
                    .as("mails for %s", m.messageId())
                    .hasSize(1);
        }
        assertThat(proxy().connectionsAccepted() - connectionsBefore)
                .as("SMTP connections opened for 50 mails")
                .isBetween(1, 5);
    }

    @Test
    void aConnectionTheServerDroppedIsReplacedAndTheNextMailArrivesOnce() throws Exception {
        send(mail());
        proxy().down();
        proxy().up();

        OutgoingMail next = mail();
        send(next);

        assertThat(Mails.receivedBy(TestOffices.NORD_MAILBOX, next.messageId())).hasSize(1);
    }

    @Test
    void aReusedConnectionLostWhileSendingIsReplacedAndTheMailArrivesOnce() throws Exception {
        send(mail());
        int connectionsBefore = proxy().connectionsAccepted();
        proxy().dropConnectionOnNextMailFrom();

        OutgoingMail next = mail();
        send(next);

        assertThat(Mails.receivedBy(TestOffices.NORD_MAILBOX, next.messageId())).hasSize(1);
        assertThat(proxy().connectionsAccepted() - connectionsBefore)
                .as("one new connection after the lost one")
                .isEqualTo(1);
    }

    @Test
    void closesAConnectionLeftIdleAndOpensANewOneForTheNextMail() throws Exception {
        send(mail());
        assertThat(proxy().connectionsOpen()).isPositive();

        // The test configuration's idle timeout is 3 s.
        await().atMost(Duration.ofSeconds(15)).until(() -> proxy().connectionsOpen() == 0);

        int connectionsBefore = proxy().connectionsAccepted();
        OutgoingMail next = mail();
        send(next);
        assertThat(Mails.receivedBy(TestOffices.NORD_MAILBOX, next.messageId())).hasSize(1);
        assertThat(proxy().connectionsAccepted() - connectionsBefore).isEqualTo(1);
    }

    private void send(OutgoingMail mail) throws Exception {
        smtp.send(mail);
        Mails.awaitReceived(mail.to(), mail.messageId());
    }

    private static OutgoingMail mail() {
        return new OutgoingMail(
                OutlookTestResources.SERVICE_ADDRESS,
                TestOffices.NORD_MAILBOX,
                "Verbindungstest",
                "Text",
                "<reuse-" + UUID.randomUUID() + "@postfach.jobcenter-ge.de>",
                false);
    }
}
