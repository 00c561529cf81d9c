package de.jobcenter.postfach.quality.faults;

import com.fasterxml.jackson.databind.JsonNode;
import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.quality.harness.Http;
import de.jobcenter.postfach.quality.harness.PostfachSystem;
import de.jobcenter.postfach.quality.harness.Service;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** What the portal does on behalf of signed-in customers: mailbox-api's REST API, with real tokens. */
final class Portal {
    /** A demo office and concern of config-service's seed, and the channel it routes to. */
    record Office(String officeId, String concern, Channel channel) {}

    static final Office EAKTE = new Office("JC-BERLIN-MITTE", "PROCESSING_STATUS", Channel.EAKTE);
    static final Office OUTLOOK = new Office("JC-HAMBURG-NORD", "RENT_AND_HEATING", Channel.OUTLOOK);
    static final Office SERVICE_CENTER = new Office("JC-KOELN", "APPOINTMENT_REQUEST", Channel.SERVICE_CENTER);
    static final Office[] ALL = {EAKTE, OUTLOOK, SERVICE_CENTER};

    private final PostfachSystem system;
    private final String base;
    private final Http http;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    Portal(PostfachSystem system) {
        this(system, Duration.ofSeconds(30));
    }

    Portal(PostfachSystem system, Duration timeout) {
        this.system = system;
        this.base = system.url(Service.MAILBOX_API) + "/api/v1";
        this.http = new Http(timeout);
    }

    String token(String customer) {
        return tokens.computeIfAbsent(customer, system::customerToken);
    }

    /** {@code POST /messages} with a fresh Idempotency-Key. */
    Http.Answer write(String customer, Office office, String subject, String body) {
        return write(customer, office, subject, body, UUID.randomUUID().toString());
    }

    Http.Answer write(String customer, Office office, String subject, String body, String idempotencyKey) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("officeId", office.officeId());
        message.put("concern", office.concern());
        message.put("subject", subject);
        message.put("body", body);
        return http.post(base + "/messages", token(customer), message, idempotencyKey);
    }

    /** The message as the customer reads it (its {@code status} for a sent one), or null when not found. */
    JsonNode message(String customer, String messageId) {
        Http.Answer answer = http.get(base + "/messages/" + messageId, token(customer));
        return answer.status() == 200 ? answer.json() : null;
    }

    String status(String customer, String messageId) {
        JsonNode message = message(customer, messageId);
        return message == null ? "NOT_FOUND" : message.path("status").asText();
    }

    /** How many messages a folder ({@code sent}, {@code inbox}) holds. */
    long folderTotal(String customer, String folder) {
        Http.Answer answer = http.get(base + "/messages?folder=" + folder + "&size=1", token(customer));
        if (answer.status() != 200) {
            throw new IllegalStateException("GET /messages?folder=" + folder + " answered " + answer.status());
        }
        return answer.json().path("total").asLong();
    }

    /** Switches info e-mails on; the token carries a verified address. */
    void optIn(String customer) {
        Http.Answer answer = http.put(base + "/me/notifications", token(customer), Map.of("enabled", true));
        if (answer.status() != 200) {
            throw new IllegalStateException("PUT /me/notifications answered " + answer.status() + ": " + answer.body());
        }
    }

    static String id(Http.Answer created) {
        return created.json().path("messageId").asText();
    }
}
