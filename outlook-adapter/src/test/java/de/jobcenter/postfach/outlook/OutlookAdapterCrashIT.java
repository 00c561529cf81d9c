package de.jobcenter.postfach.outlook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import de.jobcenter.postfach.contracts.CloudEventHeaders;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.MessageRouted;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.outlook.support.Routed;
import de.jobcenter.postfach.outlook.support.TestOffices;
import de.jobcenter.postfach.testing.KafkaBroker;
import de.jobcenter.postfach.testing.ManagedProcess;
import de.jobcenter.postfach.testing.Ports;
import de.jobcenter.postfach.testing.PostgresServer;
import de.jobcenter.postfach.testing.TopicProbe;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * R6 for SMTP: the packaged adapter, in a process of its own, is killed with SIGKILL after the SMTP server took
 * the mail but before the consumer committed the record's offset. After a restart the records are delivered again;
 * the mailbox holds each mail, at most twice under the same Message-ID. A mail the adapter saw accepted is marked in
 * its database and not sent again; one the server stored while the adapter was killed before it could note the
 * acceptance is sent again (SMTP cannot do better; the Message-ID lets the mailbox deduplicate). The counts are
 * printed for the R6 report.
 */
class OutlookAdapterCrashIT {
    private static final String SERVICE_ADDRESS = "postfach@jobcenter-ge.de";
    private static final String GROUP = "outlook-adapter";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private static KafkaBroker kafka;
    private static PostgresServer.Database database;
    private static GreenMail greenMail;
    private static String imapPassword;
    private static String tokenKey;

    @BeforeAll
    static void startInfrastructure() {
        kafka = KafkaBroker.shared();
        database = PostgresServer.shared().createDatabase("outlook_it");
        greenMail = new GreenMail(new ServerSetup[] {
            new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
        });
        greenMail.start();
        imapPassword = secret(18);
        tokenKey = secret(32);
        greenMail.setUser(SERVICE_ADDRESS, SERVICE_ADDRESS, imapPassword);
        TestOffices.publishAll(kafka.bootstrapServers());
    }

    @AfterAll
    static void stopInfrastructure() {
        if (greenMail != null) {
            greenMail.stop();
        }
        if (database != null) {
            database.drop();
        }
    }

    @Test
    void mailsAcceptedBeforeTheCrashAreInTheMailboxAfterTheRestartAtMostTwice() throws Exception {
        // One conversation, so both records share a partition and are delivered in order.
        UUID conversation = UUID.randomUUID();
        MessageRouted acknowledged = Routed.message()
                .conversation(conversation)
                .subject("Vor dem Absturz bestätigt")
                .build();
        MessageRouted inFlight = Routed.message()
                .conversation(conversation)
                .subject("Beim Absturz unterwegs")
                .build();
        int port = Ports.free();

        // Commits only every ten minutes: the kill certainly comes before the offset commit.
        ManagedProcess first = adapter("outlook-adapter-before-crash", port)
                .systemProperty("mp.messaging.incoming.routed-outlook.auto.commit.interval.ms", "600000")
                .start();
        RecordMetadata firstRecord;
        RecordMetadata secondRecord;
        try (TopicProbe statuses = TopicProbe.fromNow(kafka.bootstrapServers(), Topics.DELIVERY_STATUS)) {
            first.awaitHttpOk("http://localhost:" + port + "/q/health/ready", START_TIMEOUT);
            // The first: the adapter saw the server's acceptance (DELIVERED is on Kafka), its offset is not committed.
            firstRecord = publish(acknowledged);
            statuses.await(
                    r -> TopicProbe.valueContains(r, acknowledged.messageId().toString()), 1, Duration.ofSeconds(60));
            // The second: killed as soon as the server has stored the mail, before the adapter could note it.
            secondRecord = publish(inFlight);
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> mailsWith(Routed.mailMessageId(inFlight)) >= 1);
        } finally {
            first.kill();
        }
        TopicPartition partition = new TopicPartition(firstRecord.topic(), firstRecord.partition());
        assertThat(secondRecord.partition()).isEqualTo(firstRecord.partition());
        assertThat(committed(partition))
                .as("the kill came before the offset commit")
                .isLessThanOrEqualTo(firstRecord.offset());

