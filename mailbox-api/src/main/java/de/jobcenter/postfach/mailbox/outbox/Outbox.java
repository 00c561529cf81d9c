package de.jobcenter.postfach.mailbox.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import de.jobcenter.postfach.contracts.CloudEventHeaders;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.PostfachEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;

/**
 * Records an event to publish, in the caller's transaction: the event reaches Kafka if and only if the business
 * change it describes commits.
 */
@ApplicationScoped
public class Outbox {
    public static final String SERVICE = "mailbox-api";

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** The {@code event_type} of a tombstone row: a key with a null value on a compacted topic. */
    public static final String TOMBSTONE = "tombstone";

    @Transactional(Transactional.TxType.MANDATORY)
    public void add(String topic, PostfachEvent event) {
        String headers;
        try {
            headers =
                    EventJson.mapper().writeValueAsString(CloudEventHeaders.forEvent(event, SERVICE, clock.instant()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("CloudEvents headers are not serialisable", e);
        }
        em.createNativeQuery(
                        "insert into outbox_event (topic, event_key, event_type, headers, payload) values (?1, ?2, ?3, cast(?4 as jsonb), ?5)")
                .setParameter(1, topic)
                .setParameter(2, event.partitionKey())
                .setParameter(3, event.eventType().type())
                .setParameter(4, headers)
                .setParameter(5, EventJson.write(event))
                .executeUpdate();
    }

    /**
     * Records a tombstone: the key with a null value, which tells the consumers of a compacted topic to forget the
     * key (e.g. a customer whose data was purged). It carries no CloudEvents headers: it is no event.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void tombstone(String topic, String key) {
        em.createNativeQuery(
                        "insert into outbox_event (topic, event_key, event_type, headers, payload) values (?1, ?2, ?3, cast('{}' as jsonb), null)")
                .setParameter(1, topic)
                .setParameter(2, key)
                .setParameter(3, TOMBSTONE)
                .executeUpdate();
    }
}
