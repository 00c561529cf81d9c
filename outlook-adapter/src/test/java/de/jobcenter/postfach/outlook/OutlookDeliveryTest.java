package de.jobcenter.postfach.outlook;

import static org.assertj.core.api.Assertions.assertThat;

import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.CloudEventHeaders;
import de.jobcenter.postfach.contracts.CustomerMessageSubmitted;
import de.jobcenter.postfach.contracts.DeliveryStatus;
import de.jobcenter.postfach.contracts.DeliveryStatusChanged;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.MessageRouted;
import de.jobcenter.postfach.contracts.RouteRef;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.testing.GreenMailResource;
import de.jobcenter.postfach.testing.KafkaBrokerResource;
import de.jobcenter.postfach.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** A routed record becomes one mail in the office's mailbox on a real SMTP server. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(
        value = GreenMailResource.class,
        initArgs = {
            @ResourceArg(name = "smtp-host-key", value = "postfach.outlook.smtp.host"),
            @ResourceArg(name = "smtp-port-key", value = "postfach.outlook.smtp.port"),
            @ResourceArg(name = "set:postfach.outlook.smtp.start-tls", value = "DISABLED")
        })
class OutlookDeliveryTest {
    private static final String OFFICE = "JC-HAMBURG-NORD";
    private static final String MAILBOX = "postfach-nord@jobcenter-ge.de";

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    @Test
    void mailsTheMessageToTheOfficeMailboxWithADeterministicMessageIdAndReportsDelivered() throws Exception {
        CustomerMessageSubmitted m = new CustomerMessageSubmitted(
                UUID.randomUUID(),
                UUID.randomUUID(),
                null,
                "customer-7",
                "987A654321",
                OFFICE,
                "APPOINTMENT_REQUEST",
                "Terminwunsch für nächste Woche",
                "Ich hätte gern einen Termin am Dienstag.",
                false,
                null,
                Instant.now());
        MessageRouted routed = MessageRouted.of(m, RouteRef.outlook(OFFICE, MAILBOX), 1L, null, Instant.now());
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.DELIVERY_STATUS)) {
            TopicProbe.send(
                    bootstrap(),
                    Topics.ROUTED_OUTLOOK,
                    routed.partitionKey(),
                    EventJson.write(routed),
                    CloudEventHeaders.forEvent(routed, "routing-service", Instant.now()));
            var status =
                    probe.await(r -> TopicProbe.valueContains(r, m.messageId().toString()), 1, Duration.ofSeconds(30));
            DeliveryStatusChanged event = EventJson.read(status.get(0).value(), DeliveryStatusChanged.class);
            assertThat(event.status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(event.channel()).isEqualTo(Channel.OUTLOOK);
        }

        MimeMessage[] mails = GreenMailResource.greenMail().getReceivedMessagesForDomain("jobcenter-ge.de");
        MimeMessage mail = Arrays.stream(mails)
                .filter(x -> {
                    try {
                        return x.getMessageID().equals("<" + m.messageId() + "@postfach.jobcenter-ge.de>");
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                })
                .findFirst()
                .orElseThrow();
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(MAILBOX);
        assertThat(mail.getSubject()).isEqualTo("Postfach: Terminwunsch für nächste Woche");
        String body = mail.getContent().toString();
        assertThat(body)
                .contains("Ich hätte gern einen Termin am Dienstag.")
                .contains("Kundennummer: 987A654321")
                .contains("So antworten Sie");
    }
}