        int secondPort = Ports.free();
        try (ManagedProcess second = adapter("outlook-adapter-after-crash", secondPort)
                .systemProperty("mp.messaging.incoming.routed-outlook.auto.commit.interval.ms", "500")
                .start()) {
            second.awaitHttpOk("http://localhost:" + secondPort + "/q/health/ready", START_TIMEOUT);
            await().atMost(Duration.ofSeconds(60)).until(() -> committed(partition) > secondRecord.offset());
        }

        int acknowledgedMails = mailsWith(Routed.mailMessageId(acknowledged));
        int inFlightMails = mailsWith(Routed.mailMessageId(inFlight));
        System.out.printf(
                "R6 outlook-adapter (SIGKILL before the offset commit, redelivered after restart): "
                        + "acceptance seen by the adapter -> %d mail(s); killed while the server stored the mail -> "
                        + "%d mail(s) with the same Message-ID (duplicates: %d)%n",
                acknowledgedMails, inFlightMails, inFlightMails - 1);
        assertThat(acknowledgedMails)
                .as("a mail the adapter saw accepted is not sent again")
                .isEqualTo(1);
        assertThat(inFlightMails).isBetween(1, 2);
    }

    private static ManagedProcess.Builder adapter(String name, int port) {
        ManagedProcess.Builder builder = ManagedProcess.java(name)
                .jar(Path.of("target/quarkus-app/quarkus-run.jar"))
                .jvmArg("-Xmx256m")
                .systemProperty("quarkus.http.port", String.valueOf(port))
                .systemProperty("kafka.bootstrap.servers", kafka.bootstrapServers())
                .systemProperty("quarkus.datasource.jdbc.url", database.jdbcUrl())
                .systemProperty("quarkus.datasource.username", database.username())
                .systemProperty("postfach.outlook.service-address", SERVICE_ADDRESS)
                .systemProperty("postfach.outlook.smtp.host", "127.0.0.1")
                .systemProperty(
                        "postfach.outlook.smtp.port",
                        String.valueOf(greenMail.getSmtp().getPort()))
                .systemProperty("postfach.outlook.smtp.start-tls", "DISABLED")
                .systemProperty("postfach.outlook.imap.host", "127.0.0.1")
                .systemProperty(
                        "postfach.outlook.imap.port",
                        String.valueOf(greenMail.getImap().getPort()))
                .systemProperty("postfach.outlook.imap.security", "NONE")
                .env("POSTFACH_OUTLOOK_REPLY_TOKEN_KEY", tokenKey)
                .env("POSTFACH_OUTLOOK_IMAP_PASSWORD", imapPassword);
        if (database.password() != null && !database.password().isEmpty()) {
            builder.env("QUARKUS_DATASOURCE_PASSWORD", database.password());
        }
        return builder;
    }

    private static RecordMetadata publish(MessageRouted routed) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            ProducerRecord<String, byte[]> record =
                    new ProducerRecord<>(Topics.ROUTED_OUTLOOK, routed.partitionKey(), EventJson.write(routed));
            CloudEventHeaders.forEvent(routed, "routing-service", Instant.now())
                    .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            return producer.send(record).get();
        }
    }

    /** The group's committed offset of the partition; -1 when it has none. */
    private static long committed(TopicPartition partition) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata()
                    .get();
            OffsetAndMetadata offset = offsets.get(partition);
            return offset == null ? -1 : offset.offset();
        }
    }

    private static int mailsWith(String messageId) {
        return (int) Arrays.stream(greenMail.getReceivedMessages())
                .filter(m -> messageId.equals(id(m)))
                .count();
    }

    private static String id(MimeMessage mail) {
        try {
            return mail.getMessageID();
        } catch (MessagingException e) {
            return null;
        }
    }

    private static String secret(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return java.util.Base64.getEncoder().encodeToString(random);
    }
}
