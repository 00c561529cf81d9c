package de.jobcenter.postfach.quality.faults;

import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.quality.harness.PostfachSystem;
import de.jobcenter.postfach.quality.harness.Service;
import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Before a run's system stops: what the S5 canary scan reads besides the process logs — a {@code /q/metrics} dump
 * of each running service, the headers of every dead-letter record, and each info e-mail (raw and decoded).
 */
final class Evidence {
    private Evidence() {}

    static void collect(PostfachSystem system) {
        Path dir = system.runDir();
        try {
            Path metrics = Files.createDirectories(dir.resolve("metrics"));
            for (Service service : system.services()) {
                try {
                    if (system.process(service).isAlive()) {
                        Files.writeString(metrics.resolve(service.module() + ".prom"), system.metrics(service));
                    }
                } catch (RuntimeException e) {
                    System.err.println("metrics of " + service.module() + ": " + e.getMessage());
                }
            }
            List<String> deadLetterTopics =
                    Topics.all().stream().map(Topics::dlq).toList();
            List<String> lines = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> record : Kafka.readAll(system.bootstrapServers(), deadLetterTopics)) {
                String where = record.topic() + "/" + record.partition() + "@" + record.offset();
                for (org.apache.kafka.common.header.Header header : record.headers()) {
                    lines.add(where + "\t" + header.key() + "\t"
                            + (header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8))
                                    .replace('\n', ' '));
                }
            }
            Files.write(dir.resolve("dlq-headers.tsv"), lines);
            Path mails = Files.createDirectories(dir.resolve("info-mails"));
            int n = 0;
            for (MimeMessage mail : new Targets(system).infoMails()) {
                Files.writeString(mails.resolve("info-mail-" + (++n) + ".txt"), describe(mail));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The raw mail, then every header decoded and every text part decoded. */
    static String describe(MimeMessage mail) {
        try {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            mail.writeTo(raw);
            StringBuilder text = new StringBuilder(raw.toString(StandardCharsets.UTF_8));
            text.append("\n===== decoded headers\n");
            Enumeration<Header> headers = mail.getAllHeaders();
            while (headers.hasMoreElements()) {
                Header header = headers.nextElement();
                text.append(header.getName())
                        .append(": ")
                        .append(jakarta.mail.internet.MimeUtility.decodeText(header.getValue()))
                        .append('\n');
            }
            text.append("===== decoded parts\n");
            appendParts(mail, text);
            return text.toString();
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException("Cannot read a mail", e);
        }
    }

    private static void appendParts(Part part, StringBuilder text) throws IOException, MessagingException {
        Object content = part.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                appendParts(body, text);
            }
        } else if (content instanceof String string) {
            text.append(string).append('\n');
        }
    }
}
