package de.jobcenter.postfach.mailbox.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import de.jobcenter.postfach.contracts.CloudEventHeaders;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.PostfachEvent;
import de.jobcenter.postfach.mailbox.persistence.PlainSql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * Records an event to publish, in the caller's transaction: the event reaches Kafka if and only if the business
 * change it describes commits. The row is written with plain SQL on the transaction's connection: no Hibernate
 * auto-flush before it, and a caller outside a transaction is refused ({@link PlainSql}).
 */
@ApplicationScoped
public class Outbox {
    public static final String SERVICE = "mailbox-api";

    @Inject
    PlainSql sql;

    @Inject
    Clock clock;

    /** The {@code event_type} of a tombstone row: a key with a null value on a compacted topic. */
    public static final String TOMBSTONE = "tombstone";

    public void add(String topic, PostfachEvent event) {
        String headers;
        try {
            headers =
                    EventJson.mapper().writeValueAsString(CloudEventHeaders.forEvent(event, SERVICE, clock.instant()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("CloudEvents headers are not serialisable", e);
        }
        sql.update(
                "insert into outbox_event (topic, event_key, event_type, headers, payload) values (?, ?, ?, cast(? as jsonb), ?)",
                topic,
                event.partitionKey(),
                event.eventType().type(),
                headers,
                EventJson.write(event));
    }

    /**
     * Records a tombstone: the key with a null value, which tells the consumers of a compacted topic to forget the
     * key (e.g. a customer whose data was purged). It carries no CloudEvents headers: it is no event.
     */
    public void tombstone(String topic, String key) {
        sql.update(
                "insert into outbox_event (topic, event_key, event_type, headers, payload) values (?, ?, ?, cast('{}' as jsonb), null)",
                topic,
                key,
                TOMBSTONE);
    }
}
