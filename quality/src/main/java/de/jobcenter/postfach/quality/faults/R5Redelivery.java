package de.jobcenter.postfach.quality.faults;

import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.quality.harness.PostfachSystem;
import de.jobcenter.postfach.testing.EakteSimulator;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * R5: every record of the message topics delivered a second time to its consumers (an exact copy: same partition,
 * key, value and headers). Each consumer must make one effect of it: one document at E-AKTE, one ticket at the VCC,
 * one mail per Message-ID, one entry in the mailbox, one info e-mail.
 */
final class R5Redelivery implements Scenario {
    static final List<String> GROUPS = List.of(
            "routing-service",
            "eakte-adapter",
            "outlook-adapter",
            "servicecenter-adapter",
            "mailbox-api",
            "notification-service",
            "notification-service-mailbox-events");
    private static final List<String> COPIED_TOPICS = List.of(
            Topics.CUSTOMER_MESSAGES,
            Topics.ROUTED_EAKTE,
            Topics.ROUTED_OUTLOOK,
            Topics.ROUTED_SERVICECENTER,
            Topics.ARCHIVE_REQUESTS,
            Topics.STAFF_MESSAGES,
            Topics.DELIVERY_STATUS,
            Topics.MAILBOX_EVENTS,
            Topics.NOTIFICATION_PREFERENCES);

    @Override
    public String id() {
        return "R5";
    }

    @Override
    public String title() {
        return "every record delivered twice to its consumers";
    }

    @Override
    public void run(FaultsConfig config, ScenarioResult result, Supplier<PostfachSystem> shared) throws Exception {
        int n = config.r5Messages();
        result.size = n + " messages per target + one staff message and info e-mail per customer (" + (3 * n)
                + " customers); every record of " + COPIED_TOPICS.size() + " topics copied once";
        PostfachSystem system = shared.get();
        Portal portal = new Portal(system);
        Targets targets = new Targets(system);

        // Phase 1: the normal flow, with info e-mails.
        List<String> customers = new ArrayList<>();
        for (Portal.Office office : Portal.ALL) {
            for (int i = 0; i < n; i++) {
                String customer = "r5-" + office.channel().name().toLowerCase() + "-" + i;
                customers.add(customer);
                portal.optIn(customer);
            }
        }
        Deliveries deliveries = Deliveries.write(portal, "r5", n, config.canary());
        long staffAccepted = 0;
        for (String customer : customers) {
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("officeId", "JC-BERLIN-MITTE");
            reply.put("customerNumber", PostfachSystem.customerNumber(customer));
            reply.put("concern", "OTHER");
            reply.put("subject", "R5 " + config.canary() + " Antwort");
            reply.put("body", "Guten Tag, " + config.canary() + " hier ist unsere Antwort.");
            reply.put("paymentRelevant", false);
            EakteSimulator.Answer answer = system.eakte().sendStaffReply(reply);
            if (answer.status() == 202) {
                staffAccepted++;
            } else {
                result.note("staff message refused: " + answer.status() + " " + answer.body());
            }
        }
        boolean delivered = deliveries.awaitDelivered(targets, Duration.ofMinutes(3));
        boolean inboxes = awaitInboxes(portal, customers, Duration.ofMinutes(2));
        boolean mails = awaitInfoMails(targets, customers.size(), Duration.ofMinutes(2));
        boolean settled = Kafka.awaitGroupsCaughtUp(system.bootstrapServers(), GROUPS, Duration.ofMinutes(2));
        Targets.Tally before = deliveries.tally(targets);
        Map<String, Integer> mailsBefore = infoMailsPerRecipient(targets);
        result.check(deliveries.refused == 0, deliveries.refused + " writes refused")
                .check(
                        staffAccepted == customers.size(),
                        (customers.size() - staffAccepted) + " staff messages refused")
                .check(delivered, "phase 1: not every message delivered: " + before)
                .check(inboxes, "phase 1: not every staff message in its customer's inbox")
                .check(mails, "phase 1: not every info e-mail sent: " + mailsBefore.size() + " recipients")
                .check(settled, "phase 1: consumer groups did not catch up");

        // Phase 2: every record once more.
        Map<String, Long> copied = new LinkedHashMap<>();
        long redeliveryStart = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = Kafka.producer(system.bootstrapServers())) {
            for (ConsumerRecord<String, byte[]> record : Kafka.readAll(system.bootstrapServers(), COPIED_TOPICS)) {
                producer.send(Kafka.copyOf(record));
                copied.merge(record.topic(), 1L, Long::sum);
            }
            producer.flush();
        }
        TopicWatcher.sleep(2000);
        boolean settledAgain = Kafka.awaitGroupsCaughtUp(system.bootstrapServers(), GROUPS, Duration.ofMinutes(3));
        Duration redelivery = Duration.ofNanos(System.nanoTime() - redeliveryStart);
        TopicWatcher.sleep(5000);

