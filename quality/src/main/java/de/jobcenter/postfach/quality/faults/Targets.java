package de.jobcenter.postfach.quality.faults;

import com.fasterxml.jackson.databind.JsonNode;
import de.jobcenter.postfach.quality.harness.PostfachSystem;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What arrived where a user of the targets looks: E-AKTE documents, VCC tickets, mails in GreenMail. */
final class Targets {
    private static final Pattern MESSAGE_ID = Pattern.compile("<([0-9a-fA-F-]{36})@");

    private final PostfachSystem system;

    Targets(PostfachSystem system) {
        this.system = system;
    }

    /** E-AKTE incoming documents per message id ({@code documentId} of the request body). */
    Map<String, Integer> eakteDocuments() {
        return countBy(system.eakte().documents(), "documentId");
    }

    /** VCC tickets per message id ({@code externalReference}). */
    Map<String, Integer> vccTickets() {
        return countBy(system.vcc().tickets(), "externalReference");
    }

    /** Mails to the offices' mailboxes (not to customers), per message id taken from the Message-ID header. */
    Map<String, Integer> officeMails() {
        Map<String, Integer> counts = new HashMap<>();
        for (MimeMessage mail : system.mail().getReceivedMessages()) {
            if (toCustomer(mail)) {
                continue;
            }
            try {
                String header = mail.getMessageID();
                Matcher matcher = header == null ? null : MESSAGE_ID.matcher(header);
                if (matcher != null && matcher.find()) {
                    counts.merge(matcher.group(1), 1, Integer::sum);
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return counts;
    }

    /** Info e-mails: the mails to customers (their addresses are {@code <subject>@example.org}). */
    List<MimeMessage> infoMails() {
        return List.of(system.mail().getReceivedMessages()).stream()
                .filter(Targets::toCustomer)
                .toList();
    }

    static boolean toCustomer(MimeMessage mail) {
        try {
            Address[] to = mail.getAllRecipients();
            if (to == null) {
                return false;
            }
            for (Address address : to) {
                if (address.toString().endsWith("@example.org")
                        || address.toString().endsWith("@example.org>")) {
                    return true;
                }
            }
            return false;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For ids: how many arrived at least once, and how many copies beyond the first. */
    record Tally(long delivered, long duplicates, long missing) {}

    static Tally tally(Collection<String> ids, Map<String, Integer> arrived) {
        long delivered = 0;
        long duplicates = 0;
        for (String id : ids) {
            int n = arrived.getOrDefault(id, 0);
            if (n > 0) {
                delivered++;
                duplicates += n - 1;
            }
        }
        return new Tally(delivered, duplicates, ids.size() - delivered);
    }

    private static Map<String, Integer> countBy(List<JsonNode> items, String field) {
        Map<String, Integer> counts = new HashMap<>();
        for (JsonNode item : items) {
            counts.merge(item.path(field).asText(), 1, Integer::sum);
        }
        return counts;
    }
}
