package de.jobcenter.postfach.quality.faults;

import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.MessageRouted;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.quality.harness.Http;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Messages customers wrote through mailbox-api to each of the three channels, and where they ended up. */
final class Deliveries {
    final Map<Channel, List<String>> idsByChannel = new EnumMap<>(Channel.class);
    final Map<String, String> customerOf = new LinkedHashMap<>();
    long sent;
    long refused;

    /** {@code perChannel} messages to each channel's demo office, one customer per message. */
    static Deliveries write(Portal portal, String prefix, int perChannel, String canary) {
        Deliveries deliveries = new Deliveries();
        for (Portal.Office office : Portal.ALL) {
            List<String> ids = deliveries.idsByChannel.computeIfAbsent(office.channel(), c -> new ArrayList<>());
            for (int i = 0; i < perChannel; i++) {
                String customer = prefix + "-" + office.channel().name().toLowerCase() + "-" + i;
                Http.Answer answer = portal.write(
                        customer,
                        office,
                        prefix.toUpperCase() + " " + canary + " Anfrage " + i,
                        "Guten Tag,\n" + canary + " bitte um Nachricht " + i + ".\nMit freundlichen Grüßen");
                deliveries.sent++;
                if (answer.status() == 201) {
                    String id = Portal.id(answer);
                    ids.add(id);
                    deliveries.customerOf.put(id, customer);
                } else {
                    deliveries.refused++;
                    System.out.println("write refused: " + answer.status() + " " + answer.body());
                }
            }
        }
        return deliveries;
    }

    List<String> allIds() {
        return new ArrayList<>(customerOf.keySet());
    }

    long accepted() {
        return customerOf.size();
    }

    /** Per channel: message id → copies at the channel's target. */
    Map<Channel, Map<String, Integer>> arrived(Targets targets) {
        Map<Channel, Map<String, Integer>> arrived = new EnumMap<>(Channel.class);
        arrived.put(Channel.EAKTE, targets.eakteDocuments());
        arrived.put(Channel.OUTLOOK, targets.officeMails());
        arrived.put(Channel.SERVICE_CENTER, targets.vccTickets());
        return arrived;
    }

    /** Delivered, duplicates and missing over all channels. */
    Targets.Tally tally(Targets targets) {
        Map<Channel, Map<String, Integer>> arrived = arrived(targets);
        long delivered = 0;
        long duplicates = 0;
        long missing = 0;
        for (var entry : idsByChannel.entrySet()) {
            Targets.Tally t = Targets.tally(entry.getValue(), arrived.get(entry.getKey()));
            delivered += t.delivered();
            duplicates += t.duplicates();
            missing += t.missing();
        }
        return new Targets.Tally(delivered, duplicates, missing);
    }

    /** Per channel: how many of its messages arrived at least once. */
    Map<String, Long> deliveredByChannel(Targets targets) {
        Map<Channel, Map<String, Integer>> arrived = arrived(targets);
        Map<String, Long> counts = new LinkedHashMap<>();
        idsByChannel.forEach((channel, ids) -> counts.put(
                channel.name(), Targets.tally(ids, arrived.get(channel)).delivered()));
        return counts;
    }

    boolean awaitDelivered(Targets targets, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (tally(targets).missing() == 0) {
                return true;
            }
            TopicWatcher.sleep(1000);
        }
        return tally(targets).missing() == 0;
    }

    /** The status each customer sees on their sent message, counted by value. */
    Map<String, Long> statuses(Portal portal) {
        Map<String, Long> counts = new TreeMap<>();
        customerOf.forEach((id, customer) -> counts.merge(portal.status(customer, id), 1L, Long::sum));
        return counts;
    }

    boolean awaitStatus(Portal portal, String status, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (statuses(portal).getOrDefault(status, 0L) == accepted()) {
                return true;
            }
            TopicWatcher.sleep(2000);
        }
        return statuses(portal).getOrDefault(status, 0L) == accepted();
    }

    /** Dead-letter records of the routed topics that carry one of these messages, and whether each has a reason. */
    record DeadLetters(long records, long distinct, long withoutReason) {}

    DeadLetters deadLetters(String bootstrap) {
        List<ConsumerRecord<String, byte[]>> records = Kafka.readAll(
                bootstrap,
                Topics.dlq(Topics.ROUTED_EAKTE),
                Topics.dlq(Topics.ROUTED_OUTLOOK),
                Topics.dlq(Topics.ROUTED_SERVICECENTER));
        List<ConsumerRecord<String, byte[]>> ours = records.stream()
                .filter(r -> {
                    try {
                        return customerOf.containsKey(EventJson.read(r.value(), MessageRouted.class)
                                .messageId()
                                .toString());
                    } catch (RuntimeException e) {
                        return false;
                    }
                })
                .toList();
        long distinct = ours.stream()
                .map(r -> EventJson.read(r.value(), MessageRouted.class).messageId())
                .collect(Collectors.toSet())
                .size();
        long withoutReason = ours.stream()
                .filter(r -> Kafka.header(r, "dead-letter-reason") == null)
                .count();
        return new DeadLetters(ours.size(), distinct, withoutReason);
    }
}