        Targets.Tally after = deliveries.tally(targets);
        long inboxDuplicates = 0;
        long sentDuplicates = 0;
        for (String customer : customers) {
            inboxDuplicates += Math.max(0, portal.folderTotal(customer, "inbox") - 1);
        }
        for (String customer : customers) {
            sentDuplicates += Math.max(0, portal.folderTotal(customer, "sent") - 1);
        }
        Map<String, Integer> mailsAfter = infoMailsPerRecipient(targets);
        long infoMailDuplicates =
                mailsAfter.values().stream().mapToLong(c -> c - 1).sum();
        long routedDuplicates = routedDuplicates(system, deliveries);
        long dlq = Kafka.readAll(
                        system.bootstrapServers(),
                        COPIED_TOPICS.stream().map(Topics::dlq).toList())
                .size();
        long copies = copied.values().stream().mapToLong(Long::longValue).sum();

        result.count("sent", deliveries.sent + staffAccepted)
                .count("accepted", deliveries.accepted() + staffAccepted)
                .count("published", copies)
                .count("delivered", after.delivered())
                .count("duplicates", after.duplicates() + inboxDuplicates + sentDuplicates + infoMailDuplicates)
                .count("lost", after.missing())
                .count("dlq", dlq)
                .count("target-duplicates", after.duplicates())
                .count("inbox-duplicates", inboxDuplicates)
                .count("sent-folder-duplicates", sentDuplicates)
                .count(
                        "info-mails",
                        mailsAfter.values().stream()
                                .mapToLong(Integer::longValue)
                                .sum())
                .count("info-mail-duplicates", infoMailDuplicates)
                .count("routed-records-doubled-by-routing", routedDuplicates)
                .extra("records-copied-per-topic", copied)
                .extra("delivered-by-target", deliveries.deliveredByChannel(targets))
                .duration("copies written → consumers caught up", redelivery);
        result.check(settledAgain, "phase 2: consumer groups did not catch up")
                .check(after.missing() == 0, after.missing() + " messages missing at the targets")
                .check(after.duplicates() == 0, after.duplicates() + " second copies at E-AKTE / VCC / office mail")
                .check(inboxDuplicates == 0, inboxDuplicates + " staff messages twice in an inbox")
                .check(sentDuplicates == 0, sentDuplicates + " messages twice in a sent folder")
                .check(infoMailDuplicates == 0, infoMailDuplicates + " second info e-mails")
                .check(
                        mailsAfter.size() == customers.size(),
                        mailsAfter.size() + " of " + customers.size() + " customers got an info e-mail")
                .check(dlq == 0, dlq + " records dead-lettered");
        result.note("published = records copied (exact duplicates of every record on the message topics);"
                + " duplicates = second effects a user would see (targets, inbox, sent folder, info e-mails)");
        result.note("routing-service has no business-level dedup: a copied customer-message record is routed again"
                + " (counted as routed-records-doubled-by-routing); the adapters' idempotency keys and Message-IDs"
                + " keep that from becoming a second effect");
    }

    private static long routedDuplicates(PostfachSystem system, Deliveries deliveries) {
        Map<String, Integer> counts = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : Kafka.readAll(
                system.bootstrapServers(), Topics.ROUTED_EAKTE, Topics.ROUTED_OUTLOOK, Topics.ROUTED_SERVICECENTER)) {
            try {
                String id = de.jobcenter.postfach.contracts.EventJson.read(
                                record.value(), de.jobcenter.postfach.contracts.MessageRouted.class)
                        .messageId()
                        .toString();
                if (deliveries.customerOf.containsKey(id)) {
                    counts.merge(id, 1, Integer::sum);
                }
            } catch (RuntimeException e) {
                // not a MessageRouted (another scenario's poison): not ours
            }
        }
        // Each message is on a routed topic once from routing and once as our copy; more is routing's doing.
        return counts.values().stream().mapToLong(c -> Math.max(0, c - 2)).sum();
    }

    private static boolean awaitInboxes(Portal portal, List<String> customers, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (customers.stream().allMatch(c -> portal.folderTotal(c, "inbox") >= 1)) {
                return true;
            }
            TopicWatcher.sleep(1000);
        }
        return false;
    }

    private static boolean awaitInfoMails(Targets targets, int customers, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (infoMailsPerRecipient(targets).size() >= customers) {
                return true;
            }
            TopicWatcher.sleep(1000);
        }
        return false;
    }

    static Map<String, Integer> infoMailsPerRecipient(Targets targets) {
        Map<String, Integer> counts = new HashMap<>();
        for (MimeMessage mail : targets.infoMails()) {
            try {
                for (Address to : mail.getAllRecipients()) {
                    if (to.toString().contains("r5-")) {
                        counts.merge(to.toString(), 1, Integer::sum);
                    }
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return counts;
    }
}
